import { describe, expect, it } from "vitest";
import {
  inviteExpiry,
  isOverdue,
  isReminderDue,
  nextReminderDay,
  type ReminderState,
} from "../../src/assessments/reminder-schedule.ts";

const base: ReminderState = {
  dueDate: "2026-03-20",
  createdAt: "2026-03-02T09:00:00.000Z",
  lastReminderAt: null,
  daysBeforeDue: [7, 1],
  graceDays: 30,
};

describe("when reminders go out", () => {
  it.each([
    ["long before the due date", {}, "2026-03-10T12:00:00Z", false, "2026-03-13"],
    ["seven days before", {}, "2026-03-13T00:00:00Z", true, "2026-03-13"],
    [
      "after the seven-day reminder went out",
      { lastReminderAt: "2026-03-13T01:00:00Z" },
      "2026-03-15T00:00:00Z",
      false,
      "2026-03-19",
    ],
    [
      "one day before",
      { lastReminderAt: "2026-03-13T01:00:00Z" },
      "2026-03-19T05:00:00Z",
      true,
      "2026-03-19",
    ],
    [
      "on the due date itself",
      { lastReminderAt: "2026-03-19T05:00:00Z" },
      "2026-03-20T23:59:00Z",
      false,
      "2026-03-21",
    ],
    [
      "the first overdue day",
      { lastReminderAt: "2026-03-19T05:00:00Z" },
      "2026-03-21T00:00:00Z",
      true,
      "2026-03-21",
    ],
    [
      "overdue, already reminded today",
      { lastReminderAt: "2026-03-21T00:10:00Z" },
      "2026-03-21T23:00:00Z",
      false,
      "2026-03-22",
    ],
    [
      "sent after the planned days",
      { createdAt: "2026-03-19T10:00:00Z" },
      "2026-03-19T20:00:00Z",
      false,
      "2026-03-21",
    ],
    [
      "sent three days before",
      { createdAt: "2026-03-17T10:00:00Z" },
      "2026-03-18T10:00:00Z",
      false,
      "2026-03-19",
    ],
    [
      "past the grace period",
      { lastReminderAt: "2026-04-19T01:00:00Z" },
      "2026-04-20T01:00:00Z",
      false,
      null,
    ],
    [
      "the last day of grace",
      { lastReminderAt: "2026-04-18T01:00:00Z" },
      "2026-04-19T01:00:00Z",
      true,
      "2026-04-19",
    ],
  ] as const)("%s", (_case, change, now, due, next) => {
    const state = { ...base, ...change };
    expect(isReminderDue(state, new Date(now))).toBe(due);
    expect(nextReminderDay(state, new Date(now))).toBe(next);
  });

  it("an invite lasts to the end of the due date plus the grace days, in UTC", () => {
    expect(inviteExpiry("2026-03-20", 30)).toBe("2026-04-19T23:59:59.999Z");
    expect(inviteExpiry("2026-12-31", 1)).toBe("2027-01-01T23:59:59.999Z");
  });

  it("the whole due date is on time", () => {
    expect(isOverdue("2026-03-20", new Date("2026-03-20T23:59:59Z"))).toBe(false);
    expect(isOverdue("2026-03-20", new Date("2026-03-21T00:00:00Z"))).toBe(true);
  });
});
