import {
  closeSync,
  createReadStream,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, extname, join } from 'node:path';
import type { Analysis } from '../document/analysis.js';
import type { InputFormat, SourceDocument } from '../document/document.js';
import { type BatchAnalyzer, createBatchAnalyzer } from '../pipeline/batch-analyzer.js';
import { createPipeline } from '../pipeline/default-pipeline.js';
import { PIPELINE_BATCH } from '../pipeline/pipeline.js';
import { createWorkerPool, POOL_BATCH } from '../pipeline/worker-pool.js';
import { normalizePublished } from '../read/published.js';
import { DEFAULT_MAX_BYTES, INPUT_FORMATS, type ReadInputOptions, readInput } from '../read/read-input.js';
import type { ReadItem } from '../read/reader.js';
import { bratFormat } from './formats/brat-format.js';
import { conllFormat } from './formats/conll-format.js';
import { jsonFormat, jsonlFormat } from './formats/json-format.js';
import type { OutputFormat, OutputWriter } from './formats/output-format.js';
import { prettyFormat } from './formats/pretty-format.js';
import { timemlFormat } from './formats/timeml-format.js';
import { expandInputs, type InputRef } from './inputs.js';
import { isUtf16, streamJsonl } from './jsonl-stream.js';

export const OUTPUT_FORMATS: Readonly<Record<string, OutputFormat>> = Object.freeze({
  json: jsonFormat,
  jsonl: jsonlFormat,
  pretty: prettyFormat,
  timeml: timemlFormat,
  brat: bratFormat,
  conll: conllFormat,
});

export interface AnalyzeCommandOptions {
  readonly inputs: readonly string[];
  readonly format: string;
  readonly inputFormat?: string;
  readonly out?: string;
  readonly published?: string;
  readonly maxBytes?: number;
  readonly maxJsonDepth?: number;
  readonly maxHtmlDepth?: number;
  readonly maxLineLength?: number;
  readonly timeBudgetMs?: number;
  /** Analysis threads; 1 (the default) analyses in this thread. */
  readonly workers?: number;
  readonly color: boolean;
  readonly brief: boolean;
}

export interface Io {
  stdout(chunk: string): void;
  stderr(line: string): void;
  readStdin(): Uint8Array;
  /** Standard input as a stream, for JSONL read record by record; without it `readStdin` is used. */
  stdinChunks?(): AsyncIterable<Uint8Array>;
  /** Resolves once standard output has taken what was written, so a slow reader holds the run back. */
  drained?(): Promise<void>;
}

/** A usage mistake: reported in one line with the usage hint, exit code 2. */
export class UsageError extends Error {}

function readBytes(path: string, maxBytes: number, io: Io): Uint8Array | { tooLarge: number } {
  if (path === '-') return io.readStdin();
  const size = statSync(path).size;
  // Reading a file far over the limit only to refuse it would waste memory: refuse from its size.
  if (size > maxBytes) return { tooLarge: size };
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.alloc(fstatSync(fd).size);
    let read = 0;
    while (read < buffer.length) {
      const n = readSync(fd, buffer, read, buffer.length - read, read);
      if (n === 0) break;
      read += n;
    }
    return buffer.subarray(0, read);
  } finally {
    closeSync(fd);
  }
}

export interface RunSummary {
  inputs: number;
  documents: number;
  failed: number;
}

/** What reading gives, in input order: a document to analyse or a problem to report. */
type Item =
  | { readonly where: string; readonly document: SourceDocument }
  | { readonly where: string; readonly problem: string };

const STREAMED_EXTENSION = /\.(jsonl|ndjson)$/i;

/**
 * JSONL is read record by record, in constant memory and with the size limit per record, when the
 * format is given or the name says so; other inputs are read whole.
 */
const streams = (path: string, inputFormat: string | undefined) =>
  inputFormat === 'jsonl' || (inputFormat === undefined && STREAMED_EXTENSION.test(path));

async function* chunksOf(path: string, io: Io): AsyncIterable<Uint8Array> {
  if (path !== '-') yield* createReadStream(path, { highWaterMark: 1 << 20 });
  else if (io.stdinChunks) yield* io.stdinChunks();
  else yield io.readStdin();
}

function* itemsOf(path: string, items: Iterable<ReadItem>): Iterable<Item> {
  for (const item of items) {
    if ('failure' in item) {
      const where = item.index === undefined ? path : `${path}#${item.index + 1}`;
      yield { where, problem: `${item.failure.message} (${item.failure.rule})` };
    } else {
      yield { where: path, document: item.document };
    }
  }
}

