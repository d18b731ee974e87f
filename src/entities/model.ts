import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DatelineError } from '../document/errors.js';
import {
  FEATURE_GROUPS,
  FEATURES_PER_TOKEN,
  type GroupKeys,
  KEY_WORD_SHIFT,
  KEYED_GROUPS,
  KEYS_PER_WORD,
  writeGroup,
} from './features.js';
import { allowed, LABEL_COUNT, OUTSIDE } from './labels.js';

const L = LABEL_COUNT;
// The emission sums and the Viterbi search below are written out label by label, for speed.
if (L !== 17) throw new DatelineError('INTERNAL', 'entity model: the decoder is written for 17 labels');
const F = FEATURES_PER_TOKEN;
/**
 * 2^14 cache slots per group keyed by its buckets or by the few-valued group's keys, twice as many words
 * in the keyed groups' cache: 13 MB in all for a decoder given keys.
 */
const CACHE_BITS = 14;
const GROUP_COUNT = FEATURE_GROUPS.length;
/** Feature indexes group after group, then those in no group. */
const ORDER = new Uint8Array(F);
/** Where each group starts in ORDER; the last entry is where the ungrouped features start. */
const GROUP_START = new Uint8Array(GROUP_COUNT + 1);
{
  let k = 0;
  FEATURE_GROUPS.forEach((group, g) => {
    GROUP_START[g] = k;
    for (const f of group) ORDER[k++] = f;
  });
  GROUP_START[GROUP_COUNT] = k;
  const grouped = new Set(ORDER.subarray(0, k));
  for (let f = 0; f < F; f++) if (!grouped.has(f)) ORDER[k++] = f;
  if (k !== F || grouped.size !== GROUP_START[GROUP_COUNT])
    throw new DatelineError('INTERNAL', 'entity model: feature groups overlap or name unknown features');
  // `emissions` reads the keyed groups' keys, then the few-valued group's, the last group.
  if (GROUP_COUNT !== KEYED_GROUPS + 1 || KEYS_PER_WORD !== KEYED_GROUPS + 2)
    throw new DatelineError('INTERNAL', 'entity model: the group keys do not match the groups');
}
const MAGIC = 0x454e4c44; // "DLNE"
const VERSION = 2;
const NEG = -1e30;

/** Where `transitionTable` keeps each label's best move to O or a B label. */
const BEST_MOVE = (L + 1) * L;

/**
 * Transition scores ready for Viterbi: `[prev * L + label]`, start scores in the row after the labels',
 * scaled, with the moves BIO forbids (an I label that does not continue its own type) at minus infinity;
 * then, at BEST_MOVE, each label's best move to O or a B label.
 */
export function transitionTable(trans: ArrayLike<number>, scale: number): Float64Array {
  const table = new Float64Array((L + 2) * L);
  for (let p = 0; p <= L; p++)
    for (let y = 0; y < L; y++)
      table[p * L + y] = allowed(p === L ? 0 : p, y) ? (trans[p * L + y] as number) * scale : NEG;
  for (let p = 0; p < L; p++) {
    let best = table[p * L] as number;
    for (let y = 1; y < L; y += 2) best = Math.max(best, table[p * L + y] as number);
    table[BEST_MOVE + p] = best;
  }
  return table;
}

// Viterbi's lattice, reused: decoding runs once per sentence.
let scratchScore = new Float64Array(0);
let scratchBack = new Uint8Array(0);

/**
 * Best label sequence (first-order Viterbi) for emission scores `emit[i * L + label]` and a table from
 * `transitionTable`. BIO spares most of the work: an I label can only follow the B or I of its type, so
 * only O and the B labels weigh every predecessor. The moves the table forbids lose to the allowed ones
 * whatever the scores, and ties go to the lowest predecessor, so the labels are those of a full search.
 * A run of a longer sentence is labelled into `out` from `outAt`: `after` is the label before it (`L`:
 * none, the sentence starts), and `beforeOutside` says an O follows it.
 */
