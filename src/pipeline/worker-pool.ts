import { Worker } from 'node:worker_threads';
import type { Analysis } from '../document/analysis.js';
import type { SourceDocument } from '../document/document.js';
import { DatelineError } from '../document/errors.js';
import { DEFAULT_TIME_BUDGET_MS, type PipelineOptions } from './pipeline.js';
import type { WorkerJob, WorkerReply } from './pipeline-worker.js';

export interface WorkerPoolOptions {
  /** Worker threads, each with its own default pipeline. */
  readonly threads: number;
  readonly pipelineOptions?: PipelineOptions;
  /**
   * Milliseconds after which a document still being analysed is given up and its thread replaced: what
   * stops a stage that never returns, since the time budget is only checked between stages and where a
   * stage asks. Far above the budget, so that a slow document ends partial, as it does in one thread,
   * rather than failed. Default: six times the time budget plus ten seconds.
   */
  readonly hardTimeoutMs?: number;
}

export interface WorkerPool {
  readonly threads: number;
  /**
   * Analyses one document on the first free thread. Documents start in the order they were given; a
   * caller that awaits the promises in that order writes its output in input order whatever the timing.
   * Rejects (with the rule in brackets in the message) when the thread crashes or overruns, never hangs.
   */
  analyze(document: SourceDocument): Promise<Analysis>;
  /** Waits for the documents already given, then stops the threads. */
  close(): Promise<void>;
}

interface Job extends WorkerJob {
  resolve(analysis: Analysis): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  job?: Job;
  timer?: NodeJS.Timeout;
}

const WORKER_URL = new URL('./pipeline-worker.js', import.meta.url);

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const { threads } = options;
  if (!Number.isInteger(threads) || threads < 1)
    throw new DatelineError('OPTION_INVALID', `threads must be a positive whole number, got ${threads}`);
  const pipelineOptions = options.pipelineOptions ?? {};
  const hardTimeoutMs =
    options.hardTimeoutMs ?? 6 * (pipelineOptions.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS) + 10_000;
  const queue: Job[] = [];
  const slots: Slot[] = [];
  const outstanding = new Set<Promise<unknown>>();
  let nextId = 0;
  let closed = false;

  const release = (slot: Slot) => {
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    // An idle thread must not keep the process alive if a caller forgets `close`.
    slot.worker.unref();
  };

  /** A thread that died or was stopped: its document fails, the others go on in a new thread. */
  const lose = (slot: Slot, reason: string) => {
    const at = slots.indexOf(slot);
    if (at < 0) return;
    slots.splice(at, 1);
    const job = slot.job;
    release(slot);
    job?.reject(new Error(reason));
    pump();
  };

  const spawn = (): Slot => {
    const worker = new Worker(WORKER_URL, { workerData: { pipelineOptions } });
    const slot: Slot = { worker };
    worker.on('message', (reply: WorkerReply) => {
      const job = slot.job;
      if (!job || job.id !== reply.id) return;
      release(slot);
      if ('error' in reply) job.reject(new Error(`the analysis failed: ${reply.error} (pipeline/failed)`));
      else job.resolve(reply.analysis);
      pump();
    });
    worker.on('error', (err) => lose(slot, `the analysis thread crashed: ${err.message} (pipeline/crashed)`));
    worker.on('exit', (code) =>
      lose(slot, `the analysis thread exited with code ${code} (pipeline/crashed)`),
    );
    slots.push(slot);
    return slot;
  };

  const pump = () => {
    while (queue.length > 0) {
      const slot = slots.find((s) => !s.job) ?? (slots.length < threads ? spawn() : undefined);
      if (!slot) return;
      const job = queue.shift() as Job;
      slot.job = job;
      slot.worker.ref();
      slot.timer = setTimeout(() => {
        void slot.worker.terminate();
        lose(
          slot,
          `the analysis took longer than ${hardTimeoutMs} ms and was stopped (pipeline/hard-timeout)`,
        );
      }, hardTimeoutMs);
      const message: WorkerJob = { id: job.id, document: job.document };
      slot.worker.postMessage(message);
    }
  };

  return {
    threads,
    analyze(document) {
      if (closed) throw new DatelineError('INTERNAL', 'the worker pool is closed');
      const result = new Promise<Analysis>((resolve, reject) => {
        queue.push({ id: nextId++, document, resolve, reject });
      });
      const forget = () => {
        outstanding.delete(settled);
      };
      const settled: Promise<void> = result.then(forget, forget);
      outstanding.add(settled);
      pump();
      return result;
    },
    async close() {
      closed = true;
      while (outstanding.size > 0) await Promise.all(outstanding);
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
