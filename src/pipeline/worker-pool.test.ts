import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { repoRoot } from '../../test/table.js';
import type { SourceDocument } from '../document/document.js';
import { readInput } from '../read/read-input.js';
import { createPipeline } from './default-pipeline.js';
import { createWorkerPool } from './worker-pool.js';

const SAMPLES = join(repoRoot, 'samples', 'wikinews');

/** The bundled samples and a few awkward records: the documents of a real batch. */
function documents(): SourceDocument[] {
  const docs: SourceDocument[] = [];
  const inputs: [string, Uint8Array][] = readdirSync(SAMPLES)
    .sort()
    .map((name) => [join(SAMPLES, name), readFileSync(join(SAMPLES, name))]);
  inputs.push([
    'mixed.jsonl',
    Buffer.from(
      [
        { text: 'SEOUL, Oct. 24 (Yonhap) -- \u201cWe will,\u201d Kim said on Friday. \u{1F600}', id: 'x' },
        { text: 'e\u0301\u200b\u05e9\u05dc\u05d5\u05dd "unbalanced (quote. 3.5 15,000.' },
      ]
        .map((r) => JSON.stringify(r))
        .join('\n'),
    ),
  ]);
  for (const [name, bytes] of inputs)
    for (const item of readInput(name, bytes)) if ('document' in item) docs.push(item.document);
  return docs;
}

test('determinism: alone, in batches, on 1 and on 2 worker threads, the same bytes in the same order', async () => {
  const docs = documents();
  assert.ok(docs.length > 40, `expected the samples and two records, got ${docs.length} documents`);
  const pipeline = createPipeline();
  const inProcess = docs.map((d) => JSON.stringify(pipeline.analyze(d)));
  // Batches interleave the documents stage by stage: no stage may carry one document's state into another.
  for (const size of [2, 7, docs.length]) {
    const batched: string[] = [];
    for (let from = 0; from < docs.length; from += size)
      for (const a of pipeline.analyzeBatch(docs.slice(from, from + size))) batched.push(JSON.stringify(a));
    const differs = batched.findIndex((a, i) => a !== inProcess[i]);
    assert.ok(differs < 0, `batches of ${size}: document ${differs} differs from its analysis alone`);
  }
  for (const threads of [1, 2]) {
    const pool = createWorkerPool({ threads });
    try {
      const pooled = (await Promise.all(docs.map((d) => pool.analyze(d)))).map((a) => JSON.stringify(a));
      const differs = pooled.findIndex((a, i) => a !== inProcess[i]);
      assert.ok(
        differs < 0,
        `${threads} thread(s): document ${differs} differs from the in-process analysis`,
      );
    } finally {
      await pool.close();
    }
  }
});

test('a document over the hard limit is given up with a message, and the queue behind it goes on', async () => {
  const [small] = documents();
  const huge = { ...(small as SourceDocument), text: 'word. '.repeat(1_000_000) };
  const pool = createWorkerPool({ threads: 1, hardTimeoutMs: 1 });
  try {
    // A fresh thread takes far longer than 1 ms over any document, so each is given up for certain, in
    // their batch and again alone, each time on a fresh thread that replaced the last: both settle
    // instead of waiting forever.
    const results = await Promise.allSettled([pool.analyze(huge), pool.analyze(small as SourceDocument)]);
    assert.deepEqual(
      results.map((r) =>
        r.status === 'rejected' ? /\(pipeline\/hard-timeout\)$/.test(String(r.reason)) : r.status,
      ),
      [true, true],
    );
  } finally {
    await pool.close();
  }
});

test('a batch over the hard limit is tried again one document at a time: only the slow one fails', async () => {
  const [first, second] = documents() as [SourceDocument, SourceDocument];
  const huge = { ...first, text: 'word. '.repeat(4_000_000) };
  // The budget would end the huge document partial long before the hard limit: here it must overrun.
  const pool = createWorkerPool({
    threads: 1,
    hardTimeoutMs: 4000,
    pipelineOptions: { timeBudgetMs: 600_000 },
  });
  try {
    // Given together, the three go to the thread as one batch, which overruns because of the huge one.
    const results = await Promise.allSettled([first, huge, second].map((d) => pool.analyze(d)));
    assert.deepEqual(
      results.map((r) =>
        r.status === 'rejected' ? String(r.reason).replace(/.*\((pipeline\/[a-z-]+)\)$/, '$1') : r.status,
      ),
      ['fulfilled', 'pipeline/hard-timeout', 'fulfilled'],
    );
  } finally {
    await pool.close();
  }
});

test('misuse is a programmer error: no threads, or a closed pool', async () => {
  assert.throws(() => createWorkerPool({ threads: 0 }), { code: 'OPTION_INVALID' });
  assert.throws(() => createWorkerPool({ threads: 1, batchSize: 0 }), { code: 'OPTION_INVALID' });
  const pool = createWorkerPool({ threads: 1 });
  await pool.close();
  assert.throws(() => pool.analyze(documents()[0] as SourceDocument), { code: 'INTERNAL' });
});
