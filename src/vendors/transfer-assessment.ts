import { type AdequacyDecision, adequacyFor, countryName, isCountryCode, isEea } from "./countries.ts";
import type { Frequency, SccModule, TransferMechanism } from "./register-vocabulary.ts";

export interface TransferInput {
  country: string;
  mechanism: TransferMechanism;
  sccModule?: SccModule | undefined;
  /** The recipient is on the EU-US Data Privacy Framework list (only matters for the US). */
  dpfCertified?: boolean | undefined;
  /** The recipient is a commercial organisation subject to PIPEDA (only matters for Canada). */
  canadaCommercial?: boolean | undefined;
  /** How often data flows; Art. 49 derogations only fit occasional transfers. */
  frequency?: Frequency | undefined;
}

/**
 * inside_eea: no transfer at all. adequate: a transfer covered by an adequacy decision (Art. 45).
 * restricted: a transfer that needs an Art. 46 safeguard, BCRs or a derogation.
 */
export type TransferStatus = "inside_eea" | "adequate" | "restricted";

export type TransferProblem =
  | "unknown_country"
  | "no_mechanism"
  | "no_adequacy_decision"
  | "adequacy_out_of_scope"
  | "scc_module_missing"
  | "derogation_for_regular_transfer";

export interface TransferAssessment {
  country: string;
  countryName: string;
  status: TransferStatus;
  mechanism: TransferMechanism;
  /** Whether the transfer, as recorded, has a lawful basis under GDPR Chapter V. */
  sufficient: boolean;
  problem?: TransferProblem;
  /** A lawful but fragile basis the privacy team should look at. */
  caution?: string;
  /** One sentence a privacy reviewer can read. */
  message: string;
}

/** Decide whether processing in a country is a restricted transfer and whether the recorded mechanism covers it. */
export function assessTransfer(input: TransferInput): TransferAssessment {
  const { country, mechanism } = input;
  const name = countryName(country);
  const base = { country, countryName: name, mechanism };

  if (!isCountryCode(country)) {
    return {
      ...base,
      status: "restricted",
      sufficient: false,
      problem: "unknown_country",
      message: `"${country}" is not a known country code, so the transfer cannot be assessed.`,
    };
  }
  if (isEea(country)) {
    return {
      ...base,
      status: "inside_eea",
      sufficient: true,
      message: `${name} is inside the EEA: no transfer safeguard is needed.`,
    };
  }

  const decision = adequacyFor(country);
  if (decision && adequacyCovers(decision, input)) {
    return {
      ...base,
      status: "adequate",
      sufficient: true,
      message: `${name} is covered by an EU adequacy decision (${decision.scopeNote}): no further safeguard is needed (GDPR Art. 45).`,
    };
  }
  return assessRestricted(input, name, decision);
}

function adequacyCovers(decision: AdequacyDecision, input: TransferInput): boolean {
  switch (decision.scope) {
    case "whole_country":
      return true;
    // A vendor is a business, so the Japanese private-sector decision covers it.
    case "private_sector":
      return true;
    case "dpf_certified":
      return input.dpfCertified === true;
    case "canada_commercial":
      return input.canadaCommercial === true;
  }
}

function assessRestricted(
  input: TransferInput,
  name: string,
  decision: AdequacyDecision | undefined,
): TransferAssessment {
  const base = {
    country: input.country,
    countryName: name,
    mechanism: input.mechanism,
    status: "restricted" as const,
  };
  const fail = (problem: TransferProblem, message: string): TransferAssessment => ({
    ...base,
    sufficient: false,
    problem,
    message,
  });

  switch (input.mechanism) {
    case "none":
      return fail(
        "no_mechanism",
        `Transfer to ${name} without a safeguard: ${name} has no adequacy decision that covers this recipient, so SCCs, BCRs or a derogation are needed (GDPR Art. 44).`,
      );
    case "adequacy":
      if (decision) {
        return fail("adequacy_out_of_scope", `Transfer to ${name}: ${outOfScopeReason(decision)}.`);
      }
      return fail(
        "no_adequacy_decision",
        `Transfer to ${name} relies on adequacy, but the EU has no adequacy decision for ${name}; use SCCs or BCRs instead.`,
      );
    case "scc":
      if (input.sccModule === undefined) {
        return fail(
          "scc_module_missing",
          `Transfer to ${name} under SCCs, but the SCC module is not recorded.`,
        );
      }
      return {
        ...base,
        sufficient: true,
        message: `Transfer to ${name} under standard contractual clauses, module ${input.sccModule} (GDPR Art. 46(2)(c)).`,
      };
    case "bcr":
      return {
        ...base,
        sufficient: true,
        message: `Transfer to ${name} under binding corporate rules (GDPR Art. 47).`,
      };
    case "derogation":
      if (input.frequency === "continuous" || input.frequency === "recurring") {
        return fail(
          "derogation_for_regular_transfer",
          `Transfer to ${name} relies on an Art. 49 derogation, but the data flows ${input.frequency === "continuous" ? "continuously" : "regularly"}; derogations only cover occasional transfers.`,
        );
      }
      return {
        ...base,
        sufficient: true,
        caution:
          "Art. 49 derogations are for occasional transfers in specific situations; prefer SCCs or BCRs.",
        message: `Transfer to ${name} relies on a derogation for a specific situation (GDPR Art. 49).`,
      };
  }
}

function outOfScopeReason(decision: AdequacyDecision): string {
  switch (decision.scope) {
    case "dpf_certified":
      return "the US adequacy decision covers only organisations certified under the EU-US Data Privacy Framework, and this recipient is not recorded as certified";
    case "canada_commercial":
      return "the Canadian adequacy decision covers only commercial organisations subject to PIPEDA, and this recipient is not recorded as one";
    default:
      return `the adequacy decision covers only ${decision.scopeNote}`;
  }
}
