import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { DatelineError } from '../document/errors.js';
import { FEATURES_PER_TOKEN } from './features.js';

/** Tags of the attribution tagger: outside, and begin/inside of a source, a cue and a content. */
export const TAGS = ['O', 'B-source', 'I-source', 'B-cue', 'I-cue', 'B-content', 'I-content'] as const;
export type TagIndex = number;
export const TAG_COUNT = TAGS.length;

/** I-x may only follow B-x or I-x: the decoder never produces a span without a beginning. */
export function allowed(previous: TagIndex, next: TagIndex): boolean {
  if (next === 0 || next % 2 === 1) return true;
  return previous === next || previous === next - 1;
}

/**
 * A linear model over feature hashes, as `train/attribution/train-tagger.ts` writes it: feature
 * `keys[r]` has the weights `weights[r * TAG_COUNT + tag] * scale`; `transitions[prev * TAG_COUNT +
 * next]` and `start[tag]` score tag sequences.
 */
export interface TaggerModel {
  readonly tags: readonly string[];
  readonly featuresPerToken: number;
  readonly start: readonly number[];
  readonly transitions: readonly number[];
  /** Words that were part of a cue often enough in training: the learned cue lexicon. */
  readonly cueWords: readonly string[];
  readonly scale: number;
  readonly keys: Uint32Array;
  readonly weights: Int16Array;
}

const MAGIC = 0x54414c44; // 'DLAT'
const LITTLE_ENDIAN = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;
const VERSION = 2;

/**
 * The model file: magic, version, header length, a JSON header (tags, start, transitions, cue words,
 * scale, feature count), padding to 4 bytes, then the keys (uint32) and the weights (int16), all
 * little-endian, gzipped. Binary, so loading is a copy rather than a parse.
 */
export function encodeModel(model: TaggerModel): Buffer {
  const { keys, weights, ...rest } = model;
  const header = Buffer.from(JSON.stringify({ ...rest, count: keys.length }), 'utf8');
  const headerEnd = 12 + header.length;
  const keysAt = Math.ceil(headerEnd / 4) * 4;
  const out = Buffer.alloc(keysAt + keys.length * 4 + weights.length * 2);
  out.writeUInt32LE(MAGIC, 0);
  out.writeUInt32LE(VERSION, 4);
  out.writeUInt32LE(header.length, 8);
  header.copy(out, 12);
  for (let r = 0; r < keys.length; r++) out.writeUInt32LE(keys[r] as number, keysAt + r * 4);
  const weightsAt = keysAt + keys.length * 4;
  for (let j = 0; j < weights.length; j++) out.writeInt16LE(weights[j] as number, weightsAt + j * 2);
  return out;
}

export function decodeModel(bytes: Buffer): TaggerModel {
  if (bytes.length < 12 || bytes.readUInt32LE(0) !== MAGIC || bytes.readUInt32LE(4) !== VERSION)
    throw new DatelineError('INTERNAL', 'the attribution tagger model file is not a version 2 model');
  const headerLength = bytes.readUInt32LE(8);
  const header = JSON.parse(bytes.toString('utf8', 12, 12 + headerLength)) as Omit<
    TaggerModel,
    'keys' | 'weights'
  > & { count: number };
  const keysAt = Math.ceil((12 + headerLength) / 4) * 4;
  const count = header.count;
  // Copies, so the arrays are aligned whatever the buffer's offset in its pool.
  const keys = new Uint32Array(count);
  const weights = new Int16Array(count * TAG_COUNT);
  const weightsAt = keysAt + count * 4;
  bytes.copy(new Uint8Array(keys.buffer), 0, keysAt, weightsAt);
  bytes.copy(new Uint8Array(weights.buffer), 0, weightsAt, weightsAt + weights.length * 2);
  if (!LITTLE_ENDIAN) {
    for (let r = 0; r < count; r++) keys[r] = bytes.readUInt32LE(keysAt + r * 4);
    for (let j = 0; j < weights.length; j++) weights[j] = bytes.readInt16LE(weightsAt + j * 2);
  }
  return { ...header, keys, weights };
}

