import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DatelineError } from '../document/errors.js';
import { growTo, newMemory, PAGE, type WasmMemory } from '../wasm/wasm-module.js';
import {
  CONSTANTS_BYTES,
  type DecoderKernel,
  decoderKernel,
  EMIT_BYTES,
  LABEL_AT,
  ROW_BYTES,
  SLOT_BYTES,
  writeConstants,
} from './decoder-kernel.js';
import {
  FEATURE_GROUPS,
  FEATURES_PER_TOKEN,
  type GroupKeys,
  KEYED_GROUPS,
  KEYS_PER_WORD,
  writeGroup,
} from './features.js';
import { allowed, LABEL_COUNT, OUTSIDE } from './labels.js';

const L = LABEL_COUNT;
// The Viterbi search below (the trainer's, and the one the decoder's kernel follows step for step) is
// written out label by label, for speed.
if (L !== 17) throw new DatelineError('INTERNAL', 'entity model: the decoder is written for 17 labels');
const F = FEATURES_PER_TOKEN;
/**
 * 2^14 cache slots per group keyed by its buckets or by the few-valued group's keys, twice as many words
 * in the keyed groups' cache: 13 MB in all, in every model's kernel memory from its construction.
 */
const CACHE_BITS = 14;
/**
 * The most words the kernel takes at once (its work areas then stay under 5 MB): a longer sentence is
 * decoded in windows, cut after a word not searched, where the search splits anyway; only a run of
 * searched words longer than this, which no text but a hostile one has, is cut inside.
 */
const WINDOW = 4096;
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
  // The kernel's `locate` reads the keyed groups' keys, then the few-valued group's, the last group.
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
 *
 * The emission sums and the search run in a WebAssembly kernel (decoder-kernel.ts), over one memory
 * that holds the kernel's constants, the packed weights and the keyed sum caches, then its work areas
 * (which grow with the longest sentence): each row of weights or sums in the kernel's label order
 * (`LABEL_AT`), so that its vectors take them as they lie.
 */
