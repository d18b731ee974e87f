import {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import type { Analysis } from '../document/analysis.js';
import type { InputFormat } from '../document/document.js';
import { createPipeline } from '../pipeline/default-pipeline.js';
import { normalizePublished } from '../read/published.js';
import { DEFAULT_MAX_BYTES, INPUT_FORMATS, readInput } from '../read/read-input.js';
import { jsonFormat, jsonlFormat } from './formats/json-format.js';
import type { OutputFormat, OutputWriter } from './formats/output-format.js';
import { prettyFormat } from './formats/pretty-format.js';
import { expandInputs, type InputRef } from './inputs.js';

export const OUTPUT_FORMATS: Readonly<Record<string, OutputFormat>> = Object.freeze({
  json: jsonFormat,
  jsonl: jsonlFormat,
  pretty: prettyFormat,
});

export interface AnalyzeCommandOptions {
  readonly inputs: readonly string[];
  readonly format: string;
  readonly inputFormat?: string;
  readonly out?: string;
  readonly published?: string;
  readonly maxBytes?: number;
  readonly timeBudgetMs?: number;
  readonly color: boolean;
  readonly brief: boolean;
}

export interface Io {
  stdout(chunk: string): void;
  stderr(line: string): void;
  readStdin(): Uint8Array;
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
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const pipeline = createPipeline(options.timeBudgetMs ? { timeBudgetMs: options.timeBudgetMs } : {});
  const writerOptions = { color: options.color, brief: options.brief };
  const summary: RunSummary = { inputs: 0, documents: 0, failed: 0 };
  const fail = (where: string, problem: string) => {
    summary.failed++;
    io.stderr(`dateline: ${where}: ${problem}`);
  };

  const stdoutWriter = options.out ? undefined : format.createWriter(io.stdout, writerOptions);
  for (const expanded of expandInputs(options.inputs)) {
    if (!expanded.ok) {
      fail(expanded.path, expanded.problem);
      continue;
    }
    for (const input of expanded.inputs) {
      summary.inputs++;
      const analyses = analyseInput(input, options, maxBytes, published, pipeline, fail, io);
      if (stdoutWriter) {
        for (const a of analyses) {
          stdoutWriter.add(a);
          summary.documents++;
          // Let a closed pipe (`| head`) be noticed between documents.
          await new Promise((resolve) => setImmediate(resolve));
        }
      } else if (options.out) {
        summary.documents += writeOut(options.out, input, analyses, format, writerOptions);
      }
    }
  }
  stdoutWriter?.close();
  return summary;
}

function* analyseInput(
  input: InputRef,
  options: AnalyzeCommandOptions,
  maxBytes: number,
  published: string | undefined,
  pipeline: ReturnType<typeof createPipeline>,
  fail: (where: string, problem: string) => void,
  io: Io,
): Iterable<Analysis> {
  let bytes: ReturnType<typeof readBytes>;
  try {
    bytes = readBytes(input.path, maxBytes, io);
  } catch (err) {
    fail(input.path, `cannot read: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    return;
  }
  if ('tooLarge' in bytes) {
    fail(
      input.path,
      `the input has ${bytes.tooLarge} bytes, more than the limit of ${maxBytes} (--max-bytes) (read/too-large)`,
    );
    return;
  }
  const readOptions = {
    maxBytes,
    ...(options.inputFormat ? { format: options.inputFormat as InputFormat } : {}),
    ...(published ? { published } : {}),
  };
  for (const item of readInput(input.path, bytes, readOptions)) {
    if ('failure' in item) {
      const where = item.index === undefined ? input.path : `${input.path}#${item.index + 1}`;
      fail(where, `${item.failure.message} (${item.failure.rule})`);
      continue;
    }
    for (const m of item.document.messages)
      if (m.severity !== 'info')
        io.stderr(`dateline: ${input.path}: ${m.severity}: ${m.message} (${m.rule})`);
    yield pipeline.analyze(item.document);
  }
}

function writeOut(
  outDir: string,
  input: InputRef,
  analyses: Iterable<Analysis>,
  format: OutputFormat,
  writerOptions: { color: boolean; brief: boolean },
): number {
  const base = join(outDir, input.outName.replace(/\.[^./\\]+$/, ''));
  let count = 0;
  let chunks: string[] = [];
  let writer: OutputWriter | undefined;
  const flush = (path: string) => {
    writer?.close();
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, chunks.join(''));
    chunks = [];
    writer = undefined;
  };
  for (const analysis of analyses) {
    writer ??= format.createWriter((c) => chunks.push(c), writerOptions);
    writer.add(analysis);
    count++;
    // Formats that hold one document each get one file per document: NAME.ext, NAME-2.ext, ...
    if (!format.multiDocument) flush(`${base}${count > 1 ? `-${count}` : ''}.${format.extension}`);
  }
  if (format.multiDocument && writer) flush(`${base}.${format.extension}`);
  return count;
}

export function readStdinBytes(): Uint8Array {
  try {
    return readFileSync(0);
  } catch {
    return new Uint8Array();
  }
}