/** Slot layout of the weight table: a 16-bit check of the feature hash, then one int16 per tag. */
const STRIDE = 8;
const checkOf = (key: number) => (key >>> 16) | 1;

export class AttributionTagger {
  /**
   * Open addressing over the feature hashes, indexed by their low bits: `STRIDE` 16-bit words per slot
   * (a check of the high bits, 0 when empty, then the weights), so a lookup touches one cache line.
   */
  private readonly checks: Uint16Array;
  /**
   * One bit per value of a key's high 20 bits, set when some feature of the model has it: most
   * features of a text are not in the model, and this small bitmap (128 KB, in cache) says so
   * without touching the large table.
   */
  private readonly present = new Int32Array(1 << 15);
  private readonly table: Int16Array;
  private readonly mask: number;
  private readonly scale: number;
  private readonly start: readonly number[];
  private readonly moves: Float64Array;
  readonly cueWords: ReadonlySet<string>;

  constructor(model: TaggerModel) {
    if (model.tags.join() !== TAGS.join() || model.featuresPerToken !== FEATURES_PER_TOKEN)
      throw new DatelineError('INTERNAL', 'the attribution tagger model was made for other tags or features');
    let capacity = 1024;
    while (capacity < model.keys.length * 1.5) capacity *= 2;
    this.mask = capacity - 1;
    const buffer = new ArrayBuffer(capacity * STRIDE * 2);
    this.checks = new Uint16Array(buffer);
    this.table = new Int16Array(buffer);
    model.keys.forEach((key, r) => {
      let at = key & this.mask;
      while (this.checks[at * STRIDE] !== 0) at = (at + 1) & this.mask;
      this.checks[at * STRIDE] = checkOf(key);
      const bit = key >>> 12;
      this.present[bit >>> 5] = (this.present[bit >>> 5] as number) | (1 << (bit & 31));
      this.table.set(model.weights.subarray(r * TAG_COUNT, (r + 1) * TAG_COUNT), at * STRIDE + 1);
    });
    this.scale = model.scale;
    this.start = model.start;
    this.moves = withBarrier(model.transitions);
    this.cueWords = new Set(model.cueWords);
  }

  /** Scratch for one unit's scores, grown as needed: a document is tagged one unit at a time. */
  private scores = new Float64Array(0);
  private path = new Float64Array(0);
  private back = new Uint8Array(0);

  /** Emission scores for `n` tokens with `FEATURES_PER_TOKEN` hashes each: `scores[k * TAG_COUNT + tag]`. */
  private emissions(features: Uint32Array, scores: Float64Array): void {
    const n = features.length / FEATURES_PER_TOKEN;
    const { checks, table, mask, scale, present } = this;
    for (let k = 0; k < n; k++) {
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      let s4 = 0;
      let s5 = 0;
      let s6 = 0;
      for (let f = k * FEATURES_PER_TOKEN, e = f + FEATURES_PER_TOKEN; f < e; f++) {
        const key = features[f] as number;
        const bit = key >>> 12;
        if (((present[bit >>> 5] as number) & (1 << (bit & 31))) === 0) continue;
        const check = checkOf(key);
        let at = key & mask;
        let found = checks[at * STRIDE] as number;
        while (found !== 0 && found !== check) {
          at = (at + 1) & mask;
          found = checks[at * STRIDE] as number;
        }
        if (found === 0) continue;
        const w = at * STRIDE;
        s0 += table[w + 1] as number;
        s1 += table[w + 2] as number;
        s2 += table[w + 3] as number;
        s3 += table[w + 4] as number;
        s4 += table[w + 5] as number;
        s5 += table[w + 6] as number;
        s6 += table[w + 7] as number;
      }
      const at = k * TAG_COUNT;
      scores[at] = s0 * scale;
      scores[at + 1] = s1 * scale;
      scores[at + 2] = s2 * scale;
      scores[at + 3] = s3 * scale;
      scores[at + 4] = s4 * scale;
      scores[at + 5] = s5 * scale;
      scores[at + 6] = s6 * scale;
    }
  }

