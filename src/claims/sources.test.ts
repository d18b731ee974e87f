import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import type { Entity, MentionKind } from '../document/analysis.js';
import { mentionIndex } from './sources.js';

/** An entity with mentions at the given [start, end) spans; its id names it in the expectations. */
const entity = (id: string, ...spans: (readonly [number, number])[]): Entity => ({
  id,
  type: 'PERSON',
  name: id,
  mentions: spans.map(([start, end]) => ({ start, end, text: '', kind: 'name' as MentionKind })),
  rule: 'test',
  confidence: 1,
});

table(
  'mentionIndex lists the mentions of all entities in span order',
  [
    ['one entity in order', [entity('a', [0, 3], [10, 13])], ['a 0-3', 'a 10-13']],
    [
      'entities interleaved in the text',
      [entity('a', [20, 25], [0, 3]), entity('b', [10, 14], [30, 31])],
      ['a 0-3', 'b 10-14', 'a 20-25', 'b 30-31'],
    ],
    [
      'the same start: the shorter first, then entity order on the same span',
      [entity('a', [5, 20]), entity('b', [5, 9]), entity('c', [5, 20])],
      ['b 5-9', 'a 5-20', 'c 5-20'],
    ],
    ['no entities', [], []],
  ] as const,
  ([, entities, want]) => {
    const listed = mentionIndex(entities)
      .overlapping(0, 1000)
      .map((m) => `${m.entity.id} ${m.start}-${m.end}`);
    assert.deepEqual(listed, want, 'mentions in order of start, end, then entity');
  },
);

table(
  'mentionIndex answers for the layer it is given, whichever was asked before',
  [
    ['a layer after another', [[entity('a', [0, 3])], [entity('b', [4, 8])]], ['b 4-8']],
    ['the first layer again', [[entity('a', [0, 3])], [entity('b', [4, 8])], 0], ['a 0-3']],
    ['the same layer twice', [[entity('a', [0, 3])], 0], ['a 0-3']],
  ] as const,
  ([, asked, want]) => {
    // A number stands for the layer at that place in the list, asked again.
    const layers = asked.map((l) => (typeof l === 'number' ? (asked[l] as readonly Entity[]) : l));
    let listed: string[] = [];
    for (const layer of layers)
      listed = mentionIndex(layer)
        .overlapping(0, 1000)
        .map((m) => `${m.entity.id} ${m.start}-${m.end}`);
    assert.deepEqual(listed, want, 'the mentions of the last layer asked');
  },
);

/** `count` entities of two mentions each, one early and one late in the text, so the layer is out of order. */
const interleaved = (count: number): Entity[] =>
  Array.from({ length: count }, (_, k) =>
    entity(`e${k}`, [10 * k, 10 * k + 3], [10 * (count + k), 10 * (count + k) + 4]),
  );

table(
  'mentionIndex orders a long layer as a short one',
  [
    ['a few entities', 5],
    ['more mentions than are sorted by insertion', 80],
  ] as const,
  ([, count]) => {
    const listed = mentionIndex(interleaved(count))
      .overlapping(0, 1e6)
      .map((m) => m.start);
    const sorted = [...listed].sort((a, b) => a - b);
    assert.equal(listed.length, 2 * count, 'every mention listed once');
    assert.deepEqual(listed, sorted, 'mentions in order of start');
  },
);

table(
  'mentionIndex.someOverlapping tests the mentions sharing a position with the range, and only those',
  [
    ['inside a mention', [11, 12], 'a', true],
    ['touching its end only', [3, 5], 'a', false],
    ['a mention of another entity there', [11, 12], 'b', false],
    ['between mentions', [4, 9], 'a', false],
  ] as const,
  ([, [start, end], id, want]) => {
    const index = mentionIndex([entity('a', [0, 3], [10, 13]), entity('b', [20, 25])]);
    const found = index.someOverlapping(start, end, (m, e) => e.id === id && m.start < end && start < m.end);
    assert.equal(found, want, `a mention of ${id} over [${start}, ${end})`);
  },
);