export function viterbi(
  emit: Float64Array,
  n: number,
  table: Float64Array,
  out: Uint8Array,
  outAt = 0,
  after = L,
  beforeOutside = false,
): void {
  if (n === 0) return;
  if (scratchScore.length < n * L) {
    scratchScore = new Float64Array(n * L * 2);
    scratchBack = new Uint8Array(n * L * 2);
  }
  const score = scratchScore;
  const back = scratchBack;
  for (let y = 0; y < L; y++) score[y] = (emit[y] as number) + (table[after * L + y] as number);
  for (let i = 1; i < n; i++) {
    const base = i * L;
    const prevBase = base - L;
    // O and the B labels (odd) weigh every predecessor, lowest first, each keeping its best so far
    // (b) and where from (f): nine searches side by side, so that none waits on its last step.
    let sp = score[prevBase] as number;
    let b0 = sp + (table[0] as number);
    let b1 = sp + (table[1] as number);
    let b3 = sp + (table[3] as number);
    let b5 = sp + (table[5] as number);
    let b7 = sp + (table[7] as number);
    let b9 = sp + (table[9] as number);
    let b11 = sp + (table[11] as number);
    let b13 = sp + (table[13] as number);
    let b15 = sp + (table[15] as number);
    let f0 = 0;
    let f1 = 0;
    let f3 = 0;
    let f5 = 0;
    let f7 = 0;
    let f9 = 0;
    let f11 = 0;
    let f13 = 0;
    let f15 = 0;
    // The searches' lowest start: a predecessor whose best move falls short of it changes none of them.
    // Most words follow a clear O or name word, and the others trail it far (nine in ten are skipped).
    const least = Math.min(b0, b1, b3, b5, b7, b9, b11, b13, b15);
    for (let p = 1; p < L; p++) {
      sp = score[prevBase + p] as number;
      if (sp + (table[BEST_MOVE + p] as number) < least) continue;
      const row = p * L;
      let s = sp + (table[row] as number);
      if (s > b0) {
        b0 = s;
        f0 = p;
      }
      s = sp + (table[row + 1] as number);
      if (s > b1) {
        b1 = s;
        f1 = p;
      }
      s = sp + (table[row + 3] as number);
      if (s > b3) {
        b3 = s;
        f3 = p;
      }
      s = sp + (table[row + 5] as number);
      if (s > b5) {
        b5 = s;
        f5 = p;
      }
      s = sp + (table[row + 7] as number);
      if (s > b7) {
        b7 = s;
        f7 = p;
      }
      s = sp + (table[row + 9] as number);
      if (s > b9) {
        b9 = s;
        f9 = p;
      }
      s = sp + (table[row + 11] as number);
      if (s > b11) {
        b11 = s;
        f11 = p;
      }
      s = sp + (table[row + 13] as number);
      if (s > b13) {
        b13 = s;
        f13 = p;
      }
      s = sp + (table[row + 15] as number);
      if (s > b15) {
        b15 = s;
        f15 = p;
      }
    }
    score[base] = b0 + (emit[base] as number);
    score[base + 1] = b1 + (emit[base + 1] as number);
    score[base + 3] = b3 + (emit[base + 3] as number);
    score[base + 5] = b5 + (emit[base + 5] as number);
    score[base + 7] = b7 + (emit[base + 7] as number);
    score[base + 9] = b9 + (emit[base + 9] as number);
    score[base + 11] = b11 + (emit[base + 11] as number);
    score[base + 13] = b13 + (emit[base + 13] as number);
    score[base + 15] = b15 + (emit[base + 15] as number);
    back[base] = f0;
    back[base + 1] = f1;
    back[base + 3] = f3;
    back[base + 5] = f5;
    back[base + 7] = f7;
    back[base + 9] = f9;
    back[base + 11] = f11;
    back[base + 13] = f13;
    back[base + 15] = f15;
    for (let y = 2; y < L; y += 2) {
      const fromBegin = (score[prevBase + y - 1] as number) + (table[(y - 1) * L + y] as number);
      const fromInside = (score[prevBase + y] as number) + (table[y * L + y] as number);
      const inside = fromInside > fromBegin;
      score[base + y] = (inside ? fromInside : fromBegin) + (emit[base + y] as number);
      back[base + y] = inside ? y : y - 1;
    }
  }
  let y = 0;
  let best = NEG * 2;
  for (let k = 0; k < L; k++) {
    const s = (score[(n - 1) * L + k] as number) + (beforeOutside ? (table[k * L] as number) : 0);
    if (s > best) {
      best = s;
      y = k;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[outAt + i] = y;
    y = back[i * L + y] as number;
  }
}

/**
 * What `prefetch` read, summed and kept in an object the engine cannot prove unread, so that it keeps
 * the reads.
 */
const readAhead = { sum: 0 };

/** Where keyed group `g`'s cache slot for key `key` starts: the slot of the word the key names. */
function keyedSlot(key: number, g: number, cacheBits: number): number {
  const word = (key >>> (KEY_WORD_SHIFT[g] as number)) & ((2 << cacheBits) - 1);
  return (word * KEYED_GROUPS + g) * (1 + L);
}

/** Where the few-valued group's cache slot for keys `first` and `second` starts. */
function fewSlot(first: number, second: number, cacheBits: number): number {
  const h = Math.imul(Math.imul(first, 0x9e3779b1) ^ second, 0x85ebca6b);
  return (h >>> (32 - cacheBits)) * (2 + L);
}

/** Set bits in a 32-bit word. */
function popcount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 0xff;
}