  /** The best tag sequence (Viterbi over the first-order model), linear in the number of tokens. */
  decode(features: Uint32Array): Uint8Array {
    const n = features.length / FEATURES_PER_TOKEN;
    if (this.scores.length < n * TAG_COUNT) {
      const size = Math.max(n, 256) * TAG_COUNT * 2;
      this.scores = new Float64Array(size);
      this.path = new Float64Array(size);
      this.back = new Uint8Array(size);
    }
    this.emissions(features, this.scores);
    return bestPath(this.scores, n, this.start, this.moves, this.path, this.back);
  }
}

/** Allowed transitions as 0 or -Infinity, added to the scores so the inner loop has no test. */
const BARRIER = Float64Array.from({ length: TAG_COUNT * TAG_COUNT }, (_, i) =>
  allowed(Math.floor(i / TAG_COUNT), i % TAG_COUNT) ? 0 : Number.NEGATIVE_INFINITY,
);

const withBarrier = (transitions: readonly number[]) =>
  Float64Array.from(transitions, (x, i) => x + (BARRIER[i] as number));

export function viterbi(
  emissions: Float64Array,
  n: number,
  start: readonly number[],
  transitions: readonly number[],
): Uint8Array {
  return bestPath(
    emissions,
    n,
    start,
    withBarrier(transitions),
    new Float64Array(n * TAG_COUNT),
    new Uint8Array(n * TAG_COUNT),
  );
}

/**
 * Viterbi with the transition scores `moves` (barriers included) and scratch arrays of at least `n *
 * TAG_COUNT`. An inside tag can only follow its own begin or inside tag, so only those two are tried.
 */
function bestPath(
  emissions: Float64Array,
  n: number,
  start: readonly number[],
  moves: Float64Array,
  score: Float64Array,
  back: Uint8Array,
): Uint8Array {
  const tags = new Uint8Array(n);
  if (n === 0) return tags;
  for (let t = 0; t < TAG_COUNT; t++)
    score[t] = allowed(0, t) ? (start[t] as number) + (emissions[t] as number) : Number.NEGATIVE_INFINITY;
  for (let k = 1; k < n; k++) {
    const previous = (k - 1) * TAG_COUNT;
    for (let t = 0; t < TAG_COUNT; t++) {
      let best = Number.NEGATIVE_INFINITY;
      let from = 0;
      const inside = t !== 0 && t % 2 === 0;
      for (let p = inside ? t - 1 : 0, last = inside ? t : TAG_COUNT - 1; p <= last; p++) {
        const s = (score[previous + p] as number) + (moves[p * TAG_COUNT + t] as number);
        if (s > best) {
          best = s;
          from = p;
        }
      }
      score[k * TAG_COUNT + t] = best + (emissions[k * TAG_COUNT + t] as number);
      back[k * TAG_COUNT + t] = from;
    }
  }
  let best = 0;
  for (let t = 1; t < TAG_COUNT; t++)
    if ((score[(n - 1) * TAG_COUNT + t] as number) > (score[(n - 1) * TAG_COUNT + best] as number)) best = t;
  tags[n - 1] = best;
  for (let k = n - 1; k > 0; k--) tags[k - 1] = back[k * TAG_COUNT + (tags[k] as number)] as number;
  return tags;
}

export const TAGGER_MODEL_PATH = fileURLToPath(
  new URL('../../../models/attribution/tagger.bin.gz', import.meta.url),
);

let shared: AttributionTagger | undefined;

/** The shipped model, read once per process, on first use. */
export function defaultTagger(): AttributionTagger {
  shared ??= new AttributionTagger(decodeModel(gunzipSync(readFileSync(TAGGER_MODEL_PATH))));
  return shared;
}
