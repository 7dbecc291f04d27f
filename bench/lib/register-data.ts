// A large, varied, reproducible register for the bench: the same seed always gives the same vendors.
import { ulid } from "ulid";
import type { ProcessingRecordRow, VendorRow } from "../../src/db/schema.ts";
import { adequacyFor, isEea } from "../../src/vendors/countries.ts";
import type { ProcessingInput } from "../../src/vendors/register-service.ts";
import type { Access, DataCategory, Frequency, LegalBasis } from "../../src/vendors/register-vocabulary.ts";
import { computeInherentRisk } from "../../src/vendors/risk-tier.ts";
import { toRegisterVendor } from "../../src/vendors/vendor-mappers.ts";
import { newVendorRow } from "../../src/vendors/vendor-rows.ts";
import { createRandom, type Random } from "./random.ts";
import {
  COUNTRIES,
  CRITICALITIES,
  FIRST_WORDS,
  LEGAL_FORMS,
  OWNERS,
  RECORD_KINDS,
  RECORD_WEIGHTS,
  RETENTIONS,
  SECOND_WORDS,
  STATUSES,
  THIRD_WORDS,
} from "./register-samples.ts";

export interface GeneratedVendor {
  vendor: VendorRow;
  /** The records as the API and the CSV import take them, ids included. */
  records: (ProcessingInput & { id: string })[];
  processing: ProcessingRecordRow[];
}

/** The three name words of vendor `index`: a fixed walk over every combination, so names never repeat. */
function nameParts(index: number): [string, string, string] {
  const a = FIRST_WORDS.length;
  const b = SECOND_WORDS.length;
  const all = a * b * THIRD_WORDS.length;
  // A stride coprime to `all` visits each combination once and keeps neighbouring ids far apart by name.
  const j = (index * 7919) % all;
  const round = Math.floor(index / all);
  const third = `${THIRD_WORDS[Math.floor(j / (a * b))]}${round > 0 ? ` ${round + 1}` : ""}`;
  return [FIRST_WORDS[j % a] as string, SECOND_WORDS[Math.floor(j / a) % b] as string, third];
}

function slugOf(text: string): string {
  return (
    text
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .toLowerCase() || "vendor"
  );
}

function mechanismFor(country: string, random: Random): ProcessingInput["locations"][number] {
  if (isEea(country) || adequacyFor(country)?.scope === "whole_country")
    return { country, mechanism: "adequacy" };
  if (random.chance(0.1)) return { country, mechanism: "none" };
  return { country, mechanism: "scc", sccModule: 2 };
}

/** The kinds of a vendor's (at most two) records: never the same twice, as a vendor's records differ by purpose. */
function recordKinds(random: Random, count: number): number[] {
  const first = Number(random.pickWeighted(RECORD_WEIGHTS));
  const n = RECORD_KINDS.length;
  return Array.from({ length: count }, (_, i) =>
    i === 0 ? first : (first + i + Math.floor(random.next() * (n - count))) % n,
  );
}

function generateRecord(
  random: Random,
  vendorCountry: string,
  id: string,
  kindIndex: number,
): ProcessingInput & { id: string } {
  const kind = RECORD_KINDS[kindIndex] ?? RECORD_KINDS[0];
  const categories: DataCategory[] = [...kind.categories];
  if (random.chance(0.1) && !categories.includes("location")) categories.push("location");
  const locations = [mechanismFor(vendorCountry, random)];
  if (vendorCountry !== "US" && random.chance(0.25)) locations.push(mechanismFor("US", random));
  return {
    id,
    purpose: kind.purpose,
    legalBasis: kind.basis as LegalBasis,
    dataCategories: categories,
    ...("art9" in kind ? { art9Condition: kind.art9 } : {}),
    ...("art10" in kind ? { art10Basis: kind.art10 } : {}),
    dataSubjects: [...kind.subjects],
    // Spread over five orders of magnitude, as real registers are.
    subjectCount: Math.round(10 ** (1.5 + random.next() * 5)),
    ...(random.chance(0.9) ? { retention: random.pick(RETENTIONS) } : {}),
    frequency: random.pickWeighted<Frequency>({ continuous: 6, recurring: 3, one_off: 1 }),
    access: random.pickWeighted<Access>({ stores: 6, processes_only: 2, remote_access: 1, no_access: 1 }),
    locations,
  };
}

