// Calendar dates as people in Indonesia see them. The country spans three zones (WIB UTC+7, WITA UTC+8,
// WIT UTC+9); the UTC date lags all of them, so before 07:00 WIB "today" would still be yesterday.

/** Asia/Jayapura (WIT) is the first to reach a date: its date is the latest anywhere in Indonesia. */
const LATEST_ZONE = 'Asia/Jayapura';
/** Asia/Jakarta (WIB), where most units work: the default for "overdue", "due" and "recorded today". */
const DEFAULT_ZONE = 'Asia/Jakarta';

const formatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (YYYY-MM-DD) in an IANA time zone at `now`. */
export function dateInZone(timeZone: string, now: Date = new Date()): string {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, f);
  }
  const parts = f.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/**
 * The latest calendar date anywhere in Indonesia: the bound of every "not in the future" check, so a
 * date that is today for a worker in Jayapura (or Jakarta at 06:30) is never refused as "tomorrow".
 */
export function latestDateInIndonesia(now: Date = new Date()): string {
  return dateInZone(LATEST_ZONE, now);
}

/** Whether an ISO date lies after today everywhere in Indonesia. */
export function isFutureInIndonesia(isoDate: string, now: Date = new Date()): boolean {
  return isoDate > latestDateInIndonesia(now);
}

/**
 * Today in WIB: what counts as overdue or due today, and the date given to something recorded now.
 * Units in WITA and WIT see a task turn overdue one or two hours after their own midnight, never before.
 */
export function todayWib(now: Date = new Date()): string {
  return dateInZone(DEFAULT_ZONE, now);
}
