import assert from 'node:assert/strict';
import { table } from '../test/table.js';
import { f1, iobSpans, overall, type Score, scoreSpans } from './conll-score.js';

table(
  'IOB spans as conlleval reads them',
  [
    [
      ['B-PER', 'I-PER', 'O', 'B-LOC'],
      [
        [0, 2, 'PER'],
        [3, 4, 'LOC'],
      ],
    ],
    [['I-ORG', 'I-ORG'], [[0, 2, 'ORG']]],
    [
      ['B-PER', 'B-PER'],
      [
        [0, 1, 'PER'],
        [1, 2, 'PER'],
      ],
    ],
    [
      ['B-PER', 'I-LOC'],
      [
        [0, 1, 'PER'],
        [1, 2, 'LOC'],
      ],
    ],
  ] as const,
  ([tags, spans]) =>
    assert.deepEqual(
      iobSpans(tags).map((s) => [s.start, s.end, s.type]),
      spans,
    ),
);

table(
  'span scores: exact bounds and type, or it does not count',
  [
    ['all right', ['B-PER', 'I-PER'], ['B-PER', 'I-PER'], { tp: 1, fp: 0, fn: 0 }, 1],
    [
      'a short span is a miss and a false alarm',
      ['B-PER', 'I-PER'],
      ['B-PER', 'O'],
      { tp: 0, fp: 1, fn: 1 },
      0,
    ],
    ['wrong type', ['B-PER'], ['B-ORG'], { tp: 0, fp: 1, fn: 1 }, 0],
    ['one of two', ['B-PER', 'O', 'B-LOC'], ['B-PER', 'O', 'O'], { tp: 1, fp: 0, fn: 1 }, 2 / 3],
  ] as const,
  ([, gold, predicted, expected, score]) => {
    const scores = new Map<string, Score>();
    scoreSpans(iobSpans(gold), iobSpans(predicted), scores);
    const total = overall(scores);
    assert.deepEqual(total, expected);
    assert.ok(Math.abs(f1(total) - score) < 1e-9, `F1 ${f1(total)} should be ${score}`);
  },
);
