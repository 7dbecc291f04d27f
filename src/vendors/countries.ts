import { z } from "@hono/zod-openapi";

// ISO 3166-1 alpha-2: every officially assigned code with its English short name, written "CODE Name" and
// separated by ";" so the list stays compact. Reserved and user-assigned codes (EU, UK, XK, ...) are not
// countries and are deliberately absent. Taiwan is given its common name.
const ISO_3166_1 = `
AD Andorra; AE United Arab Emirates; AF Afghanistan; AG Antigua and Barbuda; AI Anguilla; AL Albania;
AM Armenia; AO Angola; AQ Antarctica; AR Argentina; AS American Samoa; AT Austria; AU Australia; AW Aruba;
AX Åland Islands; AZ Azerbaijan; BA Bosnia and Herzegovina; BB Barbados; BD Bangladesh; BE Belgium;
BF Burkina Faso; BG Bulgaria; BH Bahrain; BI Burundi; BJ Benin; BL Saint Barthélemy; BM Bermuda;
BN Brunei Darussalam; BO Bolivia; BQ Bonaire, Sint Eustatius and Saba; BR Brazil; BS Bahamas; BT Bhutan;
BV Bouvet Island; BW Botswana; BY Belarus; BZ Belize; CA Canada; CC Cocos (Keeling) Islands;
CD Congo, Democratic Republic of the; CF Central African Republic; CG Congo; CH Switzerland; CI Côte d'Ivoire;
CK Cook Islands; CL Chile; CM Cameroon; CN China; CO Colombia; CR Costa Rica; CU Cuba; CV Cabo Verde;
CW Curaçao; CX Christmas Island; CY Cyprus; CZ Czechia; DE Germany; DJ Djibouti; DK Denmark; DM Dominica;
DO Dominican Republic; DZ Algeria; EC Ecuador; EE Estonia; EG Egypt; EH Western Sahara; ER Eritrea; ES Spain;
ET Ethiopia; FI Finland; FJ Fiji; FK Falkland Islands (Malvinas); FM Micronesia, Federated States of;
FO Faroe Islands; FR France; GA Gabon; GB United Kingdom; GD Grenada; GE Georgia; GF French Guiana;
GG Guernsey; GH Ghana; GI Gibraltar; GL Greenland; GM Gambia; GN Guinea; GP Guadeloupe; GQ Equatorial Guinea;
GR Greece; GS South Georgia and the South Sandwich Islands; GT Guatemala; GU Guam; GW Guinea-Bissau; GY Guyana;
HK Hong Kong; HM Heard Island and McDonald Islands; HN Honduras; HR Croatia; HT Haiti; HU Hungary;
ID Indonesia; IE Ireland; IL Israel; IM Isle of Man; IN India; IO British Indian Ocean Territory; IQ Iraq;
IR Iran; IS Iceland; IT Italy; JE Jersey; JM Jamaica; JO Jordan; JP Japan; KE Kenya; KG Kyrgyzstan;
KH Cambodia; KI Kiribati; KM Comoros; KN Saint Kitts and Nevis; KP Korea, Democratic People's Republic of;
KR Korea, Republic of; KW Kuwait; KY Cayman Islands; KZ Kazakhstan; LA Lao People's Democratic Republic;
LB Lebanon; LC Saint Lucia; LI Liechtenstein; LK Sri Lanka; LR Liberia; LS Lesotho; LT Lithuania;
LU Luxembourg; LV Latvia; LY Libya; MA Morocco; MC Monaco; MD Moldova, Republic of; ME Montenegro;
MF Saint Martin (French part); MG Madagascar; MH Marshall Islands; MK North Macedonia; ML Mali; MM Myanmar;
MN Mongolia; MO Macao; MP Northern Mariana Islands; MQ Martinique; MR Mauritania; MS Montserrat; MT Malta;
MU Mauritius; MV Maldives; MW Malawi; MX Mexico; MY Malaysia; MZ Mozambique; NA Namibia; NC New Caledonia;
NE Niger; NF Norfolk Island; NG Nigeria; NI Nicaragua; NL Netherlands; NO Norway; NP Nepal; NR Nauru; NU Niue;
NZ New Zealand; OM Oman; PA Panama; PE Peru; PF French Polynesia; PG Papua New Guinea; PH Philippines;
PK Pakistan; PL Poland; PM Saint Pierre and Miquelon; PN Pitcairn; PR Puerto Rico; PS Palestine, State of;
PT Portugal; PW Palau; PY Paraguay; QA Qatar; RE Réunion; RO Romania; RS Serbia; RU Russian Federation;
RW Rwanda; SA Saudi Arabia; SB Solomon Islands; SC Seychelles; SD Sudan; SE Sweden; SG Singapore;
SH Saint Helena, Ascension and Tristan da Cunha; SI Slovenia; SJ Svalbard and Jan Mayen; SK Slovakia;
SL Sierra Leone; SM San Marino; SN Senegal; SO Somalia; SR Suriname; SS South Sudan; ST Sao Tome and Principe;
SV El Salvador; SX Sint Maarten (Dutch part); SY Syrian Arab Republic; SZ Eswatini; TC Turks and Caicos Islands;
TD Chad; TF French Southern Territories; TG Togo; TH Thailand; TJ Tajikistan; TK Tokelau; TL Timor-Leste;
TM Turkmenistan; TN Tunisia; TO Tonga; TR Türkiye; TT Trinidad and Tobago; TV Tuvalu; TW Taiwan;
TZ Tanzania, United Republic of; UA Ukraine; UG Uganda; UM United States Minor Outlying Islands;
US United States of America; UY Uruguay; UZ Uzbekistan; VA Holy See; VC Saint Vincent and the Grenadines;
VE Venezuela; VG Virgin Islands (British); VI Virgin Islands (U.S.); VN Viet Nam; VU Vanuatu;
WF Wallis and Futuna; WS Samoa; YE Yemen; YT Mayotte; ZA South Africa; ZM Zambia; ZW Zimbabwe
`;

