/**
 * The time tagger: a grammar of small parsers over one token pass, then refiners, then anchoring.
 * The configuration is plain data (the lists below); `tagTimes` is pure and deterministic.
 */
import type { Quote, Time } from '../document/analysis.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import { dayMonthParser } from './parsers/day-month-parser.js';
import { durationParser } from './parsers/duration-parser.js';
import { holidayParser } from './parsers/holiday-parser.js';
import { modifierParser, readSuffix } from './parsers/modifier-parser.js';
import { monthNameParser } from './parsers/month-name-parser.js';
import { numericDateParser } from './parsers/numeric-date-parser.js';
import { quarterParser } from './parsers/quarter-parser.js';
import { referenceWordParser } from './parsers/reference-word-parser.js';
import { relativeDayParser } from './parsers/relative-day-parser.js';
import { relativeUnitParser } from './parsers/relative-unit-parser.js';
import { seasonParser } from './parsers/season-parser.js';
import { setParser } from './parsers/set-parser.js';
import { timeOfDayParser } from './parsers/time-of-day-parser.js';
import { weekdayParser } from './parsers/weekday-parser.js';
import { yearParser } from './parsers/year-parser.js';
import { anchorProposals } from './refiners/anchor-refiner.js';
import { mergeTimeDateRefiner } from './refiners/merge-time-date-refiner.js';
import { nameFilterRefiner } from './refiners/name-filter-refiner.js';
import { rangeRefiner } from './refiners/range-refiner.js';
import type {
  ParseContext,
  Parser,
  Proposal,
  QuoteSpan,
  RefineContext,
  Refiner,
  Sentence,
  TimeResult,
} from './result.js';
import { findQuotes, splitSentences } from './segments.js';
import { Kind, tokenize, touches } from './tokens.js';

export type { TimeResult } from './result.js';

/** The parsers of English news times, each reading expressions that start at one token. */
export const PARSERS: readonly Parser[] = Object.freeze([
  numericDateParser,
  yearParser,
  monthNameParser,
  dayMonthParser,
  weekdayParser,
  relativeDayParser,
  relativeUnitParser,
  durationParser,
  quarterParser,
  timeOfDayParser,
  referenceWordParser,
  setParser,
  seasonParser,
  holidayParser,
]);

/** Refiners run in order over the proposals; anchoring comes after them. */
export const REFINERS: readonly Refiner[] = Object.freeze([
  nameFilterRefiner,
  mergeTimeDateRefiner,
  rangeRefiner,
]);

type Index = ReadonlyMap<string, readonly Parser[]>;

function indexParsers(parsers: readonly Parser[]): Index {
  const map = new Map<string, Parser[]>();
  for (const p of parsers) {
    for (const t of p.triggers) {
      const list = map.get(t) ?? [];
      if (!list.includes(p)) list.push(p);
      map.set(t, list);
    }
  }
  return map;
}

/** The longest proposal any of `index`'s parsers makes at token `i` (ties: the earlier parser). */
function longestAt(index: Index, c: ParseContext, i: number): Proposal | undefined {
  const t = c.tokens[i];
  if (!t) return undefined;
  const key = t.kind === Kind.Number ? '#' : t.lower;
  const candidates = index.get(key);
  if (!candidates) return undefined;
  if (t.kind === Kind.Number && touches(c.tokens, i) && c.tokens[i - 1]?.kind === Kind.Word) return undefined; // "A380", "G20"
  let best: Proposal | undefined;
  for (const p of candidates) {
    const r = p.parse(c, i);
    if (r && (!best || r.end > best.end)) best = r;
  }
  return best;
}

const CORE_INDEX = indexParsers(PARSERS);
const MODIFIER = modifierParser((c, i) => longestAt(CORE_INDEX, c, i));
const INDEX = indexParsers([...PARSERS, MODIFIER]);

