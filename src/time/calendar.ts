/**
 * Proleptic Gregorian calendar arithmetic on plain `{ y, m, d }` values (months and days 1-based),
 * done with UTC `Date` only where it is exact. Everything here is pure.
 */
export interface CalDate {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

export const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0');

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

function fromUtc(ms: number): CalDate {
  const date = new Date(ms);
  return { y: date.getUTCFullYear(), m: date.getUTCMonth() + 1, d: date.getUTCDate() };
}

function toUtc(c: CalDate): number {
  const date = new Date(Date.UTC(2000, c.m - 1, c.d));
  date.setUTCFullYear(c.y);
  return date.getTime();
}

export function addDays(c: CalDate, n: number): CalDate {
  return fromUtc(toUtc(c) + n * 86_400_000);
}

/** Adds months, clamping the day to the target month ("Jan 31" + 1 month = "Feb 28/29"). */
export function addMonths(c: CalDate, n: number): CalDate {
  const total = c.y * 12 + (c.m - 1) + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  return { y, m, d: Math.min(c.d, daysInMonth(y, m)) };
}

/** ISO weekday: Monday 1 ... Sunday 7. */
export function weekday(c: CalDate): number {
  const day = new Date(toUtc(c)).getUTCDay();
  return day === 0 ? 7 : day;
}

/** ISO 8601 week-numbering year and week. */
export function isoWeek(c: CalDate): { year: number; week: number } {
  const thursday = addDays(c, 4 - weekday(c));
  const jan1 = { y: thursday.y, m: 1, d: 1 };
  const ordinal = Math.round((toUtc(thursday) - toUtc(jan1)) / 86_400_000);
  return { year: thursday.y, week: Math.floor(ordinal / 7) + 1 };
}

export function compare(a: CalDate, b: CalDate): number {
  return a.y - b.y || a.m - b.m || a.d - b.d;
}

export const isoDate = (c: CalDate): string => `${pad(c.y, 4)}-${pad(c.m)}-${pad(c.d)}`;

/** Reads the date part of an ISO date or date-time (`2025-10-24`, `2025-10-24T08:00:00+09:00`). */
export function parseIsoDate(raw: string | undefined): CalDate | undefined {
  if (!raw) return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(raw.trim());
  if (!m) {
    const compact = /^(\d{4})(\d{2})(\d{2})/.exec(raw.trim());
    if (!compact) return undefined;
    return checked(Number(compact[1]), Number(compact[2]), Number(compact[3]));
  }
  return checked(Number(m[1]), Number(m[2]), Number(m[3]));
}

function checked(y: number, m: number, d: number): CalDate | undefined {
  return isValidDate(y, m, d) ? { y, m, d } : undefined;
}

/** The calendar date of a TIMEX3 value when it names one day (`2025-10-23`, `2025-10-23TMO`). */
export function dayOfValue(value: string): CalDate | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T|$)/.exec(value);
  return m ? checked(Number(m[1]), Number(m[2]), Number(m[3])) : undefined;
}

export const quarterOf = (m: number): number => Math.floor((m - 1) / 3) + 1;
