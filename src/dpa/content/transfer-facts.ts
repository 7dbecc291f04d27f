import type { DpaInputs, DpaLocation } from "../dpa-inputs.ts";
import { joinList, unique } from "./text.ts";

/**
 * Which processing leaves the EEA without an adequacy decision covering it (GDPR Chapter V), and under which
 * module of the 2021 SCCs. A US recipient counts as adequate only when certified under the EU-US Data Privacy
 * Framework; the register already records that as status "adequate".
 */

/** Module 2 (controller to processor) for the processor's own locations. */
export const PROCESSOR_MODULE = 2;
/** Module 3 (processor to processor) for onward transfers to sub-processors. */
export const SUBPROCESSOR_MODULE = 3;

export const SCC_DECISION = "Commission Implementing Decision (EU) 2021/914 of 4 June 2021";
const DPF_DECISION = "Commission Implementing Decision (EU) 2023/1795";

const MODULE_LABELS: Record<number, string> = {
  1: "Module 1 (controller to controller)",
  2: "Module 2 (controller to processor)",
  3: "Module 3 (processor to processor)",
  4: "Module 4 (processor to controller)",
};

export function moduleLabel(module: number): string {
  return MODULE_LABELS[module] ?? `Module ${module}`;
}

export interface RestrictedTransfer {
  /** "processor" for the vendor's own locations, else a sub-processor. */
  recipient: "processor" | "subprocessor";
  recipientName: string;
  countryName: string;
  module: number;
  mechanism: DpaLocation["mechanism"];
  /** What the transfer is for: the records' purposes or the sub-processor's service. */
  context: string;
}

export function transferModule(location: DpaLocation, fallback: number): number {
  return location.sccModule ?? fallback;
}

/** Every restricted transfer, the processor's own first (one per country and module), then each sub-processor's. */
export function restrictedTransfers(inputs: DpaInputs): RestrictedTransfer[] {
  const own = new Map<string, RestrictedTransfer & { purposes: string[] }>();
  for (const record of inputs.records) {
    for (const location of record.locations) {
      if (location.status !== "restricted") continue;
      const module = transferModule(location, PROCESSOR_MODULE);
      const key = `${location.country}|${module}|${location.mechanism}`;
      const existing = own.get(key);
      if (existing) existing.purposes.push(record.purpose);
      else
        own.set(key, {
          recipient: "processor",
          recipientName: inputs.processor.legalName,
          countryName: location.countryName,
          module,
          mechanism: location.mechanism,
          context: "",
          purposes: [record.purpose],
        });
    }
  }
  const processorTransfers = [...own.values()].map(({ purposes, ...transfer }) => ({
    ...transfer,
    context: joinList(unique(purposes).map((purpose) => `"${purpose}"`)),
  }));
  const subprocessorTransfers = inputs.subprocessors
    .filter((sub) => sub.location.status === "restricted")
    .map(
      (sub): RestrictedTransfer => ({
        recipient: "subprocessor",
        recipientName: sub.name,
        countryName: sub.location.countryName,
        module: transferModule(sub.location, SUBPROCESSOR_MODULE),
        mechanism: sub.location.mechanism,
        context: sub.service,
      }),
    );
  return [...processorTransfers, ...subprocessorTransfers];
}

export function hasRestrictedTransfers(inputs: DpaInputs): boolean {
  return restrictedTransfers(inputs).length > 0;
}

/** The SCC modules the restricted transfers need, in ascending order. */
export function sccModules(transfers: RestrictedTransfer[]): number[] {
  return [...new Set(transfers.map((transfer) => transfer.module))].sort((a, b) => a - b);
}

/** How a transfer to this location is made lawful, as Annex I and Annex III state it. */
export function transferMechanismLabel(location: DpaLocation, fallbackModule: number): string {
  switch (location.status) {
    case "inside_eea":
      return "None needed (inside the EEA)";
    case "adequate":
      return location.country === "US"
        ? `Adequacy decision: EU-US Data Privacy Framework certification (${DPF_DECISION})`
        : "Adequacy decision (Art. 45 GDPR)";
    case "restricted": {
      const sccs = `Standard contractual clauses (2021), ${moduleLabel(transferModule(location, fallbackModule))}`;
      if (location.mechanism === "bcr")
        return `${sccs}; binding corporate rules (Art. 47 GDPR) also relied on`;
      if (location.mechanism === "derogation") return `${sccs}; a derogation (Art. 49 GDPR) also recorded`;
      return sccs;
    }
  }
}