async function* readItems(path: string, options: ReadInputOptions, io: Io): AsyncIterable<Item> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  try {
    if (streams(path, options.format)) {
      const chunks = chunksOf(path, io)[Symbol.asyncIterator]();
      const first = await chunks.next();
      if (first.done) {
        yield { where: path, problem: 'the input is empty (read/empty)' };
        return;
      }
      const rest = { [Symbol.asyncIterator]: () => chunks };
      if (!isUtf16(first.value)) {
        async function* all() {
          yield first.value as Uint8Array;
          yield* rest;
        }
        for await (const item of streamJsonl(path, all(), { ...options, maxBytes }))
          yield* itemsOf(path, [item]);
        return;
      }
      // UTF-16 is rare enough in JSONL to be read whole.
      const parts: Uint8Array[] = [first.value];
      for await (const chunk of rest) parts.push(chunk);
      yield* itemsOf(path, readInput(path, Buffer.concat(parts), options));
      return;
    }
    const bytes = readBytes(path, maxBytes, io);
    if ('tooLarge' in bytes) {
      const limit = `more than the limit of ${maxBytes} (--max-bytes)`;
      yield { where: path, problem: `the input has ${bytes.tooLarge} bytes, ${limit} (read/too-large)` };
      return;
    }
    yield* itemsOf(path, readInput(path, bytes, options));
  } catch (err) {
    // A file system error is the input's problem; anything else is a reader's bug, reported the same way
    // so that the rest of the batch goes on.
    const code = (err as NodeJS.ErrnoException).code;
    const problem = code ? `cannot read: ${code}` : `reading failed: ${(err as Error).message} (read/failed)`;
    yield { where: path, problem };
  }
}

/** Where analyses go: standard output, or one file per input (per document for one-document formats). */
interface Sink {
  add(input: InputRef, analysis: Analysis): Promise<void>;
  end(input: InputRef): void;
  close(): void;
}

function stdoutSink(format: OutputFormat, writerOptions: WriterOptions, io: Io, summary: RunSummary): Sink {
  const writer = format.createWriter(io.stdout, writerOptions);
  return {
    async add(_input, analysis) {
      writer.add(analysis);
      summary.documents++;
      // Waiting here also lets a closed pipe (`| head`) be noticed between documents.
      await (io.drained?.() ?? new Promise((resolve) => setImmediate(resolve)));
    },
    end() {},
    close: () => writer.close(),
  };
}

type WriterOptions = { color: boolean; brief: boolean };

function outSink(
  outDir: string,
  format: OutputFormat,
  writerOptions: WriterOptions,
  summary: RunSummary,
): Sink {
  let chunks: string[] = [];
  let writer: OutputWriter | undefined;
  let count = 0;
  const base = (input: InputRef) =>
    join(outDir, input.outName.slice(0, input.outName.length - extname(input.outName).length));
  const flush = (path: string) => {
    writer?.close();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, chunks.join(''));
    chunks = [];
    writer = undefined;
  };
  return {
    async add(input, analysis) {
      writer ??= format.createWriter((c) => chunks.push(c), writerOptions);
      writer.add(analysis);
      count++;
      summary.documents++;
      // Formats that hold one document each get one file per document: NAME.ext, NAME-2.ext, ...
      if (!format.multiDocument) flush(`${base(input)}${count > 1 ? `-${count}` : ''}.${format.extension}`);
    },
    end(input) {
      if (format.multiDocument && writer) flush(`${base(input)}.${format.extension}`);
      count = 0;
    },
    close() {},
  };
}

