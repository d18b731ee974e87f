/**
 * Cheap sentence and quotation spans for when the caller has none: sentences end at `.!?` (and any
 * closing quote) before a capital or an opening quote, unless the period ends an abbreviation;
 * quotations are the spans between paired double quotes.
 */
import type { QuoteSpan, Sentence } from './result.js';

const ABBREVIATIONS = new Set([
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  'gen',
  'col',
  'lt',
  'sgt',
  'capt',
  'gov',
  'sen',
  'rep',
  'rev',
  'st',
  'jr',
  'sr',
  'no',
  'vs',
  'inc',
  'corp',
  'co',
  'ltd',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'mon',
  'tue',
  'tues',
  'wed',
  'thu',
  'thurs',
  'fri',
  'sat',
  'sun',
  'u',
  's',
  'e',
  'a',
  'p',
  'm',
  'mt',
  'ft',
  'pres',
  'adm',
  'maj',
  'brig',
  'supt',
  'messrs',
  'calif',
  'fla',
  'ill',
  'mass',
  'conn',
  'wash',
  'ariz',
  'colo',
  'mich',
  'minn',
  'penn',
  'tenn',
  'va',
  'wis',
  'okla',
  'ore',
]);

const isUpper = (c: number) => (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0xde);
const isLetter = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
/** A closing quote mark: a curly closer, a straight one known to close, or one before a space or the end. */
function closesAt(text: string, i: number, closers: ReadonlySet<number>): boolean {
  const c = text.charCodeAt(i);
  if (c === 0x201d || c === 0x2019) return true;
  if (c !== 34 && c !== 39) return false;
  if (closers.has(i)) return true;
  const after = text.charCodeAt(i + 1);
  return closers.size === 0 && (Number.isNaN(after) || after === 32 || after === 10);
}

/** `closers`: offsets of quote marks known to close a quotation (from `findQuotes`). */
export function splitSentences(text: string, closers: ReadonlySet<number> = new Set()): Sentence[] {
  const out: Sentence[] = [];
  let start = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const ch = text.charCodeAt(i);
    const newline = ch === 10 && i + 1 < n && text.charCodeAt(i + 1) === 10;
    if (ch !== 46 && ch !== 33 && ch !== 63 && !newline) continue;
    let end = i + 1;
    while (end < n && (closesAt(text, end, closers) || text.charCodeAt(end) === 41)) end++;
    let k = end;
    while (
      k < n &&
      (text.charCodeAt(k) === 32 ||
        text.charCodeAt(k) === 10 ||
        text.charCodeAt(k) === 9 ||
        text.charCodeAt(k) === 13)
    )
      k++;
    if (k >= n) break;
    const next = text.charCodeAt(k);
    if (
      !newline &&
      !(isUpper(next) || next === 34 || next === 0x201c || (k > end && next >= 48 && next <= 57))
    )
      continue;
    if (ch === 46) {
      // the word before the period
      let w = i;
      while (w > 0 && isLetter(text.charCodeAt(w - 1))) w--;
      const word = text.slice(w, i).toLowerCase();
      if (ABBREVIATIONS.has(word) || (word.length === 1 && k === end)) continue;
      if (w > 0 && text.charCodeAt(w - 1) === 46) continue; // U.S.
    }
    out.push({ start, end });
    start = k;
    i = k - 1;
  }
  if (start < n) out.push({ start, end: n });
  return out;
}

/** Spans between paired double quotes (straight or curly), the marks excluded; a paragraph break closes. */
export function findQuotes(text: string): QuoteSpan[] {
  const out: QuoteSpan[] = [];
  let open = -1;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 10 && i + 1 < text.length && text.charCodeAt(i + 1) === 10) {
      open = -1;
      continue;
    }
    if (ch === 0x201c) {
      open = i + 1;
    } else if (ch === 0x201d) {
      if (open >= 0) out.push({ start: open, end: i });
      open = -1;
    } else if (ch === 34) {
      if (open < 0) open = i + 1;
      else {
        out.push({ start: open, end: i });
        open = -1;
      }
    }
  }
  return out;
}
