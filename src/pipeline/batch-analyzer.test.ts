import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createDocument } from '../document/document.js';
import { message } from '../document/message.js';
import { createBatchAnalyzer } from './batch-analyzer.js';
import { Pipeline } from './pipeline.js';
import type { Stage } from './stage.js';

const doc = (text: string) => createDocument({ text, bodyOffset: 0, origin: { format: 'text' } });

/** Numbers its runs in a message, so a test sees the order the documents went through. */
function counting(): Stage {
  let run = 0;
  return {
    name: 'test/count',
    role: 'refine',
    writes: [],
    run: (ctx) => ctx.report(message('test/count', 'info', String(run++))),
  };
}

const order = (a: { messages: readonly { message: string }[] }) => Number(a.messages[0]?.message);

test('documents wait for their batch to fill, then settle together and in order', async () => {
  const batches = createBatchAnalyzer(new Pipeline([counting()]), 3);
  let settled = 0;
  const results = ['a.', 'b.', 'c.', 'd.'].map((t) => batches.analyze(doc(t)).finally(() => settled++));
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(settled, 3, 'the first three fill a batch and settle; the fourth waits');
  batches.flush();
  const analyses = await Promise.all(results);
  assert.deepEqual(
    analyses.map((a) => [a.document.text, order(a)]),
    [
      ['a.', 0],
      ['b.', 1],
      ['c.', 2],
      ['d.', 3],
    ],
  );
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
