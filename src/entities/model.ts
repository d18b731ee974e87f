import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync, gzipSync } from 'node:zlib';
import { DatelineError } from '../document/errors.js';
import { FEATURES_PER_TOKEN, WORD_FEATURES } from './features.js';
import { allowed, LABEL_COUNT } from './labels.js';

const L = LABEL_COUNT;
const F = FEATURES_PER_TOKEN;
/** 2^13 slots of word-feature sums: about 0.9 MB, within the processor's second-level cache. */
const WORD_CACHE_BITS = 13;
const MAGIC = 0x454e4c44; // "DLNE"
const VERSION = 2;
const NEG = -1e30;

/**
 * Transition scores ready for Viterbi: `[prev * L + label]`, start scores in the last row, scaled, with
 * the moves BIO forbids (an I label that does not continue its own type) at minus infinity.
 */
export function transitionTable(trans: ArrayLike<number>, scale: number): Float64Array {
  const table = new Float64Array((L + 1) * L);
  for (let p = 0; p <= L; p++)
    for (let y = 0; y < L; y++)
      table[p * L + y] = allowed(p === L ? 0 : p, y) ? (trans[p * L + y] as number) * scale : NEG;
  return table;
}

// Viterbi's lattice, reused: decoding runs once per sentence.
let scratchScore = new Float64Array(0);
let scratchBack = new Uint8Array(0);

/** Best label sequence (first-order Viterbi) for emission scores `emit[i * L + label]`. */
export function viterbi(emit: Float64Array, n: number, table: Float64Array, out: Uint8Array): void {
  if (n === 0) return;
  if (scratchScore.length < n * L) {
    scratchScore = new Float64Array(n * L * 2);
    scratchBack = new Uint8Array(n * L * 2);
  }
  const score = scratchScore;
  const back = scratchBack;
  for (let y = 0; y < L; y++) score[y] = (emit[y] as number) + (table[L * L + y] as number);
  for (let i = 1; i < n; i++) {
    const base = i * L;
    const prevBase = base - L;
    for (let y = 0; y < L; y++) {
      let best = NEG * 2;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        const s = (score[prevBase + p] as number) + (table[p * L + y] as number);
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[base + y] = best + (emit[base + y] as number);
      back[base + y] = arg;
    }
  }
  let y = 0;
  let best = NEG * 2;
  for (let k = 0; k < L; k++) {
    const s = score[(n - 1) * L + k] as number;
    if (s > best) {
      best = s;
      y = k;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = y;
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
 */
export class EntityModel {
  readonly bits: number;
  readonly scale: number;
  readonly trans: Int16Array;
  private emit = new Float64Array(0);
  private readonly acc = new Int32Array(L);
  /** Buckets of the word features each cache slot holds (-1: empty), and their summed weights. */
  private readonly wordKeys = new Int32Array((1 << WORD_CACHE_BITS) * WORD_FEATURES).fill(-1);
  private readonly wordSums = new Int32Array((1 << WORD_CACHE_BITS) * L);
  private readonly table: Float64Array;
  private readonly used: Uint32Array;
  private readonly usedBefore: Uint32Array;
  private readonly packed: Int16Array;

  private constructor(bits: number, scale: number, trans: Int16Array, used: Uint32Array, packed: Int16Array) {
    this.bits = bits;
    this.scale = scale;
    this.trans = trans;
    this.table = transitionTable(trans, scale);
    this.used = used;
    this.usedBefore = new Uint32Array(used.length);
    let count = 0;
    for (let word = 0; word < used.length; word++) {
      this.usedBefore[word] = count;
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

  /** A model from the whole table, `weights[bucket * L + label]`. */
  static fromWeights(bits: number, scale: number, weights: Int16Array, trans: Int16Array): EntityModel {
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
    return new EntityModel(bits, scale, trans, used, packed);
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
    const mask = this.used[b >>> 5] as number;
    const bit = 1 << (b & 31);
    if ((mask & bit) === 0) return -1;
    return ((this.usedBefore[b >>> 5] as number) + popcount(mask & (bit - 1))) * L;
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
   * Labels for a sentence whose features `extractFeatures` wrote into `features`. Each feature costs a
   * memory read; the sums of a word's
   * own features (the first WORD_FEATURES) are kept in a small direct-mapped cache, checked against
   * their buckets, and words repeat. The sums are integers: the same whatever the order.
   */
  decode(features: Uint32Array, n: number, out: Uint8Array): void {
    if (this.emit.length < n * L) this.emit = new Float64Array(Math.max(n * L, this.emit.length * 2));
    const emit = this.emit;
    const w = this.packed;
    const acc = this.acc;
    const scale = this.scale;
    const keys = this.wordKeys;
    const sums = this.wordSums;
    for (let i = 0; i < n; i++) {
      const from = i * F;
      let h = 0;
      for (let k = from; k < from + WORD_FEATURES; k++)
        h = Math.imul(h ^ (features[k] as number), 0x9e3779b1);
      const slot = (h >>> (32 - WORD_CACHE_BITS)) * WORD_FEATURES;
      let hit = true;
      for (let k = 0; k < WORD_FEATURES; k++)
        if (keys[slot + k] !== (features[from + k] as number)) {
          hit = false;
          break;
        }
      const at = (slot / WORD_FEATURES) * L;
      if (!hit) {
        acc.fill(0);
        for (let k = from; k < from + WORD_FEATURES; k++) {
          const b = this.packedAt(features[k] as number);
          if (b >= 0) for (let y = 0; y < L; y++) acc[y] = (acc[y] as number) + (w[b + y] as number);
        }
        sums.set(acc, at);
        for (let k = 0; k < WORD_FEATURES; k++) keys[slot + k] = features[from + k] as number;
      } else for (let y = 0; y < L; y++) acc[y] = sums[at + y] as number;
      for (let k = from + WORD_FEATURES; k < from + F; k++) {
        const b = this.packedAt(features[k] as number);
        if (b >= 0) for (let y = 0; y < L; y++) acc[y] = (acc[y] as number) + (w[b + y] as number);
      }
      const base = i * L;
      for (let y = 0; y < L; y++) emit[base + y] = (acc[y] as number) * scale;
    }
    viterbi(emit, n, this.table, out);
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
    const body = Buffer.concat([header, bytes(this.trans), bytes(this.used), bytes(this.packed)]);
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
