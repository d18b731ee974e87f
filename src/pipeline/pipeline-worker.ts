import { parentPort, workerData } from 'node:worker_threads';
import type { Analysis } from '../document/analysis.js';
import type { SourceDocument } from '../document/document.js';
import { createPipeline } from './default-pipeline.js';
import type { PipelineOptions } from './pipeline.js';

/** What the pool sends a worker: one document, numbered so its result finds its way back. */
export interface WorkerJob {
  readonly id: number;
  readonly document: SourceDocument;
}

export type WorkerReply =
  | { readonly id: number; readonly analysis: Analysis }
  | { readonly id: number; readonly error: string };

// Built once per thread: the models behind the stages load here, not once per document.
const pipeline = createPipeline((workerData as { pipelineOptions?: PipelineOptions }).pipelineOptions ?? {});

parentPort?.on('message', ({ id, document }: WorkerJob) => {
  let reply: WorkerReply;
  try {
    reply = { id, analysis: pipeline.analyze(document) };
  } catch (err) {
    reply = { id, error: err instanceof Error ? err.message : String(err) };
  }
  parentPort?.postMessage(reply);
});
