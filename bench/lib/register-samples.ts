// The words and weights the bench register is drawn from. The lists are packed by hand: one word a line
// would spread them over hundreds of lines.

// Several words carry the cases the list suite searches for: "ller" (Müller, Keller, Zöller) and names
// starting "mu" (Mundo, Murray); the rest spread names over the alphabet and several scripts.
// biome-ignore format: a packed word list
export const FIRST_WORDS = [
  "Müller", "Keller", "Zöller", "Łódź", "Ελληνικά", "Mundo", "Murray", "Acme", "Aurora", "Baltic", "Beacon",
  "Birch", "Bright", "Cedar", "Cobalt", "Crest", "Delta", "Ember", "Fjord", "Granit", "Harbor", "Helix", "Iris",
  "Juniper", "Kestrel", "Lumen", "Maple", "Meridian", "Nimbus", "Nordwind", "Oak", "Orbit", "Pioneer", "Quartz",
  "Raven", "Sable", "Sierra", "Summit", "Tundra", "Umbra", "Vertex", "Willow", "Zephyr", "Åkesson", "Øresund",
  "Ærø", "Čapek", "Gdańsk", "Αθηνά", "Straße", "Ostsee", "Xenon",
] as const;

// biome-ignore format: a packed word list
export const SECOND_WORDS = [
  "Analytics", "Cloud", "Data", "Payroll", "Logistics", "Hosting", "Security", "Software", "Systems", "Health",
  "Marketing", "Payments", "Consulting", "Labs", "Networks", "Media", "Mobility", "Insurance", "Print",
  "Recruiting", "Translation", "Energie", "Datentechnik", "Υπηρεσίες", "Usługi", "Services", "Support", "Telecom",
  "Travel", "Storage", "Identity", "Learning", "Legal", "Mail", "Research", "Robotics", "Signals", "Survey",
  "Ticketing", "Vision", "Voice", "Archive", "Billing", "Kliniken", "Medical",
] as const;

// biome-ignore format: a packed word list
export const THIRD_WORDS = [
  "Group", "Partners", "Europe", "International", "Holdings", "Nord", "Süd", "One", "Pro", "Direct", "Digital",
  "Global", "Solutions", "Technologies", "Works", "Hub", "Studio", "Collective", "Alliance", "Network", "Centre",
  "Systems", "Company", "Agency", "Foundry", "Exchange", "Factory", "Office", "Bureau", "Institute", "Union",
  "Trust", "Ventures", "Dynamics", "Connect", "Platform", "Point", "Line", "Bridge", "Gate", "Port", "Field",
  "Stream", "Wave", "Plus",
] as const;

/** Relative weights: Germany is the largest group so that country filters find plenty. */
// biome-ignore format: a packed table
export const COUNTRIES = {
  DE: 15, US: 12, FR: 8, GB: 8, NL: 5, PL: 5, GR: 3, IE: 4, SE: 3, IT: 4, ES: 4, AT: 2, BE: 2, DK: 2, FI: 2,
  CZ: 2, PT: 2, CH: 3, IN: 3, CA: 2, JP: 2, BR: 2, AU: 2, IL: 1, SG: 1, KR: 1, ZA: 1, MX: 1, CN: 1, TR: 1,
} as const;

// biome-ignore format: a packed table
export const LEGAL_FORMS: Partial<Record<string, string>> = {
  DE: "GmbH", AT: "GmbH", CH: "AG", US: "Inc.", GB: "Ltd", IE: "Ltd", FR: "SAS", NL: "B.V.", PL: "sp. z o.o.",
  GR: "Α.Ε.", SE: "AB", FI: "Oy", DK: "ApS", IT: "S.r.l.", ES: "S.L.", PT: "Lda", CZ: "s.r.o.", BE: "BV",
};

export const STATUSES = {
  intake: 15,
  under_review: 10,
  approved: 60,
  rejected: 5,
  offboarding: 5,
  offboarded: 5,
} as const;
export const CRITICALITIES = { low: 30, medium: 40, high: 20, critical: 10 } as const;
export const OWNERS = [
  "Anna Schmidt",
  "Jan Kowalski",
  "Νίκος Παπαδόπουλος",
  "Claire Martin",
  "Sam Taylor",
  "Åsa Lund",
];
export const RETENTIONS = [
  "12 months",
  "6 years after contract end",
  "Until consent is withdrawn",
  "30 days",
];

/** Typical data-sharing records; health is in about one record in eight, so its filter has plenty to find. */
export const RECORD_KINDS = [
  {
    weight: 14,
    purpose: "Payroll and benefits administration",
    basis: "contract",
    subjects: ["employees"],
    categories: ["identity", "contact", "employment", "financial", "government_id"],
  },
  {
    weight: 12,
    purpose: "Occupational health services",
    basis: "legal_obligation",
    subjects: ["employees", "patients"],
    categories: ["identity", "contact", "health"],
    art9: "health_social_care",
  },
  {
    weight: 20,
    purpose: "Customer support ticketing",
    basis: "contract",
    subjects: ["customers"],
    categories: ["identity", "contact", "communications"],
  },
  {
    weight: 18,
    purpose: "Website analytics and marketing",
    basis: "consent",
    subjects: ["website_visitors", "prospects"],
    categories: ["online_identifiers", "usage", "location"],
  },
  {
    weight: 14,
    purpose: "Card payment processing",
    basis: "contract",
    subjects: ["customers"],
    categories: ["identity", "financial"],
  },
  {
    weight: 6,
    purpose: "Pre-employment background checks",
    basis: "legal_obligation",
    subjects: ["contractors"],
    categories: ["identity", "criminal_offences"],
    art10: "National employment screening act",
  },
  {
    weight: 6,
    purpose: "Biometric building access",
    basis: "legal_obligation",
    subjects: ["employees"],
    categories: ["identity", "biometric"],
    art9: "employment_social_security",
  },
  {
    weight: 10,
    purpose: "Online learning for children",
    basis: "consent",
    subjects: ["children", "customers"],
    categories: ["identity", "contact", "usage"],
  },
] as const;
export const RECORD_WEIGHTS = Object.fromEntries(RECORD_KINDS.map((k, i) => [String(i), k.weight]));
