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

/**
 * The model's weights by feature hash: open addressing indexed by the hashes' low bits, `STRIDE`
 * 16-bit words per slot (a check of the high bits, 0 when empty, then the weights), so a lookup
 * touches one cache line.
 */
export class WeightTable {
  /** Slots as described above, and one more of zeros; a feature's weights are `table[find(key) + tag]`. */
  readonly table: Int16Array;
  private readonly checks: Uint16Array;
  /**
   * One bit per value of a key's high 20 bits, set when some feature of the model has it: most
   * features of a text are not in the model, and this small bitmap (128 KB, in cache) says so
   * without touching the large table.
   */
  readonly present = new Int32Array(1 << 15);
  /** The slot mask of the low bits of a key. */
  readonly mask: number;
  /** Where the slot of zeros past the table's end starts its weights: a feature the model lacks weighs that. */
  readonly absent: number;

  constructor(keys: Uint32Array, weights: Int16Array) {
    let capacity = 1024;
    while (capacity < keys.length * 1.5) capacity *= 2;
    this.mask = capacity - 1;
    this.absent = capacity * STRIDE + 1;
    const buffer = new ArrayBuffer((capacity + 1) * STRIDE * 2);
    this.checks = new Uint16Array(buffer);
    this.table = new Int16Array(buffer);
    keys.forEach((key, r) => {
      let at = key & this.mask;
      while (this.checks[at * STRIDE] !== 0) at = (at + 1) & this.mask;
      this.checks[at * STRIDE] = checkOf(key);
      const bit = key >>> 12;
      this.present[bit >>> 5] = (this.present[bit >>> 5] as number) | (1 << (bit & 31));
      this.table.set(weights.subarray(r * TAG_COUNT, (r + 1) * TAG_COUNT), at * STRIDE + 1);
    });
  }

  /**
   * Where the weights of feature `key` start in `table`: all zeros when the model has no such feature.
   * Most keys stop at the bitmap; the probe is a function of its own so that this one stays small.
   */
  find(key: number): number {
    const bit = key >>> 12;
    return ((this.present[bit >>> 5] as number) & (1 << (bit & 31))) === 0 ? this.absent : this.probe(key);
  }

  /** `find` past the bitmap: the probe of the table's slots. */
  private probe(key: number): number {
    const { checks, mask } = this;
    const check = checkOf(key);
    let at = key & mask;
    let found = checks[at * STRIDE] as number;
    while (found !== 0 && found !== check) {
      at = (at + 1) & mask;
      found = checks[at * STRIDE] as number;
    }
    return found === 0 ? this.absent : at * STRIDE + 1;
  }
}

export class AttributionTagger {
  readonly weights: WeightTable;
  /** What one step of an int16 weight is worth: a token's score for a tag is its weights' sum times this. */
  readonly scale: number;
  /** The start scores and the transitions as the decoders read them (`movesOf`). */
  readonly start: readonly number[];
  readonly moves: Moves;
  readonly cueWords: ReadonlySet<string>;

  constructor(model: TaggerModel) {
    if (model.tags.join() !== TAGS.join() || model.featuresPerToken !== FEATURES_PER_TOKEN)
      throw new DatelineError('INTERNAL', 'the attribution tagger model was made for other tags or features');
    this.weights = new WeightTable(model.keys, model.weights);
    this.scale = model.scale;
    this.start = model.start;
    this.moves = movesOf(model.transitions);
    this.cueWords = new Set(model.cueWords);
  }

  /** Scratch for the decoder, grown as needed: a document is tagged one unit at a time. */
  private lattice = new Float64Array(0);
  private tags = new Uint8Array(0);

