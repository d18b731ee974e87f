import type { Dateline } from '../document/document.js';
import { spanOf } from '../document/span.js';
import { creditOutlets } from './outlets.js';
import { monthNumber } from './published.js';

/**
 * Wire datelines: "SEOUL, Oct. 24 (Yonhap) --", "MOSCOW (Reuters) -", "WASHINGTON, March 3 (AP) —",
 * "NEW YORK, N.Y. (AP) —". The place is upper case, or any name when an agency in brackets follows.
 */
const DATELINE =
  // redos-ok: run on the first 160 characters (findDateline); 1 MB of adversarial text: under 10 ms
  /^([A-Z][A-Za-z.'\u2019-]*(?: [A-Z][A-Za-z.'\u2019-]*){0,4}(?:, [A-Z][A-Za-z.]*(?: [A-Z][A-Za-z.]*)?)?)(?:,? ([A-Z][a-z]{2,8})\.? (\d{1,2}))?(?: ?\(([^()\n]{2,40})\))? ?(--|\u2014|\u2013|-)(?= )/;

/** "NEW YORK, N.Y." -> "New York, N.Y.": the city in title case, a state abbreviation as written. */
function titleCase(place: string): string {
  if (place !== place.toUpperCase()) return place;
  const [city = '', ...rest] = place.split(', ');
  const cased = city
    .toLowerCase()
    .replace(/(^|[\s'-])(\p{L})/gu, (_m, sep: string, ch: string) => sep + ch.toUpperCase());
  return [cased, ...rest.map((r) => (r.includes('.') || r.length <= 4 ? r : titleCase(r)))].join(', ');
}

/** Resolves "Oct. 24" against the publication date: the latest such day not after it (plus a day of slack). */
export function resolveDatelineDate(month: number, day: number, published?: string): string {
  const mm = String(month).padStart(2, '0');
  const dd = String(day).padStart(2, '0');
  const pub = published?.slice(0, 10);
  if (!pub || !/^\d{4}-\d{2}-\d{2}$/.test(pub)) return `XXXX-${mm}-${dd}`;
  const year = Number(pub.slice(0, 4));
  const pubTime = Date.UTC(year, Number(pub.slice(5, 7)) - 1, Number(pub.slice(8, 10)));
  const candidate = Date.UTC(year, month - 1, day);
  const y = candidate - pubTime > 86_400_000 ? year - 1 : year;
  return `${y}-${mm}-${dd}`;
}

/** Finds a wire dateline at the start of `text` (after white space). Offsets are into `text`. */
export function findDateline(text: string, published?: string): Dateline | undefined {
  const lead = text.length - text.trimStart().length;
  const head = text.slice(lead, lead + 160);
  const m = DATELINE.exec(head);
  if (!m) return undefined;
  const [whole, rawPlace, monthName, dayText, agency] = m;
  const upperPlace = rawPlace === rawPlace?.toUpperCase();
  const outlets = agency ? creditOutlets(agency) : undefined;
  // Without an agency in brackets, only an upper-case place is a dateline ("SEOUL --"), not "Kim -".
  if (!rawPlace || (!outlets && !upperPlace) || (!outlets && !monthName && rawPlace.length < 3))
    return undefined;
  const month = monthName ? monthNumber(monthName) : undefined;
  if (monthName && !month) return undefined;
  const span = spanOf(text, lead, lead + (whole as string).length);
  return {
    ...span,
    place: titleCase(rawPlace.replace(/,$/, '')),
    ...(month && dayText ? { date: resolveDatelineDate(month, Number(dayText), published) } : {}),
    ...(outlets ? { source: outlets[0] as string } : {}),
  };
}

// redos-ok: run on at most the last 60 characters (findTrailingCredit); 1 MB adversarial: under 10 ms
const CREDIT = /^(?:(?:--|\u2014|\u2013)\s*)?\(?([A-Za-z][A-Za-z0-9 .&/'-]{0,48}?)\)?(?:\s*\(END\))?$/;
const BEFORE_CREDIT = /[.!?"\u201d\u2019)\]\n]/;

/**
 * A credit glued after the last sentence ("...Kim noted.Yonhap") or on a line of its own at the end
 * ("\n\n(Reuters)", "-- AP"). Returns where the body ends and who is credited.
 */
export function findTrailingCredit(text: string): { bodyEnd: number; source: string } | undefined {
  const end = trimEnd(text, text.length);
  const floor = Math.max(1, end - 60);
  // Try cuts after the last few sentence ends, nearest the end first.
  for (let p = end - 1, tries = 0; p >= floor && tries < 4; p--) {
    if (!BEFORE_CREDIT.test(text.charAt(p - 1))) continue;
    const candidate = text.slice(p, end).trim();
    if (candidate === '' || candidate === ')') continue;
    tries++;
    const m = CREDIT.exec(candidate);
    const outlets = m?.[1] ? creditOutlets(m[1].trim()) : undefined;
    if (!outlets) continue;
    const bodyEnd = trimEnd(text, text.charAt(p - 1) === '\n' ? p - 1 : p);
    return bodyEnd > 0 ? { bodyEnd, source: outlets[0] as string } : undefined;
  }
  return undefined;
}

function trimEnd(text: string, end: number): number {
  let e = end;
  while (e > 0 && /\s/.test(text.charAt(e - 1))) e--;
  return e;
}
