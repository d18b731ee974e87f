import assert from 'node:assert/strict';
import { table } from '../test/table.js';
import { f1, scoreSets } from './events-score.js';

table(
  'events-score: set precision, recall and F1',
  [
    ['half right', [1, 2, 3, 4], [3, 4, 5, 6], { tp: 2, fp: 2, fn: 2 }, 0.5],
    ['all right', [1, 2], [2, 1], { tp: 2, fp: 0, fn: 0 }, 1],
    ['nothing found', [1, 2], [], { tp: 0, fp: 0, fn: 2 }, 0],
    ['only spurious', [], [7], { tp: 0, fp: 1, fn: 0 }, 0],
    ['both empty', [], [], { tp: 0, fp: 0, fn: 0 }, 1],
    ['one of three', [1, 2, 3], [1], { tp: 1, fp: 0, fn: 2 }, 0.5],
  ] as const,
  ([, gold, system, counts, expected]) => {
    const c = scoreSets(new Set<number>(gold), new Set<number>(system));
    assert.deepEqual(c, counts, 'true and false positives and negatives');
    assert.ok(Math.abs(f1(c).f1 - expected) < 1e-9, `F1 ${f1(c).f1} should be ${expected}`);
  },
);
