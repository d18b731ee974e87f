/**
 * Publication dates as inputs state them, normalised to ISO 8601: a date (`2025-10-24`) or, when a
 * time of day is given, a date-time that keeps the stated offset (`2025-10-24T08:00:00+09:00`).
 * Returns undefined for anything that is not clearly a date, rather than guessing.
 */
const MONTHS: Record<string, number> = {
  jan: 1,
  january: 1,
  feb: 2,
  february: 2,
  mar: 3,
  march: 3,
  apr: 4,
  april: 4,
  may: 5,
  jun: 6,
  june: 6,
  jul: 7,
  july: 7,
  aug: 8,
  august: 8,
  sep: 9,
  sept: 9,
  september: 9,
  oct: 10,
  october: 10,
  nov: 11,
  november: 11,
  dec: 12,
  december: 12,
};

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

export function monthNumber(name: string): number | undefined {
  return MONTHS[name.toLowerCase().replace(/\.$/, '')];
}

function validDate(year: number, month: number, day: number): boolean {
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function isoDate(year: number, month: number, day: number): string | undefined {
  return validDate(year, month, day) ? `${year}-${pad(month)}-${pad(day)}` : undefined;
}

function zone(raw: string | undefined): string {
  if (!raw) return '';
  if (/^(z|gmt|ut|utc)$/i.test(raw)) return 'Z';
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(raw);
  return m ? `${m[1]}${m[2]}:${m[3]}` : '';
}

function withTime(
  date: string | undefined,
  h?: string,
  min?: string,
  s?: string,
  z?: string,
): string | undefined {
  if (!date) return undefined;
  if (h === undefined || min === undefined) return date;
  const hour = Number(h);
  const minute = Number(min);
  const second = s === undefined ? 0 : Number(s);
  if (hour > 23 || minute > 59 || second > 60) return date;
  return `${date}T${pad(hour)}:${pad(minute)}:${pad(second)}${zone(z)}`;
}

// A date, then optionally a time of day with seconds, fraction and zone.
const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2}|GMT|UTC|UT)?)?$/i;
const SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
// RFC 822/1123 as in RSS: "Fri, 24 Oct 2025 08:00:00 +0900"
const RFC822 =
  /^(?:[a-z]{3},?\s+)?(\d{1,2})\s+([a-z]{3,9})\.?\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(Z|[+-]\d{4}|GMT|UTC|UT|[A-Z]{3})?)?$/i;
// "October 24, 2025", "Oct. 24, 2025", "Friday, October 24, 2025", optionally with a time
const MONTH_FIRST =
  /^(?:[a-z]+,\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})(?:,?\s+(\d{1,2}):(\d{2}))?$/i;
// "24 October 2025", "Friday 24 October 2025"
const DAY_FIRST = /^(?:[a-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i;

export function normalizePublished(raw: string | undefined | null): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const s = raw.trim().replace(/\s+/g, ' ');
  if (s.length === 0 || s.length > 64) return undefined;
  let m = ISO.exec(s);
  if (m) return withTime(isoDate(Number(m[1]), Number(m[2]), Number(m[3])), m[4], m[5], m[6], m[7]);
  m = SLASHED.exec(s);
  if (m) return isoDate(Number(m[1]), Number(m[2]), Number(m[3]));
  m = RFC822.exec(s);
  if (m) {
    const month = monthNumber(m[2] as string);
    if (month) return withTime(isoDate(Number(m[3]), month, Number(m[1])), m[4], m[5], m[6], m[7]);
  }
  m = MONTH_FIRST.exec(s);
  if (m) {
    const month = monthNumber(m[1] as string);
    if (month) return withTime(isoDate(Number(m[3]), month, Number(m[2])), m[4], m[5]);
  }
  m = DAY_FIRST.exec(s);
  if (m) {
    const month = monthNumber(m[2] as string);
    if (month) return isoDate(Number(m[3]), month, Number(m[1]));
  }
  return undefined;
}

/** The calendar date of a normalised publication value: `2025-10-24T08:00:00+09:00` -> `2025-10-24`. */
export function publishedDay(published: string | undefined): string | undefined {
  return published && /^\d{4}-\d{2}-\d{2}/.test(published) ? published.slice(0, 10) : undefined;
}
