import type { Entity, Mention, Quote } from '../document/analysis.js';
import { sortStably } from '../document/sort-stably.js';
import { firstAtLeast, firstWhere, SpanIndex } from '../document/span-index.js';
import type { StageContext } from '../pipeline/stage.js';
import { TokenKind, type TokenStore } from '../text/tokens.js';
import { WordShapes } from '../text/word-shapes.js';

/** Reporting verbs that open or close indirect speech: "X said (that) ...", "..., X said". */
export const REPORTING = new Set([
  'said',
  'says',
  'say',
  'told',
  'tells',
  'stated',
  'states',
  'announced',
  'announces',
  'reported',
  'reports',
  'added',
  'noted',
  'notes',
  'claimed',
  'claims',
  'confirmed',
  'confirms',
  'disclosed',
  'revealed',
  'warned',
  'estimated',
  'estimates',
  'believes',
  'insisted',
  'denied',
  'denies',
  'alleged',
  'alleges',
  'explained',
  'wrote',
  'quoted',
  'testified',
  'acknowledged',
  'admitted',
  'argued',
  'asserted',
  'indicated',
  'suggested',
]);

export interface MentionRef {
  readonly start: number;
  readonly end: number;
  readonly entity: Entity;
  readonly kind: string;
}

/**
 * All entity mentions of a document in span order, for looking up who stands where: their bounds in flat
 * arrays with the running maximum of the ends, so that the mentions meeting a range are found by bisection.
 * A mention's entity is held beside it, and the pair made into a `MentionRef` only when a range is asked
 * for: most sentences have no figure or trigger and are never asked about.
 */
export class MentionIndex {
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly maxEnd: number[];
  private readonly mentions: Mention[];
  private readonly owners: Entity[];

  constructor(entities: readonly Entity[]) {
    let n = 0;
    for (let k = 0; k < entities.length; k++) n += (entities[k] as Entity).mentions.length;
    // At its size, filled by index: pushed, it would grow (and copy) as it went.
    const mentions = new Array<Mention>(n);
    const owners = new Array<Entity>(n);
    const order = new Array<number>(n);
    let i = 0;
    for (let k = 0; k < entities.length; k++) {
      const e = entities[k] as Entity;
      for (let j = 0; j < e.mentions.length; j++) {
        mentions[i] = e.mentions[j] as Mention;
        owners[i] = e;
        order[i] = i;
        i++;
      }
    }
    // By start, stably (`sortStably` sorts a long list as numbers): the entities' mentions come entity by
    // entity. Runs of equal starts, few and short ("South Korea" and "South Korea's spy agency"), are then
    // put in order of end.
    sortStably(order, (at) => (mentions[at] as Mention).start);
    this.starts = new Array<number>(n);
    this.ends = new Array<number>(n);
    this.maxEnd = new Array<number>(n);
    this.mentions = new Array<Mention>(n);
    this.owners = new Array<Entity>(n);
    for (let k = 0; k < n; k++) {
      const at = order[k] as number;
      const m = mentions[at] as Mention;
      let j = k;
      // Into its place among those before it with the same start, by end: a stable insertion.
      while (j > 0 && this.starts[j - 1] === m.start && (this.ends[j - 1] as number) > m.end) {
        this.starts[j] = this.starts[j - 1] as number;
        this.ends[j] = this.ends[j - 1] as number;
        this.mentions[j] = this.mentions[j - 1] as Mention;
        this.owners[j] = this.owners[j - 1] as Entity;
        j--;
      }
      this.starts[j] = m.start;
      this.ends[j] = m.end;
      this.mentions[j] = m;
      this.owners[j] = owners[at] as Entity;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < n; k++) {
      max = Math.max(max, this.ends[k] as number);
      this.maxEnd[k] = max;
    }
  }

  /** The place in span order of the first mention starting at or after `offset`; `size` when none does. */
  firstStartingAt(offset: number): number {
    return firstAtLeast(this.starts, offset);
  }

  get size(): number {
    return this.starts.length;
  }

  startAt(k: number): number {
    return this.starts[k] as number;
  }

  /** The mention at place `k` in span order. */
  refAt(k: number): MentionRef {
    const m = this.mentions[k] as Mention;
    return { start: m.start, end: m.end, entity: this.owners[k] as Entity, kind: m.kind };
  }

  /** `overlapping(start, end)` within `[from, to)` as well: a window of the mentions meeting a sentence. */
  within(from: number, to: number, start: number, end: number): MentionRef[] {
    return this.overlapping(Math.max(from, start), Math.min(to, end));
  }