const countryNames: ReadonlyMap<string, string> = new Map(
  ISO_3166_1.split(/[;\n]/)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0)
    .map((entry) => [entry.slice(0, 2), entry.slice(3)] as const),
);

/** Every assigned ISO 3166-1 alpha-2 code, alphabetically. */
export const COUNTRY_CODES: readonly string[] = [...countryNames.keys()];

/** The 27 EU member states plus Iceland, Liechtenstein and Norway (EEA Agreement). */
export const EEA_MEMBERS: readonly string[] = [
  ...["AT", "BE", "BG", "CY", "CZ", "DE", "DK", "EE", "ES", "FI", "FR", "GR", "HR", "HU"],
  ...["IE", "IT", "LT", "LU", "LV", "MT", "NL", "PL", "PT", "RO", "SE", "SI", "SK"],
  ...["IS", "LI", "NO"],
];

// Places with their own ISO code that are part of an EU member state's territory, so the GDPR applies there and
// sending data there is no transfer: Åland (Finland) and the French outermost regions (TFEU Art. 349, 355(1)).
// Overseas countries and territories (Greenland, French Polynesia, Aruba, ...) are outside the EU.
export const EEA_TERRITORIES: readonly string[] = ["AX", "GF", "GP", "MQ", "RE", "YT", "MF"];

const eea = new Set([...EEA_MEMBERS, ...EEA_TERRITORIES]);

/** Whether `code` (upper case) is an assigned ISO 3166-1 alpha-2 code. */
export function isCountryCode(code: string): boolean {
  return countryNames.has(code);
}

/** The English short name for a code; the code itself when unknown, so messages never show "undefined". */
export function countryName(code: string): string {
  return countryNames.get(code) ?? code;
}

/** Whether data processed in this country stays under the GDPR inside the EEA. */
export function isEea(code: string): boolean {
  return eea.has(code);
}

export const CountryCode = z
  .string({ error: "must be a two-letter country code" })
  .trim()
  .toUpperCase()
  .refine(isCountryCode, { error: "must be an ISO 3166-1 alpha-2 country code, such as DE or US" });
export type CountryCode = z.infer<typeof CountryCode>;

