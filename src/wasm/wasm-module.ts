/**
 * A small WebAssembly encoder: enough of the binary format to write the kernels of the entity decoder
 * (entities/decoder-kernel.ts) and the attribution scorer (attribution/score-kernel.ts) from readable
 * code at load time, with no toolchain and no committed binary. A module here imports one memory
 * (`env.mem`) and exports its functions by name; a function body is a list of instructions, each the
 * bytes `op` makes. Only the instructions the kernels use are named.
 */

/** Value types. */
export const I32 = 0x7f;
export const F64 = 0x7c;
export const V128 = 0x7b;
type ValueType = typeof I32 | typeof F64 | typeof V128;

/** Unsigned LEB128: indexes, counts, sizes, memory offsets. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128: the constants of `i32.const`. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

/** A memory access's immediate: log2 of its natural alignment (a hint only), then its offset. */
const memarg = (align: number, offset: number) => [align, ...uleb(offset)];
/** A SIMD instruction: the 0xfd prefix and its number. */
const simd = (code: number, ...rest: number[]) => [0xfd, ...uleb(code), ...rest];

/** Instructions, by their names in the text format. */
export const op = {
  block: () => [0x02, 0x40],
  loop: () => [0x03, 0x40],
  if: () => [0x04, 0x40],
  else: () => [0x05],
  end: () => [0x0b],
  br: (depth: number) => [0x0c, ...uleb(depth)],
  brIf: (depth: number) => [0x0d, ...uleb(depth)],
  call: (func: number) => [0x10, ...uleb(func)],
  select: () => [0x1b],
  get: (local: number) => [0x20, ...uleb(local)],
  set: (local: number) => [0x21, ...uleb(local)],
  tee: (local: number) => [0x22, ...uleb(local)],
  i32: (n: number) => [0x41, ...sleb(n)],
  f64: (x: number) => {
    const bytes = new Uint8Array(new Float64Array([x]).buffer);
    return [0x44, ...bytes];
  },
  i32Load: (offset = 0) => [0x28, ...memarg(2, offset)],
  f64Load: (offset = 0) => [0x2b, ...memarg(3, offset)],
  i32Load8U: (offset = 0) => [0x2d, ...memarg(0, offset)],
  i32Load16S: (offset = 0) => [0x2e, ...memarg(1, offset)],
  i32Load16U: (offset = 0) => [0x2f, ...memarg(1, offset)],
  i32Store: (offset = 0) => [0x36, ...memarg(2, offset)],
  f64Store: (offset = 0) => [0x39, ...memarg(3, offset)],
  i32Store8: (offset = 0) => [0x3a, ...memarg(0, offset)],
  i32Eqz: () => [0x45],
  i32Ne: () => [0x47],
  i32Eq: () => [0x46],
  i32LtS: () => [0x48],
  i32GtS: () => [0x4a],
  i32GeS: () => [0x4e],
  f64Lt: () => [0x63],
  f64Gt: () => [0x64],
  i32Popcnt: () => [0x69],
  i32Add: () => [0x6a],
  i32Sub: () => [0x6b],
  i32Mul: () => [0x6c],
  i32And: () => [0x71],
  i32Or: () => [0x72],
  i32Xor: () => [0x73],
  i32Shl: () => [0x74],
  i32ShrU: () => [0x76],
  f64Add: () => [0xa0],
  f64Max: () => [0xa5],
  f64Mul: () => [0xa2],
  f64ConvertI32S: () => [0xb7],
  v128Load: (offset = 0) => simd(0x00, ...memarg(4, offset)),
  /** Four 16-bit integers, each widened to 32 bits with its sign. */
  v128Load16x4S: (offset = 0) => simd(0x03, ...memarg(3, offset)),
  v128Store: (offset = 0) => simd(0x0b, ...memarg(4, offset)),
  i8x16Shuffle: (lanes: readonly number[]) => simd(0x0d, ...lanes),
  i32x4Splat: () => simd(0x11),
  f64x2Splat: () => simd(0x14),
  f64x2ExtractLane: (lane: number) => simd(0x21, lane),
  f64x2ReplaceLane: (lane: number) => simd(0x22, lane),
  f64x2Gt: () => simd(0x4a),
  v128Bitselect: () => simd(0x52),
  i32x4Add: () => simd(0xae),
  f64x2Add: () => simd(0xf0),
  f64x2Mul: () => simd(0xf2),
  /** `a < b ? b : a` lane by lane: one instruction, where `f64x2.max` adds NaN and zero-sign cases. */
  f64x2Pmax: () => simd(0xf7),
  /** The two low 32-bit lanes, as doubles. */
  f64x2ConvertLowI32x4S: () => simd(0xfe),
};

