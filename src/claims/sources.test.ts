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
