import type { DpaInputs } from "../dpa-inputs.ts";
import type { Refs } from "./outline.ts";
import { placeholder } from "./text.ts";
import type { RestrictedTransfer } from "./transfer-facts.ts";

/** What every section builder reads: the inputs, the planned clause numbers and the restricted transfers. */
export interface ContentContext {
  inputs: DpaInputs;
  refs: Refs;
  transfers: RestrictedTransfer[];
}

/** The processor's services as the register describes them, or a placeholder. */
export function servicesText(inputs: DpaInputs): string {
  const services = inputs.services?.trim();
  return services ? services : placeholder("description of the services");
}

/** The purposes of the processing, verbatim from the register and each once. */
export function registerPurposes(inputs: DpaInputs): string[] {
  return [...new Set(inputs.records.map((record) => record.purpose))];
}