/**
 * The trained recognizer: `2^bits` hashed feature buckets of LABEL_COUNT weights each, and a label
 * transition matrix, quantised to 16-bit integers with one scale. Most buckets hold no weight (no
 * trained feature hashed there), so only the used ones are stored, in bucket order, with a bitmap of
 * which are used; the count of used buckets before each 32-bucket word of the bitmap finds a bucket's
 * weights. The packed table is a fifth of the whole and stays in the processor's last-level cache.
 *
 * File layout (gzip of): u32 magic "DLNE", u8 version, u8 bits, u8 labels, u8 features per token,
 * f32 scale, i16[(L + 1) * L] transitions (last row: start), u32[2^bits / 32] bitmap of used buckets,
 * i16[used * L] their weights.
 */
export class EntityModel {
  readonly bits: number;
  readonly scale: number;
  readonly trans: Int16Array;
  private emit = new Float64Array(0);
  /**
   * Each feature group's cache slots, made when first used: each slot the buckets of the group's
   * features (-1: empty), then their summed weights, side by side so that a look-up touches one place.
   */
  private readonly bucketCaches: (Int32Array | undefined)[] = [];
  /**
   * The same for the groups named by keys (`GroupKeys`): for each word id (modulo the slots), its
   * keyed groups side by side, each a key, then the sums. One key compares faster than the buckets,
   * and the groups a word gives its own and its neighbours' features lie together in memory.
   */
  private keyedCache: Int32Array | undefined;
  /**
   * The few-valued group's cache, when keys name its values: each slot its two keys, then the sums; one
   * slot more, past the others, for the sums of values that no keys name.
   */
  private fewCache: Int32Array | undefined;
  /** The epoch of the keys in `keyedCache` and `fewCache`: keys of another name other words. */
  private keyedEpoch = -1;
  /** Where the word-pair features of each word of the sentence decoded have their weights (`prefetch`). */
  private pairAt = new Int32Array(0);
  /** Where the weights of each feature of the group `sumGroup` sums are. */
  private readonly groupRows = new Int32Array(F);
  /** Each group's cache for the words decoded now. */
  private readonly caches: Int32Array[] = [];
  private readonly cacheBits: number;
  private readonly table: Float64Array;
  /**
   * For each 32-bucket word of the bitmap of used buckets: the word, then the count of used buckets
   * before it (side by side, one memory read).
   */
  private readonly index: Uint32Array;
  private readonly packed: Int16Array;

  private constructor(
    bits: number,
    scale: number,
    trans: Int16Array,
    used: Uint32Array,
    packed: Int16Array,
    cacheBits = CACHE_BITS,
  ) {
    this.cacheBits = cacheBits;
    this.bits = bits;
    this.scale = scale;
    this.trans = trans;
    this.table = transitionTable(trans, scale);
    this.index = new Uint32Array(used.length * 2);
    let count = 0;
    for (let word = 0; word < used.length; word++) {
      this.index[2 * word] = used[word] as number;
      this.index[2 * word + 1] = count;
      count += popcount(used[word] as number);
    }
    if (
      used.length !== Math.ceil((1 << bits) / 32) ||
      packed.length !== count * L ||
      trans.length !== (L + 1) * L
    )
      throw new DatelineError('INTERNAL', 'entity model: weight table sizes do not match its header');
    this.packed = packed;
  }

