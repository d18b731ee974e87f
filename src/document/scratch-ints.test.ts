import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../../test/table.js';
import { MAX_KEPT, ScratchInts } from './scratch-ints.js';

/** A scratch used before for `dirty` entries, each set to 7. */
function used(dirty: number): ScratchInts {
  const scratch = new ScratchInts();
  scratch.take(dirty).fill(7);
  return scratch;
}

table(
  'a scratch array as a fresh one would be',
  [
    { name: 'shorter than the last, zeroed', dirty: 100, length: 10, value: 0 },
    { name: 'longer than the last, zeroed', dirty: 10, length: 100, value: 0 },
    { name: 'filled with the value asked', dirty: 100, length: 50, value: -1 },
    { name: 'empty', dirty: 100, length: 0, value: 0 },
    { name: 'longer than is kept', dirty: 100, length: MAX_KEPT + 1, value: -1 },
  ],
  ({ name, dirty, length, value }) => {
    const got = used(dirty).take(length, value);
    assert.equal(
      got.length,
      length,
      `${name}: exactly the length asked, so that reads past it are undefined`,
    );
    assert.ok(
      got.every((x) => x === value),
      `${name}: an entry is not ${value}, left over from the earlier use`,
    );
    assert.equal(got[length], undefined, `${name}: an index past the end reads an entry of the memory`);
  },
);

test('a scratch reuses its memory up to the bound, and keeps none past it', () => {
  const scratch = new ScratchInts();
  const first = scratch.take(1000);
  assert.equal(scratch.take(500).buffer, first.buffer, 'a shorter array is not made in the same memory');
  const long = scratch.take(MAX_KEPT + 1);
  assert.notEqual(scratch.take(MAX_KEPT + 1).buffer, long.buffer, 'an array past the bound is kept');
  assert.equal(scratch.take(10).buffer, first.buffer, 'a long document replaced the memory kept');
});
