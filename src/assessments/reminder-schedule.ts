// Dates in VendorVet are calendar days in UTC: a due date "2026-04-15" ends at 2026-04-15T23:59:59.999Z.

const DAY_MS = 24 * 60 * 60 * 1000;

/** The UTC calendar day of an instant, YYYY-MM-DD. */
export function utcDay(at: Date | string): string {
  return new Date(at).toISOString().slice(0, 10);
}

/** The day `days` after (or before, when negative) a YYYY-MM-DD day. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** The last millisecond of a day. */
export function endOfDay(day: string): Date {
  return new Date(Date.parse(`${day}T00:00:00.000Z`) + DAY_MS - 1);
}

/** When an invite stops working by default: the end of the due date plus the grace days. */
export function inviteExpiry(dueDate: string, graceDays: number): string {
  return endOfDay(addDays(dueDate, graceDays)).toISOString();
}

/** Whether the due date has passed (the whole day counts as on time). */
export function isOverdue(dueDate: string, now: Date): boolean {
  return utcDay(now) > dueDate;
}

export interface ReminderState {
  dueDate: string;
  /** When the invitation went out. */
  createdAt: string;
  lastReminderAt: string | null;
  /** Days before the due date on which a reminder goes out (config REMINDER_DAYS_BEFORE_DUE). */
  daysBeforeDue: readonly number[];
  /** Days after the due date during which overdue reminders go out daily (the invite grace period). */
  graceDays: number;
}

function reminderDays(state: ReminderState): string[] {
  return state.daysBeforeDue.map((d) => addDays(state.dueDate, -d));
}

/** The most recent day on or before `today` on which a reminder was planned; overdue days all count. */
function latestPlannedDay(state: ReminderState, today: string): string | undefined {
  if (today > state.dueDate) return today <= addDays(state.dueDate, state.graceDays) ? today : undefined;
  const past = reminderDays(state).filter((d) => d <= today);
  return past.sort().at(-1);
}

/**
 * Whether an automatic reminder is due now: a planned day has come since the vendor last heard from us (the
 * invitation or the last reminder). A missed day (server down) is caught up once, never more than once a day.
 */
export function isReminderDue(state: ReminderState, now: Date): boolean {
  const today = utcDay(now);
  const lastContact = utcDay(state.lastReminderAt ?? state.createdAt);
  const planned = latestPlannedDay(state, today);
  return planned !== undefined && planned > lastContact;
}

/** The day the next automatic reminder goes out, or null when no more are planned. */
export function nextReminderDay(state: ReminderState, now: Date): string | null {
  const today = utcDay(now);
  if (isReminderDue(state, now)) return today;
  const ahead = reminderDays(state)
    .filter((d) => d > today && d > utcDay(state.createdAt))
    .sort();
  if (ahead[0] !== undefined) return ahead[0];
  const overdue = today >= state.dueDate ? addDays(today, 1) : addDays(state.dueDate, 1);
  return overdue <= addDays(state.dueDate, state.graceDays) ? overdue : null;
}