  /** A model from the whole table, `weights[bucket * L + label]`; `cacheBits` sizes its group caches. */
  static fromWeights(
    bits: number,
    scale: number,
    weights: Int16Array,
    trans: Int16Array,
    cacheBits = CACHE_BITS,
  ): EntityModel {
    const buckets = 1 << bits;
    if (weights.length !== buckets * L)
      throw new DatelineError('INTERNAL', 'entity model: weight table sizes do not match its header');
    const used = new Uint32Array(Math.ceil(buckets / 32));
    let count = 0;
    for (let b = 0; b < buckets; b++) {
      for (let y = 0; y < L; y++)
        if (weights[b * L + y] !== 0) {
          used[b >>> 5] = (used[b >>> 5] as number) | (1 << (b & 31));
          count++;
          break;
        }
    }
    const packed = new Int16Array(count * L);
    let k = 0;
    for (let b = 0; b < buckets; b++)
      if ((used[b >>> 5] as number) & (1 << (b & 31)))
        packed.set(weights.subarray(b * L, b * L + L), L * k++);
    return new EntityModel(bits, scale, trans, used, packed, cacheBits);
  }

  /**
   * The whole table, `2^bits * L` weights, rebuilt from the packed one (for tests and inspection).
   */
  unpackWeights(): Int16Array {
    const all = new Int16Array((1 << this.bits) * L);
    for (let b = 0; b < 1 << this.bits; b++) {
      const at = this.packedAt(b);
      if (at >= 0) all.set(this.packed.subarray(at, at + L), b * L);
    }
    return all;
  }

  /** Where bucket `b`'s weights start in `packed`, or -1 when it holds none. */
  private packedAt(b: number): number {
    const word = (b >>> 5) << 1;
    const mask = this.index[word] as number;
    const bit = 1 << (b & 31);
    if ((mask & bit) === 0) return -1;
    return ((this.index[word + 1] as number) + popcount(mask & (bit - 1))) * L;
  }

  /** Quantises float weights (the trainer's averaged ones) to a model. */
  static quantise(bits: number, weights: Float64Array, trans: Float64Array): EntityModel {
    let max = 0;
    for (const w of weights) max = Math.max(max, Math.abs(w));
    for (const w of trans) max = Math.max(max, Math.abs(w));
    const scale = max > 0 ? max / 32767 : 1;
    const q = (a: Float64Array) => Int16Array.from(a, (w) => Math.round(w / scale));
    return EntityModel.fromWeights(bits, scale, q(weights), q(trans));
  }

  /**
   * Where the summed weights of group `g` of the features at `from` start in the group's bucket cache.
   * Words and their neighbours repeat, and the few-valued features repeat together: a direct-mapped
   * cache keyed by the group's buckets holds the sums, so most tokens read a sum instead of a row per
   * feature.
   */
  private groupSum(features: Uint32Array, from: number, g: number, cache: Int32Array): number {
    const first = GROUP_START[g] as number;
    const size = (GROUP_START[g + 1] as number) - first;
    let h = 0;
    for (let k = 0; k < size; k++)
      h = Math.imul(h ^ (features[from + (ORDER[first + k] as number)] as number), 0x9e3779b1);
    const keyAt = (h >>> (32 - this.cacheBits)) * (size + L);
    let k = 0;
    while (k < size && cache[keyAt + k] === features[from + (ORDER[first + k] as number)]) k++;
    if (k < size) {
      for (k = 0; k < size; k++) cache[keyAt + k] = features[from + (ORDER[first + k] as number)] as number;
      this.sumGroup(features, from, g, cache, keyAt + size);
    }
    return keyAt + size;
  }

  /**
   * `groupSum` for a keyed group, whose key `key` names its buckets, of word `i`; with `lazy`, its
   * features are written only when the sum is not cached.
   */
  private keyedSum(
    features: Uint32Array,
    i: number,
    g: number,
    key: number,
    cache: Int32Array,
    lazy: boolean,
  ): number {
    const keyAt = keyedSlot(key, g, this.cacheBits);
    if (cache[keyAt] !== key) {
      cache[keyAt] = key;
      if (lazy) writeGroup(i, g);
      this.sumGroup(features, i * F, g, cache, keyAt + 1);
    }
    return keyAt + 1;
  }

