import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../../test/table.js';
import { createDocument } from '../document/document.js';
import { createBatchAnalyzer } from './batch-analyzer.js';
import { Pipeline } from './pipeline.js';
import type { Stage } from './stage.js';

const doc = (text: string) => createDocument({ text, bodyOffset: 0, origin: { format: 'text' } });

/** Notes each document it sees, by its text, so that a test sees which went through together. */
function noting(name: string, seen: string[]): Stage {
  return {
    name: `test/${name}`,
    role: 'refine',
    writes: [],
    run: (ctx) => seen.push(`${name}:${ctx.document.text}`),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

table(
  'documents run a batch at a time, each stage over the batch; one left over runs when its wait is up',
  [
    ['given in one go', false],
    // What the CLI's writer does between documents while it waits for standard output to drain.
    ['given one per turn of the event loop', true],
  ] as const,
  async ([, oneByOne]) => {
    const seen: string[] = [];
    const pipeline = new Pipeline([noting('first', seen), noting('second', seen)]);
    const batches = createBatchAnalyzer(pipeline, 3, 500);
    const results: Promise<unknown>[] = [];
    for (const t of ['a', 'b', 'c', 'd']) {
      results.push(batches.analyze(doc(t)));
      if (oneByOne) await turn();
    }
    await Promise.all(results);
    assert.deepEqual(
      seen,
      ['first:a', 'first:b', 'first:c', 'second:a', 'second:b', 'second:c', 'first:d', 'second:d'],
      'a, b and c fill a batch; d, left over, runs alone',
    );
  },
);

test('a document from a slow input is analysed after the wait, not held for a batch to fill', async () => {
  const batches = createBatchAnalyzer(new Pipeline([]), 32, 5);
  let settled = false;
  const result = batches.analyze(doc('alone')).then(() => {
    settled = true;
  });
  // What a reader waiting on a live feed does.
  await new Promise((resolve) => setTimeout(resolve, 50));
  assert.ok(settled, 'the lone document should be analysed without a flush');
  await result;
});

test('a bug that breaks the batch fails only the documents it strikes', async () => {
  const pipeline = new Pipeline([]);
  // A batch run that throws where stage failures are already caught: what only a bug outside them does.
  const broken = Object.create(pipeline, {
    analyzeBatch: {
      value: () => {
        throw new Error('batch broke');
      },
    },
    analyze: {
      value: (d: ReturnType<typeof doc>) => {
        if (d.text.includes('bad')) throw new Error('bad document');
        return pipeline.analyze(d);
      },
    },
  }) as Pipeline;
  const batches = createBatchAnalyzer(broken, 2);
  const [good, bad] = await Promise.allSettled([batches.analyze(doc('good.')), batches.analyze(doc('bad.'))]);
  assert.equal(good?.status, 'fulfilled', 'the good document is analysed alone');
  assert.equal(bad?.status, 'rejected');
  assert.match(String((bad as PromiseRejectedResult).reason), /bad document \(pipeline\/failed\)/);
});
