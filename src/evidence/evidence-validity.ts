/**
 * How long evidence stays current when the vendor gives no date. A SOC 2 report describes a past period and is
 * generally relied on for twelve months, so one uploaded without a date lapses a year after upload; other
 * kinds (a certificate states its own expiry) have no default.
 */
const DEFAULT_VALID_MONTHS: Readonly<Record<string, number>> = { soc2_report: 12 };

/** The expiry to store: the vendor's date if given, else the default for the kind (YYYY-MM-DD), else none. */
export function evidenceExpiry(kind: string | undefined, expiresOn: string | undefined, uploadedAt: Date) {
  if (expiresOn) return expiresOn;
  const months = kind ? DEFAULT_VALID_MONTHS[kind] : undefined;
  if (months === undefined) return null;
  const day = new Date(uploadedAt);
  const dayOfMonth = day.getUTCDate();
  day.setUTCDate(1);
  day.setUTCMonth(day.getUTCMonth() + months);
  // 29 February plus a year is 28 February, not 1 March.
  const lastDay = new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth() + 1, 0)).getUTCDate();
  day.setUTCDate(Math.min(dayOfMonth, lastDay));
  return day.toISOString().slice(0, 10);
}
