import { Worker } from 'node:worker_threads';
import type { Analysis } from '../document/analysis.js';
import type { SourceDocument } from '../document/document.js';
import { DatelineError } from '../document/errors.js';
import { DEFAULT_TIME_BUDGET_MS, type PipelineOptions } from './pipeline.js';
import type { WorkerJob, WorkerReply } from './pipeline-worker.js';

/** Most documents a thread is given at once: its pipeline runs them as one batch, stage by stage. */
export const POOL_BATCH = 16;
/** Batches a thread holds at once: the next one waits in the thread while the main thread reads a result. */
const BATCHES_PER_THREAD = 2;

export interface WorkerPoolOptions {
  /** Worker threads, each with its own default pipeline. */
  readonly threads: number;
  readonly pipelineOptions?: PipelineOptions;
  /**
   * Milliseconds after which a batch still being analysed is given up and its thread replaced, counted
   * from when the thread has loaded its models and started the batch: what stops a stage that never
   * returns, since the time budget is only checked between stages and where a stage asks. Far above the
   * budget, so that a slow document ends partial, as it does in one thread, rather than failed. A batch
   * of several documents given up is tried again one document at a time, so that the limit holds per
   * document and only the one that overruns fails. Default: six times the time budget plus ten seconds.
   */
  readonly hardTimeoutMs?: number;
  /** Most documents given to a thread at once (default POOL_BATCH). */
  readonly batchSize?: number;
}

export interface WorkerPool {
  readonly threads: number;
  /**
   * Analyses one document on a thread, in a batch with the documents queued beside it. Documents start
   * in the order they were given; a caller that awaits the promises in that order writes its output in
   * input order whatever the timing. Rejects (with the rule in brackets in the message) when the thread
   * crashes or overruns, never hangs.
   */
  analyze(document: SourceDocument): Promise<Analysis>;
  /** Waits for the documents already given, then stops the threads. */
  close(): Promise<void>;
}

interface Job {
  readonly id: number;
  readonly document: SourceDocument;
  /** Tried again alone, after a batch it was in was given up: it now fails on its own. */
  alone: boolean;
  resolve(analysis: Analysis): void;
  reject(error: Error): void;
}

interface Slot {
  readonly worker: Worker;
  /** Batches sent and not yet answered, oldest first: the thread works on the first. */
  readonly batches: Job[][];
  /** Whether its pipeline is built: a batch's hard limit counts from then, not while models load. */
  ready: boolean;
  /** The hard limit of the first batch, counted from when the thread started it. */
  timer?: NodeJS.Timeout;
}

const WORKER_URL = new URL('./pipeline-worker.js', import.meta.url);

