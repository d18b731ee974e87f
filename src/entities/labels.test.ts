import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { allowed, begin, endOfSpan, inside, OUTSIDE, typeIndex, typeOf } from './labels.js';

/** The spans of `labels`, each [start, end, type], read as the recognizer reads them. */
function spansOf(labels: readonly number[]): number[][] {
  const spans: number[][] = [];
  for (let i = 0; i < labels.length; ) {
    if (labels[i] === OUTSIDE) {
      i++;
      continue;
    }
    const end = endOfSpan(labels, i, labels.length);
    spans.push([i, end, typeOf(labels[i] as number)]);
    i = end;
  }
  return spans;
}

const P = typeIndex('PERSON');
const G = typeIndex('GPE');

table(
  'BIO labels to spans',
  [
    [
      'B I O B',
      [begin(P), inside(P), OUTSIDE, begin(G)],
      [
        [0, 2, P],
        [3, 4, G],
      ],
    ],
    [
      'B B: two names side by side',
      [begin(P), begin(P)],
      [
        [0, 1, P],
        [1, 2, P],
      ],
    ],
    [
      'a stray I opens a span of its own type, as conlleval reads it',
      [begin(P), inside(G)],
      [
        [0, 1, P],
        [1, 2, G],
      ],
    ],
    ['nothing', [OUTSIDE, OUTSIDE], []],
    ['a span at the end is cut at the labels read', [OUTSIDE, begin(G), inside(G)], [[1, 3, G]]],
  ] as const,
  ([, labels, spans]) => assert.deepEqual(spansOf(labels), spans),
);

table(
  'BIO transitions',
  [
    ['I continues its own type', begin(P), inside(P), true],
    ['I after O', OUTSIDE, inside(P), false],
    ['I after another type', begin(G), inside(P), false],
    ['B after anything', inside(G), begin(P), true],
  ] as const,
  ([, prev, label, ok]) => assert.equal(allowed(prev, label), ok),
);
