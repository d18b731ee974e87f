import type { Analysis } from '../document/analysis.js';
import type { SourceDocument } from '../document/document.js';
import { PIPELINE_BATCH, type Pipeline } from './pipeline.js';

/**
 * One thread's counterpart of the worker pool: documents are given one at a time, as a reader yields
 * them, and analysed a batch at a time (`Pipeline.analyzeBatch`). A promise settles when its batch has
 * run: when the batch is full, at `flush`, or `waitMs` after its first document came, so that a live
 * feed's documents are not held back to fill a batch. (Not at the next turn of the event loop: a writer
 * waiting for standard output to drain takes one between any two documents.)
 */
export interface BatchAnalyzer {
  analyze(document: SourceDocument): Promise<Analysis>;
  /** Analyses the documents waiting for their batch to fill. */
  flush(): void;
}

interface Waiting {
  readonly document: SourceDocument;
  resolve(analysis: Analysis): void;
  reject(error: Error): void;
}

const failed = (err: unknown) =>
  new Error(`the analysis failed: ${err instanceof Error ? err.message : String(err)} (pipeline/failed)`);

/** How long a batch's first document may wait for the batch to fill. */
export const BATCH_WAIT_MS = 100;

export function createBatchAnalyzer(
  pipeline: Pipeline,
  size = PIPELINE_BATCH,
  waitMs = BATCH_WAIT_MS,
): BatchAnalyzer {
  let waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    const batch = waiting;
    waiting = [];
    if (batch.length === 0) return;
    let analyses: Analysis[];
    try {
      analyses = pipeline.analyzeBatch(batch.map((w) => w.document));
    } catch {
      // Stages' failures are caught per document; this is a bug outside them. Run the documents one by
      // one so that only the ones it strikes fail.
      for (const w of batch) {
        try {
          w.resolve(pipeline.analyze(w.document));
        } catch (err) {
          w.reject(failed(err));
        }
      }
      return;
    }
    batch.forEach((w, i) => {
      w.resolve(analyses[i] as Analysis);
    });
  };
  return {
    analyze(document) {
      const result = new Promise<Analysis>((resolve, reject) => {
        waiting.push({ document, resolve, reject });
      });
      if (waiting.length >= size) flush();
      else timer ??= setTimeout(flush, waitMs);
      return result;
    },
    flush,
  };
}