  /** `keyedSum` for the few-valued group, whose keys `first` and `second` name its buckets. */
  private fewSum(
    features: Uint32Array,
    i: number,
    first: number,
    second: number,
    cache: Int32Array,
    lazy: boolean,
  ): number {
    let keyAt = (1 << this.cacheBits) * (2 + L);
    if (first >= 0) {
      keyAt = fewSlot(first, second, this.cacheBits);
      if (cache[keyAt] === first && cache[keyAt + 1] === second) return keyAt + 2;
      cache[keyAt] = first;
      cache[keyAt + 1] = second;
    }
    if (lazy) writeGroup(i, GROUP_COUNT - 1);
    this.sumGroup(features, i * F, GROUP_COUNT - 1, cache, keyAt + 2);
    return keyAt + 2;
  }

  /** Writes the summed weights of group `g` of the features at `from` into `cache` at `at`. */
  private sumGroup(features: Uint32Array, from: number, g: number, cache: Int32Array, at: number): void {
    const w = this.packed;
    const first = GROUP_START[g] as number;
    const size = (GROUP_START[g + 1] as number) - first;
    // Where each feature's weights are, and a read of them, before any is summed: the rows lie far apart,
    // and their reads overlap rather than wait on each other (a sum not cached is mostly a new word's).
    const rows = this.groupRows;
    let sum = 0;
    for (let k = 0; k < size; k++) {
      const b = this.packedAt(features[from + (ORDER[first + k] as number)] as number);
      rows[k] = b;
      if (b >= 0) sum += (w[b] as number) + (w[b + L - 1] as number);
    }
    readAhead.sum = sum;
    cache.fill(0, at, at + L);
    for (let k = 0; k < size; k++) {
      const b = rows[k] as number;
      if (b >= 0)
        for (let y = 0; y < L; y++) cache[at + y] = (cache[at + y] as number) + (w[b + y] as number);
    }
  }

  private bucketCache(g: number): Int32Array {
    let cache = this.bucketCaches[g];
    if (!cache) {
      const size = (GROUP_START[g + 1] as number) - (GROUP_START[g] as number);
      cache = new Int32Array((size + L) << this.cacheBits).fill(-1);
      this.bucketCaches[g] = cache;
    }
    return cache;
  }

  /** The keyed groups' cache, emptied with `fewCache` when the keys are of another epoch than theirs. */
  private keyedCacheFor(epoch: number): Int32Array {
    if (!this.keyedCache) this.keyedCache = new Int32Array((KEYED_GROUPS * (1 + L)) << (this.cacheBits + 1));
    if (!this.fewCache) this.fewCache = new Int32Array(((1 << this.cacheBits) + 1) * (2 + L));
    if (epoch !== this.keyedEpoch) {
      this.keyedCache.fill(-1);
      this.fewCache.fill(-1);
      this.keyedEpoch = epoch;
    }
    return this.keyedCache;
  }

  /**
   * Labels for a sentence whose features `extractFeatures` wrote into `features`. The sums are integers,
   * the same whatever the order they are added in, so cached group sums change no score. With `live`
   * (from `extractFeatures`), only the words it marks are searched and the others are O; with `keys`
   * (from there too), the keyed groups' and the few-valued group's sums are cached by key.
   */
  decode(features: Uint32Array, n: number, out: Uint8Array, live?: Uint8Array, keys?: GroupKeys): void {
    if (keys) this.prefetch(features, n, live, keys);
    if (!live) {
      this.emissions(features, 0, n, keys);
      viterbi(this.emit, n, this.table, out);
      return;
    }
    // Each run of live words is labelled on its own between the O labels of the words around it: when
    // the full search labels those words O too, it splits there into the same runs.
    let i = 0;
    while (i < n) {
      if (!live[i]) {
        out[i++] = OUTSIDE;
        continue;
      }
      let end = i + 1;
      while (end < n && live[end]) end++;
      this.emissions(features, i, end, keys);
      viterbi(this.emit, end - i, this.table, out, i, i === 0 ? L : OUTSIDE, end < n);
      i = end;
    }
  }

