import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { sortStably } from './sort-stably.js';

/** `n` items with keys that repeat, each tagged with its place before the sort. */
const items = (n: number) => Array.from({ length: n }, (_, i) => ({ key: (i * 7) % 5, was: i }));

table(
  'sortStably orders by key and keeps equal keys in their order, by insertion or by the array sort',
  [[0], [1], [2], [10], [64], [65], [500]] as const,
  ([n]) => {
    const list = items(n);
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
