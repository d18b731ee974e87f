import type { Entity, Quote } from '../document/analysis.js';
import { SpanIndex } from '../document/span-index.js';
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
 * `refs` in the index's order (start, then end, then their own order) by sorting numbers that hold all
 * three: the entities' mentions come entity by entity, and sorting them by comparing spans costs more
 * than the rest of building the index. Spans too far out for such numbers are left to the index to sort.
 */
function sortedMentions(refs: readonly MentionRef[]): readonly MentionRef[] {
  const n = refs.length;
  let end = 0;
  let whole = true;
  for (const r of refs) {
    end = Math.max(end, r.end);
    whole &&= Number.isInteger(r.start) && r.start >= 0 && Number.isInteger(r.end);
  }
  const span = end + 1;
  if (!whole || span * span * n > Number.MAX_SAFE_INTEGER) return refs;
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const r = refs[i] as MentionRef;
    keys[i] = (r.start * span + r.end) * n + i;
  }
  keys.sort();
  const sorted = new Array<MentionRef>(n);
  for (let i = 0; i < n; i++) sorted[i] = refs[(keys[i] as number) % n] as MentionRef;
  return sorted;
}

/**
 * The index last built and the layer it was built from. Not a WeakMap: in a scavenge V8 keeps a WeakMap's
 * values whether or not their keys live, so an index outlived its document by a scavenge, and with it
 * the entities it points to, which were then copied to the old space. Claims and events ask once per
 * document (a batch runs one stage over all its documents before the next), and figures and triggers
 * ask for the quotes of the document they are in, one after another: the last one is what is asked again.
 */
class LastIndex<K, T extends { readonly start: number; readonly end: number }> {
  private key: K | undefined;
  private index: SpanIndex<T> | undefined;

  of(key: K, build: (key: K) => readonly T[]): SpanIndex<T> {
    if (this.key !== key || !this.index) {
      this.index = new SpanIndex(build(key));
      this.key = key;
    }
    return this.index;
  }
}

const lastMentions = new LastIndex<readonly Entity[], MentionRef>();

function mentionsOf(entities: readonly Entity[]): readonly MentionRef[] {
  const all: MentionRef[] = [];
  for (const e of entities)
    for (const m of e.mentions) all.push({ start: m.start, end: m.end, entity: e, kind: m.kind });
  return sortedMentions(all);
}

/** All entity mentions of the document, for looking up who stands where. */
export function mentionIndex(entities: readonly Entity[]): SpanIndex<MentionRef> {
  return lastMentions.of(entities, mentionsOf);
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
  mentions: readonly MentionRef[],
  cueStart: number,
  cueEnd: number,
  sentenceStart: number,
  sentenceEnd: number,
  text: string,
): MentionRef | undefined {
  let best: MentionRef | undefined;
  for (const m of mentions) {
    if (m.end > cueStart || m.start < sentenceStart || !SPEAKER_TYPES.has(m.entity.type)) continue;
    if (cueStart - m.end > 30 || gapHolds(text, m.end, cueStart)) continue;
    if (!best || m.end > best.end || (m.end === best.end && m.start < best.start)) best = m;
  }
  if (best) return best;
  for (const m of mentions) {
    if (m.start < cueEnd || m.end > sentenceEnd || !SPEAKER_TYPES.has(m.entity.type)) continue;
    // Cut out only a gap long enough to matter: trimming makes none longer.
    if (m.start - cueEnd > 12 && text.slice(cueEnd, m.start).trim().length > 12) break;
    if (!best || m.end - m.start > best.end - best.start) best = m;
    if (best && m.start > best.end) break;
  }
  return best;
}

const lastQuotes = new LastIndex<readonly Quote[], Quote>();
const quotesOf = (quotes: readonly Quote[]) => quotes;

/**
 * The last attribution read from a reporting cue, with what it was read from: the figures and triggers
 * of a sentence mostly share their cue, and its speaker depends on nothing else.
 */
let lastSpoken:
  | {
      readonly sentence: object;
      readonly mentions: readonly MentionRef[];
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
  mentions: readonly MentionRef[],
  start: number,
  end: number,
): Attribution {
  // The shortest quote with a speaker holding the range; the first such on a tie.
  let holding: Quote | undefined;
  for (const q of lastQuotes.of(context.layers.quotes, quotesOf).containing(start, end))
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
    ? mentions.find(
        (m) => m.start >= cueSpan.end && m.start - cueSpan.end <= 6 && SPEAKER_TYPES.has(m.entity.type),
      )
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
  let before: number | undefined;
  let after: number | undefined;
  for (const i of cues.verbs) {
    if (tokens.end(i) <= start) before = i;
    else if (tokens.start(i) >= end && after === undefined) after = i;
  }
  if (before !== undefined) return { first: before, last: before, according: false };
  if (after !== undefined) return { first: after, last: after, according: false };
  return undefined;
}
