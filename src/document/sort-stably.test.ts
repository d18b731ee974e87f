import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { sortStably } from './sort-stably.js';

/** `n` items with keys that repeat, each tagged with its place before the sort. */
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ key: (i * 7) % 5, was: i }));

table(
  'sortStably orders by key and keeps equal keys in their order: by insertion, as numbers, or by the array sort',
  [
    [0, 1],
    [1, 1],
    [2, 1],
    [10, 1],
    [64, 1],
    [65, 1],
    [500, 1],
    [500, 0.5],
    [500, -1],
    [500, 2 ** 50],
  ] as const,
  ([n, scale]) => {
    const list = items(n).map((x) => ({ ...x, key: x.key * scale }));
    const sorted = sortStably(list, (x) => x.key);
    assert.equal(sorted, list, 'sorted in place');
    for (let i = 1; i < n; i++) {
      const a = sorted[i - 1] as { key: number; was: number };
      const b = sorted[i] as { key: number; was: number };
      assert.ok(a.key <= b.key, `item ${i}: key ${b.key} after ${a.key}`);
      if (a.key === b.key) assert.ok(a.was < b.was, `item ${i}: equal keys out of their order`);
    }
  },
);

table(
  'sortStably on keys already in order changes nothing',
  [[[1, 2, 3]], [[-5, 0, 5, 5]]] as const,
  ([keys]) =>
    assert.deepEqual(
      sortStably([...keys], (x) => x),
      [...keys],
      'the same order',
    ),
);

test('sortStably gives the order of a stable sort by comparison, whatever the keys', () =>
  fc.assert(
    fc.property(
      fc.array(fc.oneof(fc.nat(40), fc.nat(), fc.double({ noNaN: true }), fc.constant(2 ** 52)), {
        maxLength: 300,
      }),
      (keys) => {
        const tagged = keys.map((key, was) => ({ key, was }));
        const expected = [...tagged].sort((a, b) => a.key - b.key).map((x) => x.was);
        const sorted = sortStably(tagged, (x) => x.key).map((x) => x.was);
        assert.deepEqual(sorted, expected, `keys ${JSON.stringify(keys)}`);
      },
    ),
  ));