/** One pass over the tokens: at each token the longest reading wins and the scan jumps past it. */
export function propose(c: ParseContext): Proposal[] {
  const out: Proposal[] = [];
  const n = c.tokens.length;
  let i = 0;
  while (i < n) {
    let best = longestAt(INDEX, c, i);
    if (!best) {
      i++;
      continue;
    }
    const suffix = readSuffix(c, best.last);
    if (suffix && best.spec.kind !== 'fixed') {
      const end = c.tokens[suffix.next - 1]?.end ?? best.end;
      best = { ...best, end, last: suffix.next, spec: { ...best.spec, mod: best.spec.mod ?? suffix.mod } };
    } else if (suffix && suffix.mod === 'APPROX') {
      const end = c.tokens[suffix.next - 1]?.end ?? best.end;
      best = { ...best, end, last: suffix.next, spec: { ...best.spec, mod: best.spec.mod ?? suffix.mod } };
    }
    out.push(best);
    i = best.last;
  }
  return out;
}

export interface TagOptions {
  /** ISO date or date-time of publication: the default anchor. */
  readonly reference?: string;
  readonly sentences?: readonly Sentence[];
  /** Quotations, with the time each was said when the caller knows it. */
  readonly quotes?: readonly QuoteSpan[];
}

/** Every time expression of `text`, resolved: the rich results (stated/implied parts, anchors). */
export function tagTimeResults(text: string, options: TagOptions = {}): TimeResult[] {
  const tokens = tokenize(text);
  const quotes = options.quotes ? [...options.quotes].sort((a, b) => a.start - b.start) : findQuotes(text);
  const sentences =
    options.sentences ?? splitSentences(text, new Set(options.quotes ? [] : quotes.map((q) => q.end)));
  const context: RefineContext = {
    text,
    tokens,
    sentences,
    quotes,
    ...(options.reference ? { reference: options.reference } : {}),
  };
  let proposals: readonly Proposal[] = propose(context);
  for (const refiner of REFINERS) proposals = refiner.refine(context, proposals);
  return anchorProposals(context, proposals);
}

/** The public view of a result as `dateline.analysis/1` has it, with its id. */
export function toTime(r: TimeResult, id: string, ids: readonly string[]): Time {
  const anchor =
    r.anchorIndex !== undefined ? ids[r.anchorIndex] : r.anchor === 'document' ? 'document' : undefined;
  return {
    id,
    start: r.start,
    end: r.end,
    text: r.text,
    type: r.type,
    value: r.value,
    ...(r.mod ? { mod: r.mod } : {}),
    ...(anchor ? { anchor } : {}),
    ...(r.range ? { range: r.range } : {}),
    ...(r.stated.length ? { stated: r.stated } : {}),
    ...(r.implied.length ? { implied: r.implied } : {}),
    ...(r.reference ? { reference: r.reference } : {}),
    rule: r.rule,
    confidence: r.confidence,
  };
}

/** Times of `text` as `Time`s with ids `t1`, `t2`... in text order. */
export function tagTimes(text: string, options: TagOptions = {}): Time[] {
  const results = tagTimeResults(text, options);
  const ids = results.map((_, k) => `t${k + 1}`);
  return results.map((r, k) => toTime(r, ids[k] as string, ids));
}

/**
 * The quoted words of the attribution layer's direct and partial quotes, outermost first and with the
 * time each was said when attribution knows it; undefined when that layer is empty (attribution did not
 * run or found nothing), so that the tagger finds quotations itself.
 */
export function spokenQuotes(quotes: readonly Quote[]): QuoteSpan[] | undefined {
  if (quotes.length === 0) return undefined;
  const spoken = quotes
    .filter((q) => q.kind !== 'indirect' && q.end > q.start)
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const out: QuoteSpan[] = [];
  for (const q of spoken) {
    const last = out[out.length - 1];
    // a partial quote inside a direct one is said at the same time; the anchoring wants disjoint spans
    if (last && q.start < last.end) continue;
    out.push({ start: q.start, end: q.end, ...(q.time ? { time: q.time } : {}) });
  }
  return out;
}

/** The pipeline stage: times of the document's body against its publication (or dateline) date. */
export const timeStage: Stage = {
  name: 'time/tag-times',
  role: 'extract',
  writes: ['times'],
  run(context: StageContext): void {
    const reference = context.document.meta.published ?? context.document.dateline?.date;
    const quotes = spokenQuotes(context.layers.quotes);
    const times = tagTimes(context.document.text, {
      ...(reference ? { reference } : {}),
      sentences: context.text.sentences,
      ...(quotes ? { quotes } : {}),
    });
    context.layers.times = times;
  },
};
