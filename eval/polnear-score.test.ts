import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../test/table.js';
import { prf, readBrat, scoreDocument } from './polnear-score.js';

const ANN = [
  'T1\tSource 0 5\tSmith',
  'T2\tCue 6 10\tsaid',
  'T3\tContent 11 20;25 30\tfirst part second',
  'continued text of a span over two lines',
  'T4\tAttribution 6 10\tsaid',
  'E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1',
  'T5\tCue 40 52\taccording to',
  'T6\tContent 53 70\tsomething',
  'T7\tAttribution-no-source 40 52\taccording to',
  'E2\tAttribution-no-source:T7 Cue:T5 Content:T6',
  'E3\tAttribution-no-source:T9 ',
  '#1\tAnnotatorNotes T1\ta note',
].join('\n');

test('readBrat joins parts by event, keeps discontinuous segments, skips notes and empty events', () => {
  const relations = readBrat(ANN);
  assert.equal(relations.length, 2, 'two events with parts (the empty E3 says nothing)');
  assert.deepEqual(relations[0], {
    source: [[0, 5]],
    cue: [[6, 10]],
    content: [
      [11, 20],
      [25, 30],
    ],
  });
  assert.deepEqual(relations[1], { source: [], cue: [[40, 52]], content: [[53, 70]] });
});

type Row = [
  string,
  Parameters<typeof scoreDocument>[1],
  { whole: number; contentExact: number; sourceOverlap: number },
];

table<Row>(
  'scoreDocument against the two gold relations',
  [
    ['identical', readBrat(ANN), { whole: 2, contentExact: 2, sourceOverlap: 1 }],
    [
      'overlapping parts match whole, not exact',
      [{ source: [[2, 5]], cue: [[6, 9]], content: [[12, 18]] }],
      { whole: 1, contentExact: 0, sourceOverlap: 1 },
    ],
    [
      'a source where gold has none is a whole miss',
      [{ source: [[30, 35]], cue: [[40, 52]], content: [[53, 70]] }],
      { whole: 0, contentExact: 1, sourceOverlap: 0 },
    ],
    ['nothing found', [], { whole: 0, contentExact: 0, sourceOverlap: 0 }],
  ],
  ([, system, expect]) => {
    const score = scoreDocument(readBrat(ANN), system);
    assert.equal(score.whole.correct, expect.whole, 'whole attributions matched');
    assert.equal(score.spans['content-exact'].correct, expect.contentExact, 'exact contents');
    assert.equal(score.spans['source-overlap'].correct, expect.sourceOverlap, 'overlapping sources');
    assert.equal(score.whole.gold, 2, 'gold relations counted');
  },
);

test('prf is 0 rather than NaN when nothing is predicted', () => {
  assert.deepEqual(prf({ correct: 0, predicted: 0, found: 0, gold: 3 }), { p: 0, r: 0, f: 0 });
});
