import assert from 'node:assert/strict';
import { test } from 'node:test';
import { validateAnalysis } from '../../test/schema.js';
import { table } from '../../test/table.js';
import { createDocument } from '../document/document.js';
import { message } from '../document/message.js';
import { Pipeline } from './pipeline.js';
import type { Stage } from './stage.js';

const doc = (text: string) => createDocument({ text, bodyOffset: 0, origin: { format: 'text' } });

/** Reports that it ran, so a test can see which stages did. */
const marker = (name: string): Stage => ({
  name,
  role: 'refine',
  writes: [],
  run: (ctx) => ctx.report(message(`test/${name}`, 'info', `${name} ran`)),
});

const throwsOn = (word: string): Stage => ({
  name: 'test/thrower',
  role: 'extract',
  writes: ['entities'],
  run(ctx) {
    if (ctx.document.text.includes(word)) throw new Error(`cannot cope with "${word}"`);
  },
});

const rules = (analysis: { messages: readonly { rule: string }[] }) => analysis.messages.map((m) => m.rule);

test('a stage that throws: that document is partial with the error as a message, the others are untouched', () => {
  const pipeline = new Pipeline([marker('before'), throwsOn('poison'), marker('after')]);
  const analyses = ['Talks resumed.', 'A poison pill.', 'Prices rose.'].map((t) => pipeline.analyze(doc(t)));
  assert.deepEqual(
    analyses.map((a) => [a.partial ?? false, rules(a)]),
    [
      [false, ['test/before', 'test/after']],
      [true, ['test/before', 'pipeline/stage-failed', 'test/after']],
      [false, ['test/before', 'test/after']],
    ],
    'only the second document fails, and the stages after the failing one still run on it',
  );
  assert.match(analyses[1]?.messages[1]?.message ?? '', /test\/thrower failed: cannot cope with "poison"/);
  // The failed document is still a whole, valid analysis: a batch's output stays valid.
  for (const a of analyses) validateAnalysis(a);
  assert.equal(JSON.parse(JSON.stringify(analyses)).length, 3);
});

const spin: Stage = {
  name: 'test/spin',
  role: 'extract',
  writes: [],
  run(ctx) {
    // A loop that would never end on its own: only the budget stops it.
    while (!ctx.overBudget?.()) {}
  },
};

table(
  'time budget: a stage that sees it spent stops, the rest is skipped, the analysis is partial',
  [
    [[spin, marker('later')], 'test/spin stopped early and the stages after it did not run'],
    [[marker('first'), spin], 'test/spin stopped early and the stages after it did not run'],
  ] as const,
  ([stages, expected]) => {
    // A clock that moves one millisecond per reading: the outcome cannot depend on the machine's load.
    let now = 0;
    const clock = () => now++;
    const analysis = new Pipeline(stages, { timeBudgetMs: 5, clock }).analyze(doc('A long day.'));
    assert.equal(analysis.partial, true);
    const budget = analysis.messages.filter((m) => m.rule === 'pipeline/time-budget');
    assert.deepEqual(
      budget.map((m) => m.message),
      [`${expected}: over the budget of 5 ms`],
    );
    assert.ok(!rules(analysis).includes('test/later'), 'the stage after the overrun must not run');
    validateAnalysis(analysis);
  },
  ([stages]) => stages.map((s) => s.name).join(' then '),
);

test('in a batch, each document has its own budget: only the one that spends it is partial', () => {
  let now = 0;
  const clock = () => now++;
  const spinOnLong: Stage = { ...spin, run: (ctx) => ctx.document.text.includes('long') && spin.run(ctx) };
  const pipeline = new Pipeline([marker('first'), spinOnLong, marker('last')], { timeBudgetMs: 20, clock });
  const analyses = pipeline.analyzeBatch(['Short.', 'A long day.', 'Brief.'].map(doc));
  assert.deepEqual(
    analyses.map((a) => [a.partial ?? false, rules(a)]),
    [
      [false, ['test/first', 'test/last']],
      [true, ['test/first', 'pipeline/time-budget']],
      [false, ['test/first', 'test/last']],
    ],
    'the documents before and after the slow one run every stage, though the clock ran on meanwhile',
  );
});

test('a budget of zero or less is a programmer error', () => {
  assert.throws(() => new Pipeline([], { timeBudgetMs: 0 }), { code: 'OPTION_INVALID' });
});

/** A stage that writes one layer as given: spans a buggy stage could produce. */
const writing = (layer: 'entities' | 'times' | 'quotes' | 'claims' | 'events', items: unknown[]): Stage => ({
  name: `test/${layer}`,
  role: 'extract',
  writes: [layer],
  run(ctx) {
    (ctx.layers as unknown as Record<string, unknown[]>)[layer] = items;
  },
});

// "Prices rose in Seoul." Prices [0, 6), rose [7, 11), Seoul [15, 20).
const span = (start: number, end: number, text: string) => ({ start, end, text });
table(
  'spans that break the invariant are dropped with an error, the rest kept',
  [
    ['a time whose text is not the text there', 'times', [span(7, 11, 'rose'), span(0, 6, 'Rises')], 1],
    ['a time past the end', 'times', [span(15, 30, 'Seoul.')], 0],
    ['an inverted span', 'claims', [span(11, 7, '')], 0],
    ['offsets that are not integers', 'claims', [span(0.5, 6, 'Prices')], 0],
    ['a text missing', 'claims', [{ start: 0, end: 6 }], 0],
    ['an empty span where it says', 'times', [span(6, 6, '')], 1],
    ['a text one character short', 'times', [span(0, 6, 'Price')], 0],
    [
      'a quote with a bad cue',
      'quotes',
      [
        { ...span(0, 6, 'Prices'), cue: span(7, 11, 'rose') },
        { ...span(0, 6, 'Prices'), cue: span(7, 11, 'rise') },
      ],
      1,
    ],
    [
      'an entity with one bad mention of two',
      'entities',
      [
        { id: 'e1', mentions: [span(15, 20, 'Seoul'), span(0, 6, 'Prices')] },
        { id: 'e2', mentions: [span(15, 20, 'Seoul'), span(0, 6, 'Prices ')] },
      ],
      1,
    ],
    [
      'an event whose trigger is off',
      'events',
      [{ trigger: span(7, 11, 'rose') }, { trigger: span(8, 12, 'rose') }],
      1,
    ],
  ] as const,
  ([, layer, items, kept]) => {
    const analysis = new Pipeline([writing(layer, [...items])]).analyze(doc('Prices rose in Seoul.'));
    assert.equal(analysis[layer].length, kept, `${kept} of ${items.length} ${layer} items should be kept`);
    const dropped = analysis.messages.filter((m) => m.rule === 'pipeline/invalid-span');
    assert.equal(dropped.length, items.length - kept, 'one error message per dropped item');
  },
);
