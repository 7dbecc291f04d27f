/**
 * DPA inputs for the content, renderer and storage tests, and helpers that read a DpaDocument as text. Each inputs
 * call returns a fresh object, so a test may change its copy freely.
 */
export { blockText, type Clause, clauses, clauseTitled, documentText, part } from "./dpa-document-text.ts";
export { dpfDpaInputs, plainDpaInputs } from "./dpa-plain-inputs.ts";
export { RICH_MEASURES, richDpaInputs } from "./dpa-rich-inputs.ts";