  /**
   * The best tag sequence for `n` tokens with emission scores `emissions[k * TAG_COUNT + tag]`, at the
   * start of an array the next call reuses (it may run on past them): a typed array's own store, or a
   * view of one, costs more to make than a unit to decode.
   */
  decode(emissions: Float64Array, n: number): Uint8Array {
    if (this.lattice.length < n * TAG_COUNT)
      this.lattice = new Float64Array(Math.max(n, 256) * 2 * TAG_COUNT);
    return bestPath(emissions, n, this.start, this.moves, this.lattice, this.tagsFor(n));
  }

  /**
   * The best tag sequence read back from the scores of a forward pass made elsewhere (`readPath`), into
   * the array `decode` returns.
   */
  path(score: Float64Array, n: number): Uint8Array {
    return readPath(score, n, this.moves.all, this.tagsFor(n));
  }

  private tagsFor(n: number): Uint8Array {
    if (this.tags.length < n) this.tags = new Uint8Array(Math.max(n, 256) * 2);
    return this.tags;
  }
}

/** Allowed transitions as 0 or -Infinity, added to the scores so the inner loop has no test. */
const BARRIER = Float64Array.from({ length: TAG_COUNT * TAG_COUNT }, (_, i) =>
  allowed(Math.floor(i / TAG_COUNT), i % TAG_COUNT) ? 0 : Number.NEGATIVE_INFINITY,
);

/**
 * The transition scores with their barriers: all of them by `from * TAG_COUNT + to`, and those into
 * outside and each begin tag (0, 1, 3, 5) by that tag's place in that list, then the tag they come
 * from (`open[j * TAG_COUNT + from]`), as the decoder reads them.
 */
export interface Moves {
  readonly all: Float64Array;
  readonly open: Float64Array;
}

function movesOf(transitions: readonly number[]): Moves {
  const all = Float64Array.from(transitions, (x, i) => x + (BARRIER[i] as number));
  const open = new Float64Array(4 * TAG_COUNT);
  [0, 1, 3, 5].forEach((to, j) => {
    for (let from = 0; from < TAG_COUNT; from++)
      open[j * TAG_COUNT + from] = all[from * TAG_COUNT + to] as number;
  });
  return { all, open };
}

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
    movesOf(transitions),
    new Float64Array(n * TAG_COUNT),
    new Uint8Array(n),
  );
}

/**
 * Viterbi into `tags` (`n` long), with the transition scores `moves` (`movesOf`) and a scratch
 * array of at least `n * TAG_COUNT`. The forward pass keeps only each tag's best score, by `Math.max`;
 * the path is read back from the end, choosing again among the predecessors of the tag taken. So the
 * unpredictable branches of an argmax run once per token instead of once per tag and token, and the
 * tags are those back pointers would give: the same sums are compared the same way. An inside tag may
 * only follow its own begin or inside tag, so only those two are tried. Ties go to the earlier tag.
 */
