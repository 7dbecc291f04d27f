import { SEVERITIES, type Severity, type Template, type Tier } from "../questionnaires/template-schema.ts";
import { residualRating } from "./residual-rating.ts";
import type { RaisedFinding, Rating, ReviewPolicy, ScoreBand } from "./score-types.ts";

/** Templates imported from VSAQ carry `vsaq` metadata on their questions and are rated by their warnings. */
export function isVsaqTemplate(template: Template): boolean {
  return template.sections.some((section) =>
    section.questions.some((question) => question.vsaq !== undefined),
  );
}

/** How many raised findings there are of each severity. */
export function countBySeverity(findings: readonly RaisedFinding[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const finding of findings) counts[finding.severity] += 1;
  return counts;
}

export interface VsaqRating {
  band: ScoreBand;
  residualRating: Rating;
  drivers: string[];
}

/**
 * Rates by warnings instead of points (VSAQ answers carry no scores): the policy's rules are tried in order and
 * the first whose severity has at least `atLeast` raised findings sets the band; none matching gives `otherwise`.
 */
export function rateVsaq(policy: ReviewPolicy, tier: Tier, findings: readonly RaisedFinding[]): VsaqRating {
  const counts = countBySeverity(findings);
  const summary = SEVERITIES.map((severity) => `${counts[severity]} ${severity}`).join(", ");
  const drivers = [`Warnings raised: ${summary}`];
  const rule = policy.vsaq.rules.find((r) => counts[r.severity] >= r.atLeast);
  const band = rule ? rule.band : policy.vsaq.otherwise;
  drivers.push(
    rule
      ? `At least ${rule.atLeast} ${rule.severity} warning${rule.atLeast === 1 ? "" : "s"} gives band ${band}`
      : `No warning rule applies, so the band is ${band}`,
  );
  const rating = residualRating(policy, tier, band);
  drivers.push(`Inherent tier ${tier} and band ${band}: ${rating}`);
  return { band, residualRating: rating, drivers };
}
