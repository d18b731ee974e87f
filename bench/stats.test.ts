import assert from 'node:assert/strict';
import { table } from '../test/table.js';
import { documentsWithin, median, rates, spread } from './stats.js';

table(
  'median',
  [
    [[3], 3],
    [[5, 1, 3], 3],
    [[4, 1, 3, 2], 2.5],
    [[], Number.NaN],
  ] as const,
  ([values, expected]) => assert.equal(median(values), expected, `median of ${values}`),
);

table(
  'spread',
  [
    [[10, 30, 20], { median: 20, min: 10, max: 30 }],
    [[7], { median: 7, min: 7, max: 7 }],
  ] as const,
  ([values, expected]) => assert.deepEqual(spread(values), expected),
);

table(
  'rates',
  [
    // 100 documents in 500, 1000 and 250 ms
    [100, [500, 1000, 250], { median: 200, min: 100, max: 400 }],
  ] as const,
  ([amount, runs, expected]) => assert.deepEqual(rates(amount, runs), expected),
);

table(
  'documentsWithin',
  [
    { name: 'fast enough for the whole corpus', args: [15000, 100, 100, 2000], docs: 2000 },
    { name: 'slow: as many as fit the budget', args: [15000, 10000, 100, 2000], docs: 150 },
    { name: 'very slow: never under 20', args: [1000, 10000, 10, 2000], docs: 20 },
    { name: 'a corpus under 20 is run whole', args: [1000, 10000, 10, 12], docs: 12 },
    { name: 'no warm-up: the whole corpus', args: [1000, 0, 0, 300], docs: 300 },
  ] as const,
  ({ args: [budget, warmupMs, warmupDocs, total], docs }) =>
    assert.equal(documentsWithin(budget, warmupMs, warmupDocs, total), docs),
  (row) => row.name,
);
