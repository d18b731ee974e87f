import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { keptArray, keptSlots } from './kept.js';

table(
  'keptSlots gives n packed slots holding undefined',
  [[0], [1], [5], [1000], [3], [16_384], [16_385], [20_000], [50_000]] as const,
  ([n]) => {
    const slots = keptSlots<string>(n);
    assert.equal(slots.length, n, 'as many slots as asked');
    assert.ok(
      slots.every((s) => s === undefined),
      'each slot undefined',
    );
    // `every` skips holes, which a sparse array would have: `in` finds them.
    for (let i = 0; i < n; i++) assert.ok(i in slots, `slot ${i} is no hole`);
  },
);

table('slots written in one array do not show in the next', [[10], [16_384], [40_000]] as const, ([n]) => {
  const first = keptSlots<string>(n);
  first.fill('taken');
  const next = keptSlots<string>(n);
  assert.ok(
    next.every((s) => s === undefined),
    'the next array holds undefined only',
  );
});

table('keptArray gives a new empty array each time', [['twice']] as const, () => {
  const a = keptArray<number>();
  const b = keptArray<number>();
  a.push(1);
  assert.deepEqual(a, [1], 'it takes items');
  assert.deepEqual(b, [], 'another is not shared');
});