/**
 * Who an adequacy decision covers. "whole_country": every recipient. The others cover only some recipients,
 * and the register must record that the vendor is one of them.
 */
export type AdequacyScope = "whole_country" | "dpf_certified" | "canada_commercial" | "private_sector";

export interface AdequacyDecision {
  country: string;
  scope: AdequacyScope;
  /** What the decision covers, in words. */
  scopeNote: string;
  instrument: string;
  adoptedOn: string;
}

// Source: the European Commission's list "Adequacy decisions: how the EU determines if a non-EU country has an
// adequate level of data protection" (commission.europa.eu, data protection, international dimension).
// Checked against that list as the author knew it in late 2025, not against a live copy: re-check it when
// the Commission adopts, renews or withdraws a decision. The January 2024 review kept the eleven older ones.
export const ADEQUACY_SOURCE = {
  title: "European Commission: adequacy decisions",
  url: "https://commission.europa.eu/law/law-topic/data-protection/international-dimension-data-protection/adequacy-decisions_en",
  checkedOn: "2025-10",
} as const;

const decisions: readonly AdequacyDecision[] = [
  decision("AD", "whole_country", "Andorra", "Decision 2010/625/EU", "2010-10-19"),
  decision("AR", "whole_country", "Argentina", "Decision 2003/490/EC", "2003-06-30"),
  decision(
    "CA",
    "canada_commercial",
    "Commercial organisations subject to PIPEDA (Personal Information Protection and Electronic Documents Act)",
    "Decision 2002/2/EC",
    "2001-12-20",
  ),
  decision("CH", "whole_country", "Switzerland", "Decision 2000/518/EC", "2000-07-26"),
  decision("FO", "whole_country", "Faroe Islands", "Decision 2010/146/EU", "2010-03-05"),
  decision(
    "GB",
    "whole_country",
    "United Kingdom under the UK GDPR and Data Protection Act 2018; first adopted 2021, renewed in 2025",
    "Implementing Decision (EU) 2021/1772, renewed 2025",
    "2021-06-28",
  ),
  decision("GG", "whole_country", "Guernsey", "Decision 2003/821/EC", "2003-11-21"),
  decision(
    "IL",
    "whole_country",
    "Israel (international transfers of automated data)",
    "Decision 2011/61/EU",
    "2011-01-31",
  ),
  decision("IM", "whole_country", "Isle of Man", "Decision 2004/411/EC", "2004-04-28"),
  decision("JE", "whole_country", "Jersey", "Decision 2008/393/EC", "2008-05-08"),
  decision(
    "JP",
    "private_sector",
    "Private-sector business operators under the Act on the Protection of Personal Information, with the supplementary rules",
    "Implementing Decision (EU) 2019/419",
    "2019-01-23",
  ),
  decision(
    "KR",
    "whole_country",
    "Republic of Korea under the Personal Information Protection Act (credit information held by financial services firms excluded)",
    "Implementing Decision (EU) 2022/254",
    "2021-12-17",
  ),
  decision("NZ", "whole_country", "New Zealand", "Decision 2013/65/EU", "2012-12-19"),
  decision(
    "US",
    "dpf_certified",
    "Only organisations certified under the EU-US Data Privacy Framework",
    "Implementing Decision (EU) 2023/1795",
    "2023-07-10",
  ),
  decision("UY", "whole_country", "Uruguay", "Decision 2012/484/EU", "2012-08-21"),
];

function decision(
  country: string,
  scope: AdequacyScope,
  scopeNote: string,
  instrument: string,
  adoptedOn: string,
): AdequacyDecision {
  return { country, scope, scopeNote, instrument, adoptedOn };
}

const decisionsByCountry = new Map(decisions.map((d) => [d.country, d]));

/** The adequacy decisions in force, one per country. */
export const ADEQUACY_DECISIONS: readonly AdequacyDecision[] = decisions;

/** The EU adequacy decision in force for a country, if any (check its scope before relying on it). */
export function adequacyFor(code: string): AdequacyDecision | undefined {
  return decisionsByCountry.get(code);
}
