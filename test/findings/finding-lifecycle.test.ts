import { describe, expect, it } from "vitest";
import type { FindingStatus } from "../../src/db/schema.ts";
import {
  addYears,
  allowedActions,
  checkAcceptanceUntil,
  checkTargetDate,
  checkTransition,
  type FindingAction,
  type FindingActor,
  hasAcceptanceExpired,
  isFindingOverdue,
} from "../../src/findings/finding-lifecycle.ts";

const STATUSES: FindingStatus[] = ["open", "remediation_planned", "resolved", "risk_accepted"];
const ACTORS: FindingActor[] = ["admin", "privacy", "procurement", "viewer", "system"];

/** The rules written out by hand: action -> [statuses it starts from, who may take it, where it leads]. */
const EXPECTED: Record<FindingAction, [FindingStatus[], FindingActor[], FindingStatus]> = {
  plan: [
    ["open", "remediation_planned"],
    ["admin", "privacy", "procurement", "system"],
    "remediation_planned",
  ],
  resolve: [["remediation_planned"], ["admin", "privacy", "system"], "resolved"],
  accept_risk: [["open", "remediation_planned"], ["admin", "privacy", "system"], "risk_accepted"],
  reopen: [["resolved", "risk_accepted"], ["admin", "privacy", "system"], "open"],
  expire: [["risk_accepted"], ["system"], "open"],
  auto_resolve: [["open", "remediation_planned", "risk_accepted"], ["system"], "resolved"],
};

const table = (Object.keys(EXPECTED) as FindingAction[]).flatMap((action) =>
  STATUSES.flatMap((status) => ACTORS.map((actor) => ({ action, status, actor }))),
);

describe("the finding lifecycle", () => {
  it.each(table)("$actor: $action from $status", ({ action, status, actor }) => {
    const [from, by, to] = EXPECTED[action];
    const result = checkTransition(status, action, actor);
    if (!by.includes(actor)) {
      expect(result).toMatchObject({ ok: false, reason: "role" });
    } else if (!from.includes(status)) {
      expect(result).toMatchObject({ ok: false, reason: "status" });
    } else {
      expect(result).toEqual({ ok: true, to });
    }
  });

  it("explains a refusal in words a reviewer understands", () => {
    const refused = checkTransition("open", "resolve", "privacy");
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.message).toBe(
        "Cannot resolve a finding that is open: this needs a finding with a remediation plan; record the vendor's plan first",
      );
    const role = checkTransition("open", "accept_risk", "procurement");
    if (!role.ok) expect(role.message).toBe("Only admin or privacy may accept the risk of a finding");
  });

  it.each([
    ["open", "procurement", ["plan"]],
    ["open", "privacy", ["plan", "accept_risk"]],
    ["remediation_planned", "admin", ["plan", "resolve", "accept_risk"]],
    ["resolved", "privacy", ["reopen"]],
    ["risk_accepted", "admin", ["reopen"]],
    ["risk_accepted", "procurement", []],
    ["open", "viewer", []],
  ] as const)("the forms shown for a %s finding to %s: %j", (status, role, actions) => {
    expect(allowedActions(status, role)).toEqual(actions);
  });

  it.each([
    ["open", "2026-03-01", true],
    ["open", "2026-03-02", false],
    ["remediation_planned", "2026-02-01", true],
    ["risk_accepted", "2026-02-01", false],
    ["resolved", "2026-02-01", false],
  ] as const)("a %s finding due %s is overdue on 2026-03-02: %s", (status, due, overdue) => {
    expect(isFindingOverdue(status, due, "2026-03-02")).toBe(overdue);
  });
});

describe("dates a lifecycle step accepts", () => {
  it.each([
    ["2026-03-01", ["must be today (2026-03-02) or later"]],
    ["2026-03-02", []],
    ["2026-09-30", []],
  ])("remediation target %s", (target, messages) => {
    expect(checkTargetDate(target, "2026-03-02").map((i) => i.message)).toEqual(messages);
  });

  it.each([
    ["2026-03-02", "must be after today (2026-03-02)"],
    ["2026-03-01", "must be after today (2026-03-02)"],
    ["2026-03-03", null],
    ["2029-03-02", null],
    ["2029-03-03", "must be at most 3 years ahead (2029-03-02)"],
  ])("risk accepted until %s", (until, message) => {
    const issues = checkAcceptanceUntil(until, "2026-03-02");
    expect(issues).toEqual(message ? [{ path: "until", message }] : []);
  });

  it("three years after a leap day is the 28th of February", () => {
    expect(addYears("2028-02-29", 3)).toBe("2031-02-28");
    expect(addYears("2026-03-02", 3)).toBe("2029-03-02");
  });

  it("an acceptance lapses the day after its last accepted day", () => {
    expect(hasAcceptanceExpired("2026-03-02", "2026-03-02")).toBe(false);
    expect(hasAcceptanceExpired("2026-03-02", "2026-03-03")).toBe(true);
    expect(hasAcceptanceExpired(null, "2026-03-03")).toBe(false);
  });
});
