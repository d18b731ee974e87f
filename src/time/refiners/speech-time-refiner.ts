/**
 * When was a quotation said? The caller may say; otherwise a day-level date in the quote's own
 * sentence (outside the quote: `"...," he said Tuesday`), else the date of the event the quote was
 * said at: an event noun near the quote ("During a speech at the ceremony") that an earlier sentence
 * of the story dates ("held the ceremony ... the previous day"). Falls back to the publication date.
 */

import { firstWhere } from '../../document/span-index.js';
import type { CalDate } from '../calendar.js';
import { parseIsoDate } from '../calendar.js';
import type { QuoteSpan, RefineContext } from '../result.js';
import { Kind, WordTable } from '../tokens.js';

/**
 * Nouns of the events a speech is given at, by word, each its own value: found by token without cutting
 * every word's text.
 */
const EVENT_NOUNS = new WordTable(
  [
    'ceremony',
    'speech',
    'meeting',
    'rally',
    'conference',
    'summit',
    'event',
    'address',
    'session',
    'briefing',
    'interview',
    'visit',
    'talks',
    'parade',
    'celebration',
    'funeral',
    'congress',
    'plenum',
    'plenary',
    'gathering',
    'forum',
    'hearing',
    'debate',
    'statement',
    'remarks',
    'announcement',
    'memorial',
    'service',
    'commemoration',
    'inauguration',
    'trial',
    'testimony',
    'convention',
    'assembly',
    'vigil',
    'protest',
    'banquet',
    'reception',
    'festival',
    'concert',
    'broadcast',
    'speeches',
    'lecture',
    'sermon',
    'rallies',
  ].map((w) => [w, w] as const),
);

/** The first token that starts at or after `offset`. */
export function firstTokenAt(c: RefineContext, offset: number): number {
  let lo = 0;
  let hi = c.tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (c.tokens.start(mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export interface DatedMention {
  /** Character offset of the expression. */
  readonly start: number;
  readonly day: CalDate;
  readonly index: number;
}

export interface SpeechTime {
  readonly day?: CalDate;
  /** The proposal index that dates the speech, when one does. */
  readonly index?: number;
}

/**
 * `sentenceOf(offset)`: the sentence index of a character offset. `dated`: the day-level dates found
 * outside quotations, in text order. `inQuote(offset)`: whether an offset lies inside a quotation.
 */
export function speechTime(
  c: RefineContext,
  quote: QuoteSpan,
  sentenceOf: (offset: number) => number,
  dated: readonly DatedMention[],
  inQuote: (offset: number) => boolean,
): SpeechTime {
  const given = parseIsoDate(quote.time);
  if (given) return { day: given };
  const s = sentenceOf(quote.start);
  const sEnd = sentenceOf(Math.max(quote.start, quote.end - 1));
  // 1. a date in the quote's own sentence, nearest the quote
  let best: DatedMention | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  // `dated` is in text order, so the dates of a run of sentences are a run of it, found by bisection:
  // a long story has a date and a quotation in most paragraphs.
  for (let i = firstWhere(dated, (d) => sentenceOf(d.start) >= s); i < dated.length; i++) {
    const d = dated[i] as DatedMention;
    if (sentenceOf(d.start) > sEnd) break;
    const distance = d.start < quote.start ? quote.start - d.start : d.start - quote.end;
    if (distance < bestDistance) {
      best = d;
      bestDistance = distance;
    }
  }
  if (best) return { day: best.day, index: best.index };
  // 2. the event the quote was said at, dated earlier in the story
  const nouns = new Set<string>();
  const lo = Math.max(0, s - 2);
  const until = c.sentences[sEnd]?.end ?? 0;
  const tokens = c.tokens;
  for (let k = firstTokenAt(c, c.sentences[lo]?.start ?? 0); k < tokens.length; k++) {
    if (tokens.start(k) >= until) break;
    const noun = tokens.kind(k) === Kind.Word ? EVENT_NOUNS.get(tokens, k) : undefined;
    if (noun !== undefined && !inQuote(tokens.start(k))) nouns.add(noun);
  }
  if (nouns.size > 0) {
    for (let j = s - 1; j >= Math.max(0, s - 10); j--) {
      const sentence = c.sentences[j];
      if (!sentence) continue;
      const from = firstWhere(dated, (d) => d.start >= sentence.start);
      let to = from;
      while (to < dated.length && (dated[to] as DatedMention).start < sentence.end) to++;
      if (to === from) continue;
      let mentions = false;
      for (let k = firstTokenAt(c, sentence.start); k < tokens.length && !mentions; k++) {
        if (tokens.end(k) > sentence.end) break;
        const noun = tokens.kind(k) === Kind.Word ? EVENT_NOUNS.get(tokens, k) : undefined;
        mentions = noun !== undefined && nouns.has(noun) && !inQuote(tokens.start(k));
      }
      if (!mentions) continue;
      const last = dated[to - 1] as DatedMention;
      return { day: last.day, index: last.index };
    }
  }
  return {};
}