/** `dateline analyze`: every input read, analysed and written; bad inputs reported one line each. */
export async function runAnalyze(options: AnalyzeCommandOptions, io: Io): Promise<RunSummary> {
  const format = OUTPUT_FORMATS[options.format];
  if (!format)
    throw new UsageError(
      `unknown --format "${options.format}" (one of: ${Object.keys(OUTPUT_FORMATS).join(', ')})`,
    );
  if (options.inputFormat && !INPUT_FORMATS.includes(options.inputFormat as InputFormat)) {
    throw new UsageError(
      `unknown --input-format "${options.inputFormat}" (one of: ${INPUT_FORMATS.join(', ')})`,
    );
  }
  let published: string | undefined;
  if (options.published) {
    published = normalizePublished(options.published);
    if (!published) throw new UsageError(`--published "${options.published}" is not a date (use YYYY-MM-DD)`);
  }
  if (options.inputs.length === 0) throw new UsageError('no input: give FILE, DIR or - for standard input');
  const readOptions: ReadInputOptions = {
    maxBytes: options.maxBytes ?? DEFAULT_MAX_BYTES,
    ...(options.inputFormat ? { format: options.inputFormat as InputFormat } : {}),
    ...(published ? { published } : {}),
    ...(options.maxJsonDepth ? { maxJsonDepth: options.maxJsonDepth } : {}),
    ...(options.maxHtmlDepth ? { maxHtmlDepth: options.maxHtmlDepth } : {}),
    ...(options.maxLineLength ? { maxLineLength: options.maxLineLength } : {}),
  };
  const pipelineOptions = options.timeBudgetMs ? { timeBudgetMs: options.timeBudgetMs } : {};
  const threads = options.workers ?? 1;
  const pool = threads > 1 ? createWorkerPool({ threads, pipelineOptions }) : undefined;
  const batches = pool ? undefined : createBatchAnalyzer(createPipeline(pipelineOptions));
  const analyze = (document: SourceDocument): Promise<Analysis> =>
    (pool ?? (batches as BatchAnalyzer)).analyze(document);

  const summary: RunSummary = { inputs: 0, documents: 0, failed: 0 };
  const fail = (where: string, problem: string) => {
    summary.failed++;
    io.stderr(`dateline: ${where}: ${problem}`);
  };
  const writerOptions = { color: options.color, brief: options.brief };
  const sink = options.out
    ? outSink(options.out, format, writerOptions, summary)
    : stdoutSink(format, writerOptions, io, summary);

  // Everything is reported in input order, whichever thread finishes first: each step waits its turn
  // in this queue. Two batches per thread (or one batch without threads) are in flight at once, so
  // memory stays bounded.
  // A step is ready once its analysis has come back; ready steps at the head are written at once, so a
  // live feed's documents come out as they are analysed, not when the reader next moves.
  const queue: { readonly document: boolean; ready: boolean; run(): Promise<void> | void }[] = [];
  const inFlight = pool ? 2 * threads * POOL_BATCH : PIPELINE_BATCH;
  let documents = 0;
  let draining: Promise<void> = Promise.resolve();
  const settle = (all: boolean): Promise<void> => {
    // One drain at a time: the reader and a finished analysis may both ask for one.
    draining = draining.then(async () => {
      for (let head = queue[0]; head && (all || head.ready || documents > inFlight); head = queue[0]) {
        queue.shift();
        if (head.document) documents--;
        await head.run();
      }
    });
    return draining;
  };
  const later = async (run: () => Promise<void> | void, analysed?: Promise<unknown>) => {
    const step = { document: analysed !== undefined, ready: analysed === undefined, run };
    queue.push(step);
    if (analysed) {
      documents++;
      const ready = () => {
        step.ready = true;
        // A failure here is the same one the reader's next settle rethrows.
        settle(false).catch(() => {});
      };
      analysed.then(ready, ready);
    }
    await settle(false);
  };

  try {
    for (const expanded of expandInputs(options.inputs)) {
      if (!expanded.ok) {
        await later(() => fail(expanded.path, expanded.problem));
        continue;
      }
      for (const input of expanded.inputs) {
        summary.inputs++;
        for await (const item of readItems(input.path, readOptions, io)) {
          if ('problem' in item) {
            await later(() => fail(item.where, item.problem));
            continue;
          }
          const { document } = item;
          const result = analyze(document);
          // Handled when its turn comes; marked handled now so an early rejection is not "unhandled".
          result.catch(() => {});
          await later(async () => {
            for (const m of document.messages)
              if (m.severity !== 'info')
                io.stderr(`dateline: ${input.path}: ${m.severity}: ${m.message} (${m.rule})`);
            let analysis: Analysis;
            try {
              analysis = await result;
            } catch (err) {
              const index = document.origin.index;
              fail(index === undefined ? input.path : `${input.path}#${index + 1}`, (err as Error).message);
              return;
            }
            await sink.add(input, analysis);
          }, result);
        }
        await later(() => sink.end(input));
      }
    }
    batches?.flush();
    await settle(true);
    sink.close();
  } finally {
    await pool?.close();
  }
  return summary;
}

export function readStdinBytes(): Uint8Array {
  try {
    return readFileSync(0);
  } catch {
    return new Uint8Array();
  }
}
