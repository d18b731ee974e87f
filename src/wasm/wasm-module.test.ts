import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../../test/table.js';
import { compile, encodeModule, I32, instantiate, newMemory, op, sleb, uleb } from './wasm-module.js';

table(
  'wasm module: LEB128 numbers as the binary format writes them',
  [
    ['unsigned 0', uleb(0), [0x00]],
    ['unsigned 127, one byte', uleb(127), [0x7f]],
    ['unsigned 128, two bytes', uleb(128), [0x80, 0x01]],
    ['unsigned 624485', uleb(624485), [0xe5, 0x8e, 0x26]],
    ['signed 63, one byte', sleb(63), [0x3f]],
    ['signed 64 needs a second byte for its sign', sleb(64), [0xc0, 0x00]],
    ['signed -1', sleb(-1), [0x7f]],
    ['signed -65', sleb(-65), [0xbf, 0x7f]],
    ['signed -123456', sleb(-123456), [0xc0, 0xbb, 0x78]],
  ] as const,
  ([name, bytes, expected]) => assert.deepEqual(bytes, expected, name),
);

test('wasm module: an encoded function runs over the memory it is given', () => {
  const memory = newMemory(1);
  // store(address, value + 1000): locals 0 and 1 are its parameters.
  const body = [op.get(0), op.get(1), op.i32(1000), op.i32Add(), op.i32Store()];
  const exports = instantiate(
    compile(encodeModule([{ name: 'store', params: [I32, I32], locals: [], body, exported: true }], 1)),
    memory,
  );
  (exports.store as (at: number, value: number) => void)(64, -7);
  assert.equal(new Int32Array(memory.buffer)[16], 993);
});

test('wasm module: a body whose types do not check is refused when compiled', () => {
  // i32.add with one operand.
  const bytes = encodeModule(
    [{ name: 'bad', params: [I32], locals: [], body: [op.get(0), op.i32Add()], exported: true }],
    1,
  );
  assert.throws(() => instantiate(compile(bytes), newMemory(1)), /CompileError|type|operand/i);
});