export class EntityModel {
  readonly bits: number;
  readonly scale: number;
  readonly trans: Int16Array;
  /**
   * Each feature group's cache slots, made when first used: each slot the buckets of the group's
   * features (-1: empty), then their summed weights, side by side so that a look-up touches one place.
   * For `decode` given no keys; the sums are copied to the kernel's memory (`ownSums`).
   */
  private readonly bucketCaches: (Int32Array | undefined)[] = [];
  /**
   * The same for the groups named by keys (`GroupKeys`), in the kernel's memory: for each word id
   * (modulo the slots), its keyed groups side by side, each a key, then the sums (the kernel's `locate`
   * finds them). One key compares faster than the buckets, and the groups a word gives its own and its
   * neighbours' features lie together in memory.
   */
  private keyedCache = new Int32Array(0);
  /**
   * The few-valued group's cache, when keys name its values: each slot its two keys, then the sums (a
   * hash of the keys picks it); values that no keys name are summed afresh.
   */
  private fewCache = new Int32Array(0);
  /** The epoch of the keys in `keyedCache` and `fewCache`: keys of another name other words. */
  private keyedEpoch = -1;
  private readonly cacheBits: number;
  /**
   * For each 32-bucket word of the bitmap of used buckets: the word, then the count of used buckets
   * before it (side by side, one memory read).
   */
  private index = new Uint32Array(0);
  /** The used buckets' weights, each row in the kernel's label order (`LABEL_AT`). */
  private packed = new Int16Array(0);
  private readonly weightCount: number;
  private readonly memory: WasmMemory;
  private readonly kernel: DecoderKernel;
  /** Byte offsets in `memory` of the index, the weights and the keyed caches (after the constants). */
  private readonly indexAt: number;
  private readonly weightsAt: number;
  private readonly keyedAt: number;
  private readonly fewAt: number;
  /** Where the work areas start (`reserve`), after the tables. */
  private readonly workAt: number;
  /** Words the work areas hold. */
  private capacity = 0;
  /**
   * Byte offsets of the work areas: each word's slot (the byte addresses of its six group sums, then of
   * its two word-pair features' weights, -1 for none); its emission scores, Viterbi scores and back
   * pointers, and label (`decodeRun`); its own group sums (`ownSums`); copies of its keys, features
   * and live mark; the misses of `locate` and where their sums are to be kept.
   */
  private slotsAt = 0;
  private emitAt = 0;
  private scoreAt = 0;
  private backAt = 0;
  private labelsAt = 0;
  private ownAt = 0;
  private keysAt = 0;
  private featuresAt = 0;
  private liveAt = 0;
  private missesAt = 0;
  private keepAt = 0;
  private slots = new Int32Array(0);
  private labels = new Uint8Array(0);
  /** Group sums of a word of its own, GROUP_COUNT rows of L a word: those not cached. */
  private ownSums = new Int32Array(0);
  private keys = new Int32Array(0);
  private features = new Uint32Array(0);
  private live = new Uint8Array(0);
  private misses = new Int32Array(0);
  /** The misses of the sentence decoded now (`locate`). */
  private missCount = 0;

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
    const index = new Uint32Array(used.length * 2);
    let count = 0;
    for (let word = 0; word < used.length; word++) {
      index[2 * word] = used[word] as number;
      index[2 * word + 1] = count;
      count += popcount(used[word] as number);
    }
    if (
      used.length !== Math.ceil((1 << bits) / 32) ||
      packed.length !== count * L ||
      trans.length !== (L + 1) * L
    )
      throw new DatelineError('INTERNAL', 'entity model: weight table sizes do not match its header');
    const align = (bytes: number) => (bytes + 63) & ~63;
    this.indexAt = CONSTANTS_BYTES;
    this.weightsAt = align(this.indexAt + index.byteLength);
    this.keyedAt = align(this.weightsAt + packed.byteLength);
    this.fewAt = align(this.keyedAt + ((KEYED_GROUPS * (1 + L)) << (cacheBits + 3)));
    this.workAt = align(this.fewAt + (1 << cacheBits) * (2 + L) * 4);
    this.memory = newMemory(Math.ceil(this.workAt / PAGE));
    this.kernel = decoderKernel(this.memory);
    writeConstants(this.memory.buffer, 0, transitionTable(trans, scale), BEST_MOVE);
    this.weightCount = packed.length;
    this.reserve(256);
    this.index.set(index);
    const rows = this.packed;
    for (let at = 0; at < packed.length; at += L)
      for (let k = 0; k < L; k++) rows[at + k] = packed[at + (LABEL_AT[k] as number)] as number;
  }

  /**
   * Work areas for sentences of `n` words, past the tables: the memory grows (its views then read
   * nothing and are made anew) to twice the words, so that it seldom does.
   */
  private reserve(n: number): void {
    if (n <= this.capacity) return;
    const words = Math.min(WINDOW, Math.max(n, 2 * this.capacity));
    let at = this.workAt;
    // The kernel reads up to a vector past a word's emissions and scores: 16 bytes to spare after each.
    const take = (bytes: number) => {
      const start = at;
      at = (at + bytes + 16 + 63) & ~63;
      return start;
    };
    this.slotsAt = take(words * SLOT_BYTES);
    this.emitAt = take(words * EMIT_BYTES);
    this.scoreAt = take(words * ROW_BYTES);
    this.backAt = take(words * ROW_BYTES);
    this.labelsAt = take(words);
    this.ownAt = take(words * GROUP_COUNT * L * 4);
    this.keysAt = take(words * KEYS_PER_WORD * 4);
    this.featuresAt = take(words * F * 4);
    this.liveAt = take(words);
    this.missesAt = take(words * SLOT_BYTES);
    this.keepAt = take(words * SLOT_BYTES);
    const buffer = growTo(this.memory, at);
    this.capacity = words;
    this.index = new Uint32Array(buffer, this.indexAt, 2 * Math.ceil((1 << this.bits) / 32));
    this.packed = new Int16Array(buffer, this.weightsAt, this.weightCount);
    this.keyedCache = new Int32Array(buffer, this.keyedAt, (KEYED_GROUPS * (1 + L)) << (this.cacheBits + 1));
    this.fewCache = new Int32Array(buffer, this.fewAt, (1 << this.cacheBits) * (2 + L));
    this.slots = new Int32Array(buffer, this.slotsAt, words * (SLOT_BYTES / 4));
    this.labels = new Uint8Array(buffer, this.labelsAt, words);
    this.ownSums = new Int32Array(buffer, this.ownAt, words * GROUP_COUNT * L);
    this.keys = new Int32Array(buffer, this.keysAt, words * KEYS_PER_WORD);
    this.features = new Uint32Array(buffer, this.featuresAt, words * F);
    this.live = new Uint8Array(buffer, this.liveAt, words);
    this.misses = new Int32Array(buffer, this.missesAt, words * (SLOT_BYTES / 4));
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
      if (at >= 0)
        for (let k = 0; k < L; k++) all[b * L + (LABEL_AT[k] as number)] = this.packed[at + k] as number;
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

  /** Writes the summed weights of group `g` of the features at `from` into `cache` at `at`. */
  private sumGroup(features: Uint32Array, from: number, g: number, cache: Int32Array, at: number): void {
    const w = this.packed;
    const first = GROUP_START[g] as number;
    const size = (GROUP_START[g + 1] as number) - first;
    cache.fill(0, at, at + L);
    for (let k = 0; k < size; k++) {
      const b = this.packedAt(features[from + (ORDER[first + k] as number)] as number);
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

  /** Empties the keyed groups' caches when the keys are of another epoch than theirs. */
  private emptyForEpoch(epoch: number): void {
    if (epoch !== this.keyedEpoch) {
      this.keyedCache.fill(-1);
      this.fewCache.fill(-1);
      this.keyedEpoch = epoch;
    }
  }

  /**
   * Labels for a sentence whose features `extractFeatures` wrote into `features`. The sums are integers,
   * the same whatever the order they are added in, so cached group sums change no score. With `live`
   * (from `extractFeatures`), only the words it marks are searched and the others are O; with `keys`
   * (from there too), the keyed groups' and the few-valued group's sums are cached by key.
   */
  decode(features: Uint32Array, n: number, out: Uint8Array, live?: Uint8Array, keys?: GroupKeys): void {
    for (let from = 0; from < n; ) {
      let to = Math.min(n, from + WINDOW);
      if (to < n && live) {
        let cut = to;
        while (cut > from && live[cut - 1]) cut--;
        if (cut > from) to = cut;
      }
      this.decodeWindow(features, from, to, out, live, keys);
      from = to;
    }
  }

  /** `decode` of the words `[from, to)` of a sentence, at most WINDOW; those before are labelled. */
  private decodeWindow(
    features: Uint32Array,
    from: number,
    to: number,
    out: Uint8Array,
    live?: Uint8Array,
    keys?: GroupKeys,
  ): void {
    this.reserve(to - from);
    this.locate(features, from, to, live, keys);
    // The label before a run: none at the sentence's start, else the one given to the word before.
    const before = (i: number) => (i === 0 ? L : (out[i - 1] as number));
    if (!live) this.search(from, to, from, out, before(from), false);
    else {
      // Each run of live words is labelled on its own between the O labels of the words around it: when
      // the full search labels those words O too, it splits there into the same runs.
      let i = from;
      while (i < to) {
        if (!live[i]) {
          out[i++] = OUTSIDE;
          continue;
        }
        let end = i + 1;
        while (end < to && live[end]) end++;
        this.search(i, end, from, out, before(i), end < to);
        i = end;
      }
    }
    // Only now are the missed sums kept in the caches: kept as found, one could take a cache slot from
    // which a word before it reads its sums.
    if (keys && this.missCount > 0)
      this.kernel.keep(this.missCount, this.missesAt, this.keepAt, this.keysAt, this.ownAt);
  }

  /**
   * Fills the slot of every word of a sentence that `decode` searches: where its group sums are, and its
   * word-pair features' weights. With keys, the kernel looks the sums up in the keyed caches for every
   * word in one tight loop: they are megabytes and a sentence's slots lie far apart, so that loop has
   * many of their reads in flight at once, and the search then finds them in the processor's caches.
   * The sums it misses are summed into the words' own rows.
   */
  private locate(
    features: Uint32Array,
    from: number,
    to: number,
    live: Uint8Array | undefined,
    keys?: GroupKeys,
  ): void {
    if (!keys) {
      this.locatePlain(features, from, to, live);
      return;
    }
    const n = to - from;
    this.emptyForEpoch(keys.epoch);
    // What the kernel reads of the words: their keys, and the word-pair features of those searched.
    const keyValues = keys.keys;
    const ownKeys = this.keys;
    const keysFrom = from * KEYS_PER_WORD;
    for (let k = 0; k < n * KEYS_PER_WORD; k++) ownKeys[k] = keyValues[keysFrom + k] as number;
    const ownFeatures = this.features;
    const ownLive = this.live;
    for (let i = 0; i < n; i++) {
      const searched = live?.[from + i] !== 0;
      ownLive[i] = searched ? 1 : 0;
      if (searched)
        for (let k = GROUP_START[GROUP_COUNT] as number; k < F; k++) {
          const at = i * F + (ORDER[k] as number);
          ownFeatures[at] = features[from * F + at] as number;
        }
    }
    const misses = this.kernel.locate(
      n,
      this.liveAt,
      this.keysAt,
      this.featuresAt,
      this.slotsAt,
      this.missesAt,
      this.keepAt,
      this.keyedAt,
      this.fewAt,
      this.weightsAt,
      this.indexAt,
      this.cacheBits,
    );
    this.missCount = misses;
    if (misses === 0) return;
    // The features of the groups missed (extracted lazy, written only now).
    for (let m = 0; m < misses; m++) {
      const slot = this.misses[m] as number;
      const i = slot >>> 3;
      const g = slot & 7;
      if (keys.lazy) writeGroup(from + i, g);
      for (let k = GROUP_START[g] as number; k < (GROUP_START[g + 1] as number); k++) {
        const at = i * F + (ORDER[k] as number);
        ownFeatures[at] = features[from * F + at] as number;
      }
    }
    this.kernel.sumMisses(
      misses,
      this.missesAt,
      this.featuresAt,
      this.slotsAt,
      this.ownAt,
      this.weightsAt,
      this.indexAt,
      0,
    );
  }

  /** `locate` without keys: each group's sum comes from its bucket cache, copied into the word's rows. */
  private locatePlain(features: Uint32Array, from: number, to: number, live: Uint8Array | undefined): void {
    const slots = this.slots;
    const ungrouped = GROUP_START[GROUP_COUNT] as number;
    for (let i = 0; i < to - from; i++) {
      if (live && !live[from + i]) continue;
      const slot = i * (SLOT_BYTES / 4);
      const own = i * GROUP_COUNT * L;
      for (let g = 0; g < GROUP_COUNT; g++) {
        const cache = this.bucketCache(g);
        const at = this.groupSum(features, (from + i) * F, g, cache);
        this.ownSums.set(cache.subarray(at, at + L), own + g * L);
        slots[slot + g] = this.ownAt + 4 * (own + g * L);
      }
      for (let k = ungrouped; k < F; k++) {
        const b = this.packedAt(features[(from + i) * F + (ORDER[k] as number)] as number);
        slots[slot + GROUP_COUNT + k - ungrouped] = b < 0 ? -1 : this.weightsAt + 2 * b;
      }
    }
  }

  /**
   * Labels the words `[first, end)` of a sentence, whose slots `locate` filled from word `from`, into
   * `out`: the kernel sums and searches. `after`: the label before them (L: none); `beforeOutside`: an O
   * follows them.
   */
  private search(
    first: number,
    end: number,
    from: number,
    out: Uint8Array,
    after: number,
    beforeOutside: boolean,
  ): void {
    const n = end - first;
    this.kernel.decodeRun(
      this.slotsAt + (first - from) * SLOT_BYTES,
      n,
      this.emitAt,
      this.scoreAt,
      this.backAt,
      this.labelsAt,
      0,
      after,
      beforeOutside ? 1 : 0,
      this.scale,
    );
    const labels = this.labels;
    for (let i = 0; i < n; i++) out[first + i] = labels[i] as number;
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
    const weights = new Int16Array(this.weightCount);
    for (let at = 0; at < weights.length; at += L)
      for (let k = 0; k < L; k++) weights[at + (LABEL_AT[k] as number)] = this.packed[at + k] as number;
    const body = Buffer.concat([header, bytes(this.trans), bytes(used), bytes(weights)]);
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
    const transEnd = 12 + (L + 1) * L * 2;
    const usedEnd = transEnd + Math.ceil((1 << bits) / 32) * 4;
    if (raw.length < usedEnd || (raw.length - usedEnd) % (2 * L) !== 0)
      throw new DatelineError('INTERNAL', 'entity model: weight table sizes do not match its header');
    // The transitions are kept: copied out of the decompressed buffer, which can then go. The bitmap and
    // the weights are read once, into the kernel's memory: where the buffer's offsets are aligned, as
    // typed arrays need, they are read in place rather than copied (megabytes more at load otherwise).
    const copy = (from: number, to: number) => new Uint8Array(raw.subarray(from, to)).buffer;
    const aligned = (raw.byteOffset & 3) === 0;
    const at = raw.byteOffset;
    return new EntityModel(
      bits,
      scale,
      new Int16Array(copy(12, transEnd)),
      aligned
        ? new Uint32Array(raw.buffer, at + transEnd, (usedEnd - transEnd) >> 2)
        : new Uint32Array(copy(transEnd, usedEnd)),
      aligned
        ? new Int16Array(raw.buffer, at + usedEnd, (raw.length - usedEnd) >> 1)
        : new Int16Array(copy(usedEnd, raw.length)),
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
