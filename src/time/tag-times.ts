/**
 * The time tagger: a grammar of small parsers over one token pass, then refiners, then anchoring.
 * The configuration is plain data (the lists below); `tagTimes` is pure and deterministic.
 */
import type { Quote, Time, Writable } from '../document/analysis.js';
import { DatelineError } from '../document/errors.js';
import type { Stage, StageContext } from '../pipeline/stage.js';
import type { TokenStore } from '../text/tokens.js';
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
import { Kind, ShapeSet, TokenRoom, type Tokens, tokenize, tokensOf, touches, WordTable } from './tokens.js';

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

/** The parsers a first token starts; with `next`, those to try when the token after it is a key there. */
interface Entry {
  readonly parsers: readonly Parser[];
  readonly next?: WordTable<readonly Parser[]>;
}

/** What `table` holds for token `i` by its trigger key: `#` for a number, else its lower case. */
const entryOf = <T>(tokens: Tokens, i: number, table: WordTable<T>): T | undefined =>
  tokens.kind(i) === Kind.Number ? table.key('#') : table.get(tokens, i);

/** Parsers by trigger, kept in list order so that ties go to the earlier parser. */
function indexParsers(parsers: readonly Parser[]): WordTable<Entry> {
  const single = new Map<string, Set<Parser>>();
  const pairs = new Map<string, Map<string, Set<Parser>>>();
  const add = <K>(map: Map<K, Set<Parser>>, key: K, p: Parser) => {
    const set = map.get(key) ?? new Set();
    map.set(key, set.add(p));
  };
  for (const p of parsers) {
    for (const t of p.triggers) {
      const space = t.indexOf(' ');
      if (space < 0) {
        add(single, t, p);
        continue;
      }
      const first = t.slice(0, space);
      const next = pairs.get(first) ?? new Map<string, Set<Parser>>();
      pairs.set(first, next);
      add(next, t.slice(space + 1), p);
    }
  }
  const inOrder = (...sets: (Set<Parser> | undefined)[]) =>
    parsers.filter((p) => sets.some((s) => s?.has(p)));
  const entries = new Map<string, Entry>();
  for (const first of new Set([...single.keys(), ...pairs.keys()])) {
    const alone = single.get(first);
    const next = pairs.get(first);
    entries.set(first, {
      parsers: inOrder(alone),
      ...(next
        ? { next: new WordTable([...next].map(([k, set]) => [k, inOrder(alone, set)] as const)) }
        : {}),
    });
  }
  return new WordTable(entries);
}

/** The longest proposal any of `index`'s parsers makes at token `i` (ties: the earlier parser). */
function longestAt(index: WordTable<Entry>, c: ParseContext, i: number): Proposal | undefined {
  const tokens = c.tokens;
  const entry = entryOf(tokens, i, index);
  if (!entry) return undefined;
  if (tokens.kind(i) === Kind.Number && touches(tokens, i) && tokens.kind(i - 1) === Kind.Word)
    return undefined; // "A380", "G20"
  let candidates = entry.parsers;
  if (entry.next) candidates = entryOf(tokens, i + 1, entry.next) || candidates;
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
/** The shapes of `INDEX`'s first words: most tokens are passed over by a bit test of their shape. */
const STARTS = new ShapeSet(INDEX.keys());

/** One pass over the tokens: at each token the longest reading wins and the scan jumps past it. */
export function propose(c: ParseContext): Proposal[] {
  const out: Proposal[] = [];
  const tokens = c.tokens;
  const n = tokens.length;
  let i = tokens.nextStart(0, STARTS);
  while (i < n) {
    let best = longestAt(INDEX, c, i);
    if (!best) {
      i = tokens.nextStart(i + 1, STARTS);
      continue;
    }
    const suffix = readSuffix(c, best.last);
    if (suffix && best.spec.kind !== 'fixed') {
      const end = c.tokens.at(suffix.next - 1)?.end ?? best.end;
      best = { ...best, end, last: suffix.next, spec: { ...best.spec, mod: best.spec.mod ?? suffix.mod } };
    } else if (suffix && suffix.mod === 'APPROX') {
      const end = c.tokens.at(suffix.next - 1)?.end ?? best.end;
      best = { ...best, end, last: suffix.next, spec: { ...best.spec, mod: best.spec.mod ?? suffix.mod } };
    }
    out.push(best);
    i = tokens.nextStart(best.last, STARTS);
  }
  return out;
}

export interface TagOptions {
  /** ISO date or date-time of publication: the default anchor. */
  readonly reference?: string;
  readonly sentences?: readonly Sentence[];
  /** Quotations, with the time each was said when the caller knows it. */
  readonly quotes?: readonly QuoteSpan[];
  /** The text layer's tokens of the text: the tagger makes its own from them rather than from every character. */
  readonly tokens?: TokenStore;
}

/** `spans` in order of start: themselves when they already are (the attribution layer's usually are). */
function byStart<T extends { readonly start: number }>(spans: readonly T[]): readonly T[] {
  for (let k = 1; k < spans.length; k++)
    if ((spans[k] as T).start < (spans[k - 1] as T).start)
      return [...spans].sort((a, b) => a.start - b.start);
  return spans;
}

/** The columns each text's tokens leave to the next (the results hold no token). */
const ROOM = new TokenRoom();

/** Every time expression of `text`, resolved: the rich results (stated/implied parts, anchors). */
export function tagTimeResults(text: string, options: TagOptions = {}): TimeResult[] {
  const store = options.tokens;
  if (store && store.source !== text) throw new DatelineError('OPTION_INVALID', 'tokens of another text');
  // the tokens are let go when the results are made, so their columns can serve the next text
  const tokens = store ? tokensOf(store, ROOM) : tokenize(text);
  const quotes = options.quotes ? byStart(options.quotes) : findQuotes(text);
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
  // Built field by field, the optional ones only when set, in the order the format lists them.
  const t: Writable<Time> = {
    id,
    start: r.start,
    end: r.end,
    text: r.text,
    type: r.type,
    value: r.value,
  } as Time;
  if (r.mod) t.mod = r.mod;
  if (anchor) t.anchor = anchor;
  if (r.range) t.range = r.range;
  if (r.stated.length) t.stated = r.stated;
  if (r.implied.length) t.implied = r.implied;
  if (r.reference) t.reference = r.reference;
  t.rule = r.rule;
  t.confidence = r.confidence;
  return t;
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
  // plain spans first: the sort then compares objects of one shape
  const spoken: QuoteSpan[] = [];
  for (const q of quotes) {
    if (q.kind === 'indirect' || q.end <= q.start) continue;
    spoken.push(q.time ? { start: q.start, end: q.end, time: q.time } : { start: q.start, end: q.end });
  }
  let sorted = true;
  for (let k = 1; k < spoken.length && sorted; k++) {
    const a = spoken[k - 1] as QuoteSpan;
    const b = spoken[k] as QuoteSpan;
    sorted = a.start < b.start || (a.start === b.start && a.end >= b.end);
  }
  if (!sorted) spoken.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: QuoteSpan[] = [];
  for (const q of spoken) {
    const last = out[out.length - 1];
    // a partial quote inside a direct one is said at the same time; the anchoring wants disjoint spans
    if (last && q.start < last.end) continue;
    out.push(q);
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
      tokens: context.text.tokens,
      ...(quotes ? { quotes } : {}),
    });
    context.layers.times = times;
  },
};