export function createWorkerPool(options: WorkerPoolOptions): WorkerPool {
  const { threads, batchSize = POOL_BATCH } = options;
  if (!Number.isInteger(threads) || threads < 1)
    throw new DatelineError('OPTION_INVALID', `threads must be a positive whole number, got ${threads}`);
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new DatelineError('OPTION_INVALID', `batch size must be a positive whole number, got ${batchSize}`);
  const pipelineOptions = options.pipelineOptions ?? {};
  const hardTimeoutMs =
    options.hardTimeoutMs ?? 6 * (pipelineOptions.timeBudgetMs ?? DEFAULT_TIME_BUDGET_MS) + 10_000;
  const queue: Job[] = [];
  const slots: Slot[] = [];
  const outstanding = new Set<Promise<unknown>>();
  let nextId = 0;
  let closed = false;
  let pumpDue = false;

  /** Starts the hard limit of the batch the thread works on now, if any. */
  const watch = (slot: Slot) => {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    if (slot.batches.length === 0) {
      // An idle thread must not keep the process alive if a caller forgets `close`.
      slot.worker.unref();
      return;
    }
    if (!slot.ready) return;
    slot.timer = setTimeout(() => {
      void slot.worker.terminate();
      lose(slot, `the analysis took longer than ${hardTimeoutMs} ms and was stopped (pipeline/hard-timeout)`);
    }, hardTimeoutMs);
  };

  /**
   * A thread that died or was stopped: a document it was working on alone fails; those it worked on in a
   * batch are tried again alone, and those it had not started go back to the queue, ahead of the rest.
   */
  const lose = (slot: Slot, reason: string) => {
    const at = slots.indexOf(slot);
    if (at < 0) return;
    slots.splice(at, 1);
    clearTimeout(slot.timer);
    const [current = [], ...waiting] = slot.batches.splice(0);
    const again: Job[] = waiting.flat();
    if (current.length === 1) (current[0] as Job).reject(new Error(reason));
    else
      for (const job of current) {
        job.alone = true;
        again.push(job);
      }
    again.sort((a, b) => a.id - b.id);
    queue.unshift(...again);
    pump();
  };

  const spawn = (): Slot => {
    const worker = new Worker(WORKER_URL, { workerData: { pipelineOptions } });
    const slot: Slot = { worker, batches: [], ready: false };
    worker.on('message', (reply: WorkerReply) => {
      if ('ready' in reply) {
        slot.ready = true;
        watch(slot);
        return;
      }
      const { results } = reply;
      const batch = slot.batches.shift();
      if (!batch) return;
      watch(slot);
      batch.forEach((job, k) => {
        const result = results[k];
        if (!result || result.id !== job.id)
          job.reject(new Error('the analysis thread answered out of turn (pipeline/crashed)'));
        else if ('error' in result)
          job.reject(new Error(`the analysis failed: ${result.error} (pipeline/failed)`));
        else job.resolve(result.analysis);
      });
      pump();
    });
    worker.on('error', (err) => lose(slot, `the analysis thread crashed: ${err.message} (pipeline/crashed)`));
    worker.on('exit', (code) =>
      lose(slot, `the analysis thread exited with code ${code} (pipeline/crashed)`),
    );
    slots.push(slot);
    return slot;
  };

  /** The least busy thread that can take a batch, a new one while there are fewer than `threads`. */
  const freeSlot = (): Slot | undefined => {
    let best: Slot | undefined;
    for (const s of slots) if (!best || s.batches.length < best.batches.length) best = s;
    if (best && best.batches.length === 0) return best;
    if (slots.length < threads) return spawn();
    return best && best.batches.length < BATCHES_PER_THREAD ? best : undefined;
  };

  const pump = () => {
    while (queue.length > 0) {
      const slot = freeSlot();
      if (!slot) return;
      // Shared out among the threads when few are waiting, so that one thread does not take them all.
      const size = (queue[0] as Job).alone ? 1 : Math.min(batchSize, Math.ceil(queue.length / threads));
      const batch: Job[] = [];
      while (batch.length < size && queue.length > 0 && !(queue[0] as Job).alone)
        batch.push(queue.shift() as Job);
      if (batch.length === 0) batch.push(queue.shift() as Job);
      slot.batches.push(batch);
      slot.worker.ref();
      if (slot.batches.length === 1) watch(slot);
      const message: WorkerJob = { jobs: batch.map(({ id, document }) => ({ id, document })) };
      slot.worker.postMessage(message);
    }
  };

  return {
    threads,
    analyze(document) {
      if (closed) throw new DatelineError('INTERNAL', 'the worker pool is closed');
      const result = new Promise<Analysis>((resolve, reject) => {
        queue.push({ id: nextId++, document, alone: false, resolve, reject });
      });
      const forget = () => {
        outstanding.delete(settled);
      };
      const settled: Promise<void> = result.then(forget, forget);
      outstanding.add(settled);
      // Sent when the caller's synchronous run ends, so that documents given together share batches.
      if (!pumpDue) {
        pumpDue = true;
        queueMicrotask(() => {
          pumpDue = false;
          pump();
        });
      }
      return result;
    },
    async close() {
      closed = true;
      while (outstanding.size > 0) await Promise.all(outstanding);
      await Promise.all(slots.splice(0).map((slot) => slot.worker.terminate()));
    },
  };
}