  /** The mentions that share at least one position with `[start, end)`, in span order. */
  overlapping(start: number, end: number): MentionRef[] {
    // Counted first, then made at its size and filled from the back: no growing, no reversing.
    const last = this.firstStartingAt(end) - 1;
    let count = 0;
    for (let k = last; k >= 0 && (this.maxEnd[k] as number) > start; k--) {
      const m = this.mentions[k] as Mention;
      if (m.end > start && m.start < end) count++;
    }
    const found = new Array<MentionRef>(count);
    for (let k = last; count > 0; k--) {
      const m = this.mentions[k] as Mention;
      if (m.end > start && m.start < end)
        found[--count] = { start: m.start, end: m.end, entity: this.owners[k] as Entity, kind: m.kind };
    }
    return found;
  }

  /**
   * Whether a mention sharing a position with `[start, end)` passes `test`, made into no `MentionRef`.
   * The test is given the range too, so that one made once serves every range.
   */
  someOverlapping(
    start: number,
    end: number,
    test: (mention: Mention, entity: Entity, start: number, end: number) => boolean,
  ): boolean {
    for (let k = this.firstStartingAt(end) - 1; k >= 0 && (this.maxEnd[k] as number) > start; k--) {
      const m = this.mentions[k] as Mention;
      if (m.end > start && m.start < end && test(m, this.owners[k] as Entity, start, end)) return true;
    }
    return false;
  }
}

/**
 * The value last made and what it was made from. Not a WeakMap: in a scavenge V8 keeps a WeakMap's
 * values whether or not their keys live, so an index outlived its document by a scavenge, and with it
 * the entities it points to, which were then copied to the old space. Claims and events ask once per
 * document (a batch runs one stage over all its documents before the next), and figures and triggers
 * ask for the quotes of the document they are in, one after another: the last one is what is asked again.
 */
class Last<K, V> {
  private key: K | undefined;
  private value: V | undefined;

  of(key: K, make: (key: K) => V): V {
    if (this.key !== key || this.value === undefined) {
      this.value = make(key);
      this.key = key;
    }
    return this.value;
  }
}

const lastMentions = new Last<readonly Entity[], MentionIndex>();
const indexMentions = (entities: readonly Entity[]) => new MentionIndex(entities);

/** All entity mentions of the document, for looking up who stands where. */
export function mentionIndex(entities: readonly Entity[]): MentionIndex {
  return lastMentions.of(entities, indexMentions);
}

export interface Attribution {
  readonly source?: string;
  readonly via?: readonly string[];
  /** The quote or reporting cue it came from, for as-of times and denials. */
  readonly cue?: { readonly start: number; readonly end: number; readonly text: string };
  readonly quote?: Quote;
}

const SPEAKER_TYPES = new Set(['PERSON', 'ORG', 'GPE', 'NORP']);

/** Whether `text` holds a comma or a straight double quote in [from, to): a speaker does not reach past one. */
function gapHolds(text: string, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const c = text.charCodeAt(k);
    if (c === 0x2c || c === 0x22) return true;
  }
  return false;
}

/**
 * The mention that speaks at a cue: the one ending nearest before it (skipping a few adverbs and
 * times: "the spy agency earlier said"), or for a closing cue ("..., the ministry said") the one after.
 * On a tie the longest mention wins: "South Korea's spy agency" over "South Korea".
 */
function speakerAt(
  index: MentionIndex,
  cueStart: number,
  cueEnd: number,
  sentenceStart: number,
  sentenceEnd: number,
  text: string,
): MentionRef | undefined {
  let best: MentionRef | undefined;
  // Only a mention ending at most 30 characters before the cue can speak before it.
  for (const m of index.within(sentenceStart, sentenceEnd, cueStart - 31, cueStart + 1)) {
    if (m.end > cueStart || m.start < sentenceStart || !SPEAKER_TYPES.has(m.entity.type)) continue;
    if (cueStart - m.end > 30 || gapHolds(text, m.end, cueStart)) continue;
    if (!best || m.end > best.end || (m.end === best.end && m.start < best.start)) best = m;
  }
  if (best) return best;
  // After the cue, in span order from it, until a gap ends the search: read one at a time from the index,
  // as a long sentence holds thousands.
  for (let k = index.firstStartingAt(cueEnd); k < index.size && index.startAt(k) < sentenceEnd; k++) {
    const m = index.refAt(k);
    if (m.end > sentenceEnd || !SPEAKER_TYPES.has(m.entity.type)) continue;
    // Cut out only a gap long enough to matter: trimming makes none longer.
    if (m.start - cueEnd > 12 && text.slice(cueEnd, m.start).trim().length > 12) break;
    if (!best || m.end - m.start > best.end - best.start) best = m;
    if (best && m.start > best.end) break;
  }
  return best;
}

const lastQuotes = new Last<readonly Quote[], SpanIndex<Quote>>();
const indexQuotes = (quotes: readonly Quote[]) => new SpanIndex(quotes);

/**
 * The last attribution read from a reporting cue, with what it was read from: the figures and triggers
 * of a sentence mostly share their cue, and its speaker depends on nothing else.
 */