  /**
   * Reads, for every word of a sentence that `decode` searches, the cache slots and weight rows its
   * emission sums will read, and keeps where its word-pair features' weights are (`pairAt`). Those
   * tables are megabytes and the slots they hold for the words of a sentence lie far apart: read one
   * word after another with the sums, each miss waits for the last, while this tight loop has many in
   * flight at once, and the sums then find them in the processor's caches.
   */
  private prefetch(features: Uint32Array, n: number, live: Uint8Array | undefined, keys: GroupKeys): void {
    const pairs = F - (GROUP_START[GROUP_COUNT] as number);
    if (this.pairAt.length < n * pairs)
      this.pairAt = new Int32Array(Math.max(n * pairs, this.pairAt.length * 2));
    const pairAt = this.pairAt;
    const keyed = this.keyedCacheFor(keys.epoch);
    const few = this.fewCache as Int32Array;
    const keyValues = keys.keys;
    const w = this.packed;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      if (live && !live[i]) continue;
      const k = i * KEYS_PER_WORD;
      // A slot's first and last numbers: a slot is longer than a cache line.
      for (let g = 0; g < KEYED_GROUPS; g++) {
        const keyAt = keyedSlot(keyValues[k + g] as number, g, this.cacheBits);
        sum += (keyed[keyAt] as number) + (keyed[keyAt + L] as number);
      }
      const first = keyValues[k + KEYED_GROUPS] as number;
      if (first >= 0) {
        const keyAt = fewSlot(first, keyValues[k + KEYED_GROUPS + 1] as number, this.cacheBits);
        sum += (few[keyAt] as number) + (few[keyAt + L + 1] as number);
      }
      for (let p = 0; p < pairs; p++) {
        const b = this.packedAt(features[i * F + (ORDER[F - pairs + p] as number)] as number);
        pairAt[i * pairs + p] = b;
        if (b >= 0) sum += (w[b] as number) + (w[b + L - 1] as number);
      }
    }
    readAhead.sum = sum;
  }

  /** Emission scores of the words `[first, end)` of a sentence into `emit`, from its start. */
  private emissions(features: Uint32Array, first: number, end: number, keys?: GroupKeys): void {
    const n = end - first;
    if (this.emit.length < n * L) this.emit = new Float64Array(Math.max(n * L, this.emit.length * 2));
    const emit = this.emit;
    const w = this.packed;
    const keyValues = keys?.keys;
    const lazy = keys?.lazy === true;
    const caches = this.caches;
    const keyed = keys ? this.keyedCacheFor(keys.epoch) : undefined;
    const few = GROUP_COUNT - 1;
    for (let g = 0; g < few; g++) caches[g] = keyed && g < KEYED_GROUPS ? keyed : this.bucketCache(g);
    caches[few] = keyed ? (this.fewCache as Int32Array) : this.bucketCache(few);
    const scale = this.scale;
    const ungrouped = GROUP_START[GROUP_COUNT] as number;
    const pairAt = this.pairAt;
    for (let i = 0; i < n; i++) {
      const from = (first + i) * F;
      // One local per label: the sums stay in registers.
      let a0 = 0;
      let a1 = 0;
      let a2 = 0;
      let a3 = 0;
      let a4 = 0;
      let a5 = 0;
      let a6 = 0;
      let a7 = 0;
      let a8 = 0;
      let a9 = 0;
      let a10 = 0;
      let a11 = 0;
      let a12 = 0;
      let a13 = 0;
      let a14 = 0;
      let a15 = 0;
      let a16 = 0;
      const k = (first + i) * KEYS_PER_WORD;
      for (let g = 0; g < GROUP_COUNT; g++) {
        const sums = caches[g] as Int32Array;
        const at = !keyValues
          ? this.groupSum(features, from, g, sums)
          : g < KEYED_GROUPS
            ? this.keyedSum(features, first + i, g, keyValues[k + g] as number, sums, lazy)
            : this.fewSum(
                features,
                first + i,
                keyValues[k + g] as number,
                keyValues[k + g + 1] as number,
                sums,
                lazy,
              );
        a0 += sums[at + 0] as number;
        a1 += sums[at + 1] as number;
        a2 += sums[at + 2] as number;
        a3 += sums[at + 3] as number;
        a4 += sums[at + 4] as number;
        a5 += sums[at + 5] as number;
        a6 += sums[at + 6] as number;
        a7 += sums[at + 7] as number;
        a8 += sums[at + 8] as number;
        a9 += sums[at + 9] as number;
        a10 += sums[at + 10] as number;
        a11 += sums[at + 11] as number;
        a12 += sums[at + 12] as number;
        a13 += sums[at + 13] as number;
        a14 += sums[at + 14] as number;
        a15 += sums[at + 15] as number;
        a16 += sums[at + 16] as number;
      }
      for (let k = ungrouped; k < F; k++) {
        const b = keyValues
          ? (pairAt[(first + i) * (F - ungrouped) + k - ungrouped] as number)
          : this.packedAt(features[from + (ORDER[k] as number)] as number);
        if (b < 0) continue;
        a0 += w[b + 0] as number;
        a1 += w[b + 1] as number;
        a2 += w[b + 2] as number;
        a3 += w[b + 3] as number;
        a4 += w[b + 4] as number;
        a5 += w[b + 5] as number;
        a6 += w[b + 6] as number;
        a7 += w[b + 7] as number;
        a8 += w[b + 8] as number;
        a9 += w[b + 9] as number;
        a10 += w[b + 10] as number;
        a11 += w[b + 11] as number;
        a12 += w[b + 12] as number;
        a13 += w[b + 13] as number;
        a14 += w[b + 14] as number;
        a15 += w[b + 15] as number;
        a16 += w[b + 16] as number;
      }
      const base = i * L;
      emit[base + 0] = a0 * scale;
      emit[base + 1] = a1 * scale;
      emit[base + 2] = a2 * scale;
      emit[base + 3] = a3 * scale;
      emit[base + 4] = a4 * scale;
      emit[base + 5] = a5 * scale;
      emit[base + 6] = a6 * scale;
      emit[base + 7] = a7 * scale;
      emit[base + 8] = a8 * scale;
      emit[base + 9] = a9 * scale;
      emit[base + 10] = a10 * scale;
      emit[base + 11] = a11 * scale;
      emit[base + 12] = a12 * scale;
      emit[base + 13] = a13 * scale;
      emit[base + 14] = a14 * scale;
      emit[base + 15] = a15 * scale;
      emit[base + 16] = a16 * scale;
    }
  }

  toBuffer(): Buffer {
    const header = Buffer.alloc(12);
    header.writeUInt32LE(MAGIC, 0);
    header.writeUInt8(VERSION, 4);
    header.writeUInt8(this.bits, 5);
    header.writeUInt8(L, 6);
    header.writeUInt8(FEATURES_PER_TOKEN, 7);
    header.writeFloatLE(this.scale, 8);
    const bytes = (a: Int16Array | Uint32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
    const used = this.index.filter((_, k) => k % 2 === 0);
    const body = Buffer.concat([header, bytes(this.trans), bytes(used), bytes(this.packed)]);
    return gzipSync(body, { level: 9 });
  }

  static fromBuffer(gz: Uint8Array): EntityModel {
    const raw = gunzipSync(gz);
    if (raw.length < 12 || raw.readUInt32LE(0) !== MAGIC || raw.readUInt8(4) !== VERSION)
      throw new DatelineError('INTERNAL', `entity model: not a Dateline entity model of version ${VERSION}`);
    const bits = raw.readUInt8(5);
    if (raw.readUInt8(6) !== L || raw.readUInt8(7) !== FEATURES_PER_TOKEN)
      throw new DatelineError('INTERNAL', 'entity model: labels or features differ from this code');
    const scale = raw.readFloatLE(8);
    // Copied out of the decompressed buffer: typed arrays need aligned offsets, and the copies let it go.
    const transEnd = 12 + (L + 1) * L * 2;
    const usedEnd = transEnd + Math.ceil((1 << bits) / 32) * 4;
    if (raw.length < usedEnd || (raw.length - usedEnd) % (2 * L) !== 0)
      throw new DatelineError('INTERNAL', 'entity model: weight table sizes do not match its header');
    const copy = (from: number, to: number) => new Uint8Array(raw.subarray(from, to)).buffer;
    return new EntityModel(
      bits,
      scale,
      new Int16Array(copy(12, transEnd)),
      new Uint32Array(copy(transEnd, usedEnd)),
      new Int16Array(copy(usedEnd, raw.length)),
    );
  }
}

let shared: EntityModel | undefined;

/** The committed model, models/entities.bin.gz, loaded once. */
export function defaultModel(): EntityModel {
  if (!shared) {
    const path = fileURLToPath(new URL('../../../models/entities.bin.gz', import.meta.url));
    shared = EntityModel.fromBuffer(readFileSync(path));
  }
  return shared;
}

/** Makes another model file the default, for measuring a candidate model (`eval entities --model FILE`). */
export function useModelFile(path: string): void {
  shared = EntityModel.fromBuffer(readFileSync(path));
}