/** The row addProcessingRecord writes for `input`. */
export function toProcessingRow(
  vendorId: string,
  input: ProcessingInput & { id: string },
  at: string,
): ProcessingRecordRow {
  return {
    id: input.id,
    vendor_id: vendorId,
    purpose: input.purpose,
    legal_basis: input.legalBasis,
    data_categories: JSON.stringify(input.dataCategories),
    art9_condition: input.art9Condition ?? null,
    art10_basis: input.art10Basis ?? null,
    data_subjects: JSON.stringify(input.dataSubjects),
    subject_count: input.subjectCount,
    retention: input.retention ?? null,
    frequency: input.frequency,
    access: input.access,
    locations: JSON.stringify(input.locations),
    created_at: at,
    updated_at: at,
  };
}

const DAY_MS = 86_400_000;

/**
 * `count` vendors with about `records` data-sharing records among them, each vendor row as the services
 * would leave it after creating the vendor and adding its records (name_key, computed tier, tier in force).
 */
export function* generateRegister(options: {
  count: number;
  records: number;
  seed?: number;
  now?: Date;
}): Generator<GeneratedVendor> {
  const random = createRandom(options.seed ?? 20_261_129);
  const now = (options.now ?? new Date("2026-11-01T00:00:00Z")).getTime();
  const withRecords = Math.min(1, options.records / (options.count * 1.5));
  for (let i = 0; i < options.count; i++) {
    const [first, second, third] = nameParts(i);
    const name = `${first} ${second} ${third}`;
    const country = random.pickWeighted(COUNTRIES);
    const status = random.pickWeighted(STATUSES);
    const criticality = random.pickWeighted(CRITICALITIES);
    const createdMs = now - Math.floor(random.next() * 3 * 365 * DAY_MS);
    const created = new Date(createdMs).toISOString();
    const updated = new Date(
      Math.min(now, createdMs + Math.floor(random.next() * 90 * DAY_MS)),
    ).toISOString();
    const id = ulid(createdMs, random.next);
    const recordCount = random.chance(withRecords) ? (random.chance(0.5) ? 1 : 2) : 0;
    const records = recordKinds(random, recordCount).map((kind) =>
      generateRecord(random, country, ulid(createdMs + 1000, random.next), kind),
    );
    const processing = records.map((r) => toProcessingRow(id, r, updated));
    const legalForm = LEGAL_FORMS[country];
    const vendor = newVendorRow({
      id,
      name,
      legal_name: legalForm && random.chance(0.7) ? `${first} ${second} ${legalForm}` : null,
      registered_address: random.chance(0.6)
        ? `${1 + Math.floor(random.next() * 200)} ${third} Street, ${country}`
        : null,
      country,
      website: random.chance(0.8) ? `https://${slugOf(`${first}-${second}`)}.example` : null,
      service_description: random.chance(0.7)
        ? `${second} services for our ${random.pick(["finance", "HR", "sales", "IT", "clinical"])} team`
        : null,
      business_owner: random.chance(0.8) ? random.pick(OWNERS) : null,
      business_criticality: criticality,
      status,
      dpf_certified: country === "US" && random.chance(0.6) ? 1 : 0,
      canada_commercial: country === "CA" && random.chance(0.8) ? 1 : 0,
      ccpa_service_provider: country === "US" && random.chance(0.3) ? 1 : 0,
      computed_tier: "low",
      tier_override: null,
      tier_override_reason: null,
      tier: "low",
      needs_reassessment: status !== "intake" && random.chance(0.05) ? 1 : 0,
      offboarding_data_disposition:
        status === "offboarded" ? random.pick(["returned", "deleted"] as const) : null,
      offboarding_confirmed_on: status === "offboarded" ? updated.slice(0, 10) : null,
      offboarding_evidence: status === "offboarded" ? "Deletion certificate received by email" : null,
      created_at: created,
      updated_at: updated,
      residual_rating: null,
      next_review_date: null,
      last_decision_id: null,
    });
    const computed = computeInherentRisk(
      toRegisterVendor({ vendor, contacts: [], processing, subprocessors: [] }),
    ).tier;
    vendor.computed_tier = computed;
    vendor.tier = computed;
    if (random.chance(0.01)) {
      vendor.tier_override = computed === "critical" ? "high" : "critical";
      vendor.tier_override_reason = "Set by the privacy team after a review of the contract";
      vendor.tier = vendor.tier_override;
    }
    yield { vendor, records, processing };
  }
}
