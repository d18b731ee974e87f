import { parentPort, workerData } from 'node:worker_threads';
import type { Analysis } from '../document/analysis.js';
import type { SourceDocument } from '../document/document.js';
import { createPipeline } from './default-pipeline.js';
import type { PipelineOptions } from './pipeline.js';

/** What the pool sends a worker: documents analysed as one batch, numbered so results find their way back. */
export interface WorkerJob {
  readonly jobs: readonly { readonly id: number; readonly document: SourceDocument }[];
}

export type WorkerResult =
  | { readonly id: number; readonly analysis: Analysis }
  | { readonly id: number; readonly error: string };

/** What a worker sends back: that its pipeline is built, then the results of each job, in its order. */
export type WorkerReply = { readonly ready: true } | { readonly results: readonly WorkerResult[] };

// Built once per thread: the models behind the stages load here, not once per document.
const pipeline = createPipeline((workerData as { pipelineOptions?: PipelineOptions }).pipelineOptions ?? {});
parentPort?.postMessage({ ready: true } satisfies WorkerReply);

const failure = (id: number, err: unknown): WorkerResult => ({
  id,
  error: err instanceof Error ? err.message : String(err),
});

parentPort?.on('message', ({ jobs }: WorkerJob) => {
  let results: WorkerResult[];
  try {
    const analyses = pipeline.analyzeBatch(jobs.map((j) => j.document));
    results = jobs.map((j, k) => ({ id: j.id, analysis: analyses[k] as Analysis }));
  } catch {
    // Stages' failures are caught per document; this is a bug outside them. Run the documents one by
    // one so that only the ones it strikes fail.
    results = jobs.map((j) => {
      try {
        return { id: j.id, analysis: pipeline.analyze(j.document) };
      } catch (err) {
        return failure(j.id, err);
      }
    });
  }
  parentPort?.postMessage({ results } satisfies WorkerReply);
});