export interface WasmFunction {
  readonly name: string;
  readonly params: readonly ValueType[];
  /** At most one. */
  readonly results?: readonly ValueType[];
  readonly locals: readonly ValueType[];
  /** Instructions; the closing `end` is added. */
  readonly body: readonly (readonly number[])[];
  /** Exported by its name. */
  readonly exported: boolean;
}

const vector = (items: readonly (readonly number[])[]) => [...uleb(items.length), ...items.flat()];
const name = (text: string) => {
  const bytes = [...Buffer.from(text, 'utf8')];
  return [...uleb(bytes.length), ...bytes];
};
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];

/**
 * The binary of a module of `functions` (function `k` is the `k`-th) over an
 * imported memory of at least `pages` 64 KiB pages.
 */
export function encodeModule(functions: readonly WasmFunction[], pages: number): Uint8Array {
  const types = functions.map((f) => [
    0x60,
    ...vector(f.params.map((t) => [t])),
    ...vector((f.results ?? []).map((t) => [t])),
  ]);
  const memory = [...name('env'), ...name('mem'), 0x02, 0x00, ...uleb(pages)];
  const exports = functions.flatMap((f, k) => (f.exported ? [[...name(f.name), 0x00, ...uleb(k)]] : []));
  const code = functions.map((f) => {
    const body = [...vector(f.locals.map((t) => [1, t])), ...f.body.flat(), 0x0b];
    return [...uleb(body.length), ...body];
  });
  return Uint8Array.from([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vector(types)),
    ...section(2, vector([memory])),
    ...section(3, vector(functions.map((_, k) => uleb(k)))),
    ...section(7, vector(exports)),
    ...section(10, vector(code)),
  ]);
}

/** The few WebAssembly APIs used here: the project's TypeScript libraries do not declare them. */
declare const WebAssembly: {
  Memory: new (descriptor: { initial: number }) => WasmMemory;
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: object) => { exports: Record<string, unknown> };
};

export interface WasmMemory {
  /** Replaced by a longer one when the memory grows: views of the old one are then empty. */
  readonly buffer: ArrayBuffer;
  grow(pages: number): number;
}

export const PAGE = 1 << 16;

/** A memory of `pages` pages, which can grow. */
export function newMemory(pages: number): WasmMemory {
  return new WebAssembly.Memory({ initial: pages });
}

/**
 * `memory` grown to hold at least `bytes`, and its buffer: growing replaces it, so that views made of
 * the one before are then empty and must be made again.
 */
export function growTo(memory: WasmMemory, bytes: number): ArrayBuffer {
  const pages = Math.ceil(bytes / PAGE) - memory.buffer.byteLength / PAGE;
  if (pages > 0) memory.grow(pages);
  return memory.buffer;
}

/** A module compiled from its binary (`encodeModule`), to instantiate over as many memories as asked. */
export function compile(bytes: Uint8Array): object {
  return new WebAssembly.Module(bytes);
}

/** The exported functions of a compiled module over `memory`. */
export function instantiate(module: object, memory: WasmMemory): Record<string, unknown> {
  return new WebAssembly.Instance(module, { env: { mem: memory } }).exports;
}