let lastSpoken:
  | {
      readonly sentence: object;
      readonly mentions: MentionIndex;
      readonly first: number;
      readonly according: boolean;
      readonly attribution: Attribution;
    }
  | undefined;

/**
 * Who states what lies at [start, end): the speaker and relays of the quote holding it; else, in the
 * same sentence, the speaker of a reporting cue before it ("X said ...") or closing it ("..., X said"),
 * or of "according to X". Nothing found: the publisher's own statement.
 */
export function attributionAt(
  context: StageContext,
  mentions: MentionIndex,
  start: number,
  end: number,
): Attribution {
  // The shortest quote with a speaker holding the range; the first such on a tie.
  let holding: Quote | undefined;
  for (const q of lastQuotes.of(context.layers.quotes, indexQuotes).containing(start, end))
    if (q.speaker && (!holding || q.end - q.start < holding.end - holding.start)) holding = q;
  if (holding) {
    return {
      source: holding.speaker,
      via: holding.via && holding.via.length > 0 ? holding.via : undefined,
      cue: holding.cue,
      quote: holding,
    };
  }
  const text = context.text.source;
  const tokens = context.text.tokens;
  const sentence = context.text.sentences[context.text.sentenceAt(start)];
  if (!sentence) return {};
  const cue = findCue(tokens, sentence.firstToken, sentence.endToken, start, end);
  if (!cue) return {};
  const last = lastSpoken;
  if (
    last?.sentence === sentence &&
    last.mentions === mentions &&
    last.first === cue.first &&
    last.according === cue.according
  )
    return last.attribution;
  const cueSpan = {
    start: tokens.start(cue.first),
    end: tokens.end(cue.last),
    text: text.slice(tokens.start(cue.first), tokens.end(cue.last)),
  };
  const speaker = cue.according
    ? mentions
        .within(sentence.start, sentence.end, cueSpan.end - 1, cueSpan.end + 7)
        .find((m) => m.start >= cueSpan.end && m.start - cueSpan.end <= 6 && SPEAKER_TYPES.has(m.entity.type))
    : speakerAt(mentions, cueSpan.start, cueSpan.end, sentence.start, sentence.end, text);
  const attribution = speaker ? { source: speaker.entity.id, cue: cueSpan } : { cue: cueSpan };
  lastSpoken = { sentence, mentions, first: cue.first, according: cue.according, attribution };
  return attribution;
}

/** The reporting cues of one sentence: its first "according to", else its reporting verbs in order. */
interface SentenceCues {
  readonly tokens: TokenStore;
  readonly first: number;
  readonly endToken: number;
  readonly according: number;
  readonly verbs: readonly number[];
}

/** Most words are no cue: their shape tells so before a lookup. */
const CUE_SHAPES = new WordShapes([...REPORTING, 'according']);

// The last sentence read: claims and events ask once per figure or trigger, sentence after sentence,
// and a sentence's cues do not depend on what is asked about.
let lastCues: SentenceCues | undefined;

function cuesOf(tokens: TokenStore, first: number, endToken: number): SentenceCues {
  if (lastCues?.tokens === tokens && lastCues.first === first && lastCues.endToken === endToken)
    return lastCues;
  let according = -1;
  const verbs: number[] = [];
  for (let i = first; i < endToken; i++) {
    // Cues are words: marks and numbers are passed over before their shape is read.
    if (tokens.kind(i) !== TokenKind.Word || !CUE_SHAPES.mayHoldToken(tokens, i)) continue;
    const w = tokens.lower(i);
    if (w === 'according' && i + 1 < endToken && tokens.lower(i + 1) === 'to') {
      according = i;
      break;
    }
    if (REPORTING.has(w)) verbs.push(i);
  }
  lastCues = { tokens, first, endToken, according, verbs };
  return lastCues;
}

/**
 * A reporting cue whose content holds [start, end): a verb before it in the same sentence with no
 * quotation between, "according to" anywhere, or a verb after it ending the sentence.
 */
export function findCue(
  tokens: TokenStore,
  first: number,
  endToken: number,
  start: number,
  end: number,
): { first: number; last: number; according: boolean } | undefined {
  const cues = cuesOf(tokens, first, endToken);
  if (cues.according >= 0) return { first: cues.according, last: cues.according + 1, according: true };
  // The verbs are in order, their ends and starts too: the last ending by `start` and the first after
  // it starting at `end` or later are found by bisection, as a long sentence may hold hundreds.
  const verbs = cues.verbs;
  const past = firstWhere(verbs, (i) => tokens.end(i) > start);
  const before = verbs[past - 1];
  if (before !== undefined) return { first: before, last: before, according: false };
  const after = verbs[firstWhere(verbs, (i) => tokens.start(i) >= end, past)];
  if (after !== undefined) return { first: after, last: after, according: false };
  return undefined;
}