function bestPath(
  emissions: Float64Array,
  n: number,
  start: readonly number[],
  { all: moves, open }: Moves,
  score: Float64Array,
  tags: Uint8Array,
): Uint8Array {
  const T = TAG_COUNT;
  if (n === 0) return tags;
  for (let t = 0; t < T; t++)
    score[t] = allowed(0, t) ? (start[t] as number) + (emissions[t] as number) : Number.NEGATIVE_INFINITY;
  // The transitions the forward pass adds, in locals for the whole unit: from each tag into outside
  // and the begin tags (0, 1, 3, 5), which any tag may precede; into each inside tag from its begin
  // tag and itself.
  // Read by index: destructuring walks an iterator, which allocates.
  const a0 = open[0] as number;
  const a1 = open[1] as number;
  const a2 = open[2] as number;
  const a3 = open[3] as number;
  const a4 = open[4] as number;
  const a5 = open[5] as number;
  const a6 = open[6] as number;
  const b0 = open[7] as number;
  const b1 = open[8] as number;
  const b2 = open[9] as number;
  const b3 = open[10] as number;
  const b4 = open[11] as number;
  const b5 = open[12] as number;
  const b6 = open[13] as number;
  const c0 = open[14] as number;
  const c1 = open[15] as number;
  const c2 = open[16] as number;
  const c3 = open[17] as number;
  const c4 = open[18] as number;
  const c5 = open[19] as number;
  const c6 = open[20] as number;
  const d0 = open[21] as number;
  const d1 = open[22] as number;
  const d2 = open[23] as number;
  const d3 = open[24] as number;
  const d4 = open[25] as number;
  const d5 = open[26] as number;
  const d6 = open[27] as number;
  const in12 = moves[T + 2] as number;
  const in22 = moves[2 * T + 2] as number;
  const in34 = moves[3 * T + 4] as number;
  const in44 = moves[4 * T + 4] as number;
  const in56 = moves[5 * T + 6] as number;
  const in66 = moves[6 * T + 6] as number;
  // The scores at the token before, carried from one token to the next.
  let s0 = score[0] as number;
  let s1 = score[1] as number;
  let s2 = score[2] as number;
  let s3 = score[3] as number;
  let s4 = score[4] as number;
  let s5 = score[5] as number;
  let s6 = score[6] as number;
  for (let k = 1; k < n; k++) {
    const at = k * T;
    const t0 =
      Math.max(s0 + a0, s1 + a1, s2 + a2, s3 + a3, s4 + a4, s5 + a5, s6 + a6) + (emissions[at] as number);
    const t1 =
      Math.max(s0 + b0, s1 + b1, s2 + b2, s3 + b3, s4 + b4, s5 + b5, s6 + b6) + (emissions[at + 1] as number);
    const t3 =
      Math.max(s0 + c0, s1 + c1, s2 + c2, s3 + c3, s4 + c4, s5 + c5, s6 + c6) + (emissions[at + 3] as number);
    const t5 =
      Math.max(s0 + d0, s1 + d1, s2 + d2, s3 + d3, s4 + d4, s5 + d5, s6 + d6) + (emissions[at + 5] as number);
    const t2 = Math.max(s1 + in12, s2 + in22) + (emissions[at + 2] as number);
    const t4 = Math.max(s3 + in34, s4 + in44) + (emissions[at + 4] as number);
    const t6 = Math.max(s5 + in56, s6 + in66) + (emissions[at + 6] as number);
    score[at] = s0 = t0;
    score[at + 1] = s1 = t1;
    score[at + 2] = s2 = t2;
    score[at + 3] = s3 = t3;
    score[at + 4] = s4 = t4;
    score[at + 5] = s5 = t5;
    score[at + 6] = s6 = t6;
  }
  return readPath(score, n, moves, tags);
}

/**
 * The path of `bestPath` from the scores of its forward pass, `score[k * TAG_COUNT + tag]` the best
 * score of a path to `tag` at token `k`, with the transition scores `moves` (`Moves.all`).
 */
function readPath(score: Float64Array, n: number, moves: Float64Array, tags: Uint8Array): Uint8Array {
  const T = TAG_COUNT;
  if (n === 0) return tags;
  let best = 0;
  for (let t = 1; t < T; t++)
    if ((score[(n - 1) * T + t] as number) > (score[(n - 1) * T + best] as number)) best = t;
  tags[n - 1] = best;
  for (let k = n - 1; k > 0; k--) {
    const t = tags[k] as number;
    const previous = (k - 1) * T;
    let from = 0;
    if (t !== 0 && t % 2 === 0) {
      // Both sums are -Infinity only at a tag no path reaches, which the best path never takes.
      const fromInside = (score[previous + t] as number) + (moves[t * T + t] as number);
      from =
        fromInside > (score[previous + t - 1] as number) + (moves[(t - 1) * T + t] as number) ? t : t - 1;
    } else {
      let top = (score[previous] as number) + (moves[t] as number);
      for (let p = 1; p < T; p++) {
        const s = (score[previous + p] as number) + (moves[p * T + t] as number);
        if (s > top) {
          top = s;
          from = p;
        }
      }
    }
    tags[k - 1] = from;
  }
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
