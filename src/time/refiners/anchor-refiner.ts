/**
 * Resolves every proposal to a TIMEX3 value, in text order. Outside quotations the anchor is the
 * publication date, or for story-relative expressions ("the previous day", "two days later", "3 p.m.")
 * the last day the story named. Inside a quotation it is the time the quote was said (see
 * speech-time-refiner), and story-relative expressions count from there.
 */
import type { Writable } from '../../document/analysis.js';
import { type CalDate, isoDate, parseIsoDate } from '../calendar.js';
import { resolveSpec } from '../resolve.js';
import type { Base, Proposal, QuoteSpan, RefineContext, TimeResult } from '../result.js';
import { tenseAt } from '../tense.js';
import { type DatedMention, firstTokenAt, speechTime } from './speech-time-refiner.js';

interface Anchor {
  readonly day?: CalDate;
  readonly index?: number;
  readonly kind: Base;
}

function firstAtOrAfter(spans: readonly { start: number; end: number }[], offset: number): number {
  let lo = 0;
  let hi = spans.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((spans[mid]?.end ?? 0) <= offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const isDigitAt = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
};

/** `yyyy-`: the start of a value with a year of four digits. */
const yearDash = (v: string): boolean =>
  isDigitAt(v, 0) && isDigitAt(v, 1) && isDigitAt(v, 2) && isDigitAt(v, 3) && v.charCodeAt(4) === 45;

/** A year alone: `1988`. */
const namesYear = (v: string): boolean =>
  v.length === 4 && isDigitAt(v, 0) && isDigitAt(v, 1) && isDigitAt(v, 2) && isDigitAt(v, 3);

/** A quarter or half: `2024-Q3`, `2024-H1`. */
const isTermValue = (v: string): boolean =>
  v.length === 7 && yearDash(v) && (v.charCodeAt(5) === 81 || v.charCodeAt(5) === 72) && isDigitAt(v, 6);

/** A month, a day or a time in it: `2024-03`, `2024-03-05`, `2024-03-05TMO`. */
const namesMonth = (v: string): boolean =>
  v.length >= 7 &&
  yearDash(v) &&
  isDigitAt(v, 5) &&
  isDigitAt(v, 6) &&
  (v.length === 7 || v.charCodeAt(7) === 45);

export function anchorProposals(c: RefineContext, proposals: readonly Proposal[]): TimeResult[] {
  const document = parseIsoDate(c.reference);
  const sentenceOf = (offset: number) =>
    Math.min(firstAtOrAfter(c.sentences, offset), Math.max(0, c.sentences.length - 1));
  const quoteOf = (offset: number): QuoteSpan | undefined => {
    const q = c.quotes[firstAtOrAfter(c.quotes, offset)];
    return q && q.start <= offset && offset < q.end ? q : undefined;
  };
  const inQuote = (offset: number) => quoteOf(offset) !== undefined;
  // Token bounds of sentence `s`, for the tense of a clause: the tokens `sentenceOf` puts in it (the last
  // sentence takes every token after it), found by bisection only for the sentences that hold a time.
  const sentenceTokens = (s: number): { from: number; to: number } => {
    const n = c.sentences.length;
    if (s >= n) return { from: 0, to: c.tokens.length };
    const from = s === 0 ? 0 : firstTokenAt(c, c.sentences[s - 1]?.end ?? 0);
    const to = s === n - 1 ? c.tokens.length : firstTokenAt(c, c.sentences[s]?.end ?? 0);
    return from < to ? { from, to } : { from: 0, to: 0 };
  };
  const results: (TimeResult | undefined)[] = new Array(proposals.length);
  // the last quarter or half the text named, and in which sentence: "a year earlier" may mean it
  let term: { value: string; sentence: number } | undefined;
  // the last month the story named ("In March ... The following month"), for month and year shifts
  let coarse: Anchor | undefined;
  // the last year it named, by itself or in a month or a day ("in 1988 ... imports that year")
  let yearly: Anchor | undefined;
  const resolveOne = (k: number, base: Anchor, narrative: Anchor): CalDate | undefined => {
    const p = proposals[k];
    if (!p) return undefined;
    const kind = p.spec.kind === 'date' ? (p.spec.base ?? 'speech') : 'speech';
    const dayUnit =
      p.spec.kind === 'date' &&
      (p.spec.gran === 'day' || p.spec.gran === 'time' || p.spec.shift?.unit === 'day');
    // "a year earlier" in a report compares with the period reported on, not with a year named before
    const yearUnit = p.spec.kind === 'date' && p.spec.gran === 'year' && !p.spec.sameTerm;
    const anchor =
      kind === 'narrative' ? (dayUnit ? narrative : ((yearUnit ? yearly : coarse) ?? narrative)) : base;
    const sentence = sentenceOf(p.start);
    const bounds = sentenceTokens(sentence);
    const tense = tenseAt(c, p.first, p.last, bounds.from, bounds.to);
    let r = resolveSpec(p.spec, anchor.day, tense);
    if (p.spec.kind === 'date' && p.spec.sameTerm && term && sentence - term.sentence <= 2) {
      const m = /^(\d{4})-([QH]\d)$/.exec(term.value);
      if (m) r = { ...r, value: `${p.spec.year ?? Number(m[1]) - 1}-${m[2]}` };
    }
    // the quarter or half the report is about: named outright or as the current/latest one
    const named =
      p.spec.kind === 'date' &&
      !p.spec.sameTerm &&
      (!p.spec.shift || (p.spec.shift.unit === 'quarter' && Math.abs(p.spec.shift.n) <= 1));
    if (named && isTermValue(r.value)) term = { value: r.value, sentence };
    // field by field (the optional ones only when set) rather than by spreading, in the same order
    const result: Writable<TimeResult> = {
      start: p.start,
      end: p.end,
      text: c.text.slice(p.start, p.end),
      type: r.type,
      value: r.value,
    } as TimeResult;
    if (r.mod) result.mod = r.mod;
    result.rule = `time/${p.rule}`;
    result.confidence = p.confidence;
    if (r.anchored && anchor.day) {
      result.reference = isoDate(anchor.day);
      result.anchor = anchor.kind;
    }
    if (r.anchored && anchor.index !== undefined) result.anchorIndex = anchor.index;
    result.stated = r.stated;
    result.implied = r.implied;
    results[k] = result;
    if (namesMonth(r.value) && !quoteOf(p.start)) {
      coarse = {
        day: { y: Number(r.value.slice(0, 4)), m: Number(r.value.slice(5, 7)), d: r.day?.d ?? 15 },
        index: k,
        kind: 'narrative',
      };
      yearly = coarse;
    } else if (namesYear(r.value) && !quoteOf(p.start))
      yearly = { day: { y: Number(r.value), m: 7, d: 1 }, index: k, kind: 'narrative' };
    return r.day;
  };
  // 1. outside quotations, in text order
  const docAnchor: Anchor = document ? { day: document, kind: 'document' } : { kind: 'document' };
  let narrative: Anchor = docAnchor;
  const dated: DatedMention[] = [];
  const quoted = new Map<QuoteSpan, number[]>();
  proposals.forEach((p, k) => {
    const q = quoteOf(p.start);
    if (q) {
      const list = quoted.get(q) ?? [];
      list.push(k);
      quoted.set(q, list);
      return;
    }
    const day = resolveOne(k, docAnchor, narrative);
    if (day) {
      narrative = { day, index: k, kind: 'narrative' };
      dated.push({ start: p.start, day, index: k });
    }
  });
  // 2. inside each quotation, from the time it was said
  for (const [q, ks] of quoted) {
    const said = speechTime(c, q, sentenceOf, dated, inQuote);
    const speech: Anchor = said.day
      ? { day: said.day, kind: 'speech', ...(said.index !== undefined ? { index: said.index } : {}) }
      : docAnchor;
    let story: Anchor = speech;
    for (const k of ks) {
      const day = resolveOne(k, speech, story);
      if (day) story = { day, index: k, kind: 'narrative' };
    }
  }
  // 3. ranges
  return proposals.map((p, k) => {
    const r = results[k] as TimeResult;
    if (!p.range) return r;
    const other = p.range.other !== undefined ? results[p.range.other] : undefined;
    if (p.range.role === 'begin')
      return { ...r, range: { begin: r.value, ...(other ? { end: other.value } : {}) } };
    if (p.range.role === 'end')
      return { ...r, range: { ...(other ? { begin: other.value } : {}), end: r.value } };
    return r;
  });
}
