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

test('a budget of zero or less is a programmer error', () => {
  assert.throws(() => new Pipeline([], { timeBudgetMs: 0 }), { code: 'OPTION_INVALID' });
});
