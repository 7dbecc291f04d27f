import { describe, expect, it } from "vitest";
import {
  ADEQUACY_DECISIONS,
  ADEQUACY_SOURCE,
  adequacyFor,
  COUNTRY_CODES,
  CountryCode,
  countryName,
  EEA_MEMBERS,
  EEA_TERRITORIES,
  isCountryCode,
  isEea,
} from "../../src/vendors/countries.ts";

describe("the country list a user picks vendor locations from", () => {
  it("holds every officially assigned ISO 3166-1 alpha-2 code once, in order", () => {
    expect(COUNTRY_CODES).toHaveLength(249);
    expect(new Set(COUNTRY_CODES).size).toBe(249);
    expect([...COUNTRY_CODES].sort()).toEqual(COUNTRY_CODES);
    for (const code of COUNTRY_CODES) {
      expect(code).toMatch(/^[A-Z]{2}$/);
      expect(countryName(code).length).toBeGreaterThan(2);
    }
  });

  it.each([
    ["DE", "Germany"],
    ["US", "United States of America"],
    ["GB", "United Kingdom"],
    ["CI", "Côte d'Ivoire"],
    ["KR", "Korea, Republic of"],
    ["BQ", "Bonaire, Sint Eustatius and Saba"],
    ["AX", "Åland Islands"],
    ["ZW", "Zimbabwe"],
  ])("names %s as %s", (code, name) => {
    expect(countryName(code)).toBe(name);
  });

  it.each(["EU", "UK", "XK", "ZZ", "de", "", "DEU"])("does not accept %j as a country code", (code) => {
    expect(isCountryCode(code)).toBe(false);
  });

  it("shows an unknown code as itself rather than undefined", () => {
    expect(countryName("ZZ")).toBe("ZZ");
  });

  it("normalises case and spaces when validating input", () => {
    expect(CountryCode.parse(" de ")).toBe("DE");
    const result = CountryCode.safeParse("XX");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/ISO 3166-1 alpha-2/);
  });
});

describe("EEA membership", () => {
  it("is the 27 EU states plus Iceland, Liechtenstein and Norway, all valid codes", () => {
    expect(EEA_MEMBERS).toHaveLength(30);
    expect(new Set(EEA_MEMBERS).size).toBe(30);
    expect(EEA_MEMBERS.every(isCountryCode)).toBe(true);
    expect(EEA_MEMBERS.filter((c) => !["IS", "LI", "NO"].includes(c))).toHaveLength(27);
  });

  it.each(["DE", "FR", "IE", "PL", "IS", "LI", "NO", "GF", "RE", "AX"])(
    "treats %s as inside the EEA",
    (code) => {
      expect(isEea(code)).toBe(true);
    },
  );

  it.each(["CH", "GB", "US", "GL", "FO", "PF", "NC", "TR", "SJ"])("treats %s as outside the EEA", (code) => {
    expect(isEea(code)).toBe(false);
  });

  it("lists only valid codes as EEA territories", () => {
    expect(EEA_TERRITORIES.every(isCountryCode)).toBe(true);
  });
});

describe("EU adequacy decisions", () => {
  it("names its source and the date it was checked", () => {
    expect(ADEQUACY_SOURCE.url).toMatch(/^https:\/\/commission\.europa\.eu\//);
    expect(ADEQUACY_SOURCE.checkedOn).toMatch(/^\d{4}-\d{2}/);
  });

  it("covers the countries with a decision in force and no one else", () => {
    expect(ADEQUACY_DECISIONS.map((d) => d.country).sort()).toEqual(
      ["AD", "AR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "US", "UY"].sort(),
    );
    for (const d of ADEQUACY_DECISIONS) {
      expect(isCountryCode(d.country)).toBe(true);
      expect(isEea(d.country)).toBe(false);
      expect(d.adoptedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    }
  });

  it.each([
    ["US", "dpf_certified"],
    ["CA", "canada_commercial"],
    ["JP", "private_sector"],
    ["GB", "whole_country"],
    ["KR", "whole_country"],
    ["CH", "whole_country"],
  ])("records the scope of the decision for %s as %s", (code, scope) => {
    expect(adequacyFor(code)?.scope).toBe(scope);
  });

  it.each(["CN", "IN", "BR", "AU", "SG", "RU"])("has no decision for %s", (code) => {
    expect(adequacyFor(code)).toBeUndefined();
  });
});
