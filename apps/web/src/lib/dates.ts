// Calendar dates for forms, as the API checks them (apps/api/src/lib/dates.ts). Indonesia spans UTC+7 to
// UTC+9; the UTC date lags all of it, so before 07:00 WIB it would still say yesterday.

const jayapura = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Asia/Jayapura',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * The latest calendar date anywhere in Indonesia (Jayapura, UTC+9): the `max` of a date field and the
 * bound of every "not in the future" check, the same one the API applies.
 */
export function latestDateInIndonesia(now: Date = new Date()): string {
  const parts = jayapura.formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

/** Today on this device's calendar, for a date field's default; never past the Indonesian bound. */
export function todayLocal(now: Date = new Date()): string {
  const local = `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
  const latest = latestDateInIndonesia(now);
  return local > latest ? latest : local;
}
