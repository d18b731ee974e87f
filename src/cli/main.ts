#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { isDatelineError } from '../document/errors.js';
import { INPUT_FORMATS } from '../read/read-input.js';
import { OUTPUT_FORMATS, readStdinBytes, runAnalyze, UsageError } from './analyze-command.js';

const USAGE = `Usage: dateline analyze [options] FILE|DIR|- ...

Reads news (plain text and wire dispatches, JSON, JSONL, HTML, RSS/Atom, CSV, TimeML) and prints each
document's sourced, dated facts as dateline.analysis/1.

Options:
  -f, --format FORMAT        output: ${Object.keys(OUTPUT_FORMATS).join(', ')} (default: pretty on a terminal, json otherwise)
  -i, --input-format FORMAT  read every input as: ${INPUT_FORMATS.join(', ')} (default: detected)
  -o, --out DIR              write one output file per input file into DIR instead of standard output
      --published DATE       publication date for documents that state none (YYYY-MM-DD)
      --max-bytes N          refuse inputs larger than N bytes (default: 16 MiB); JSONL is read record by
                             record in constant memory and the limit applies to each record
      --max-json-depth N     refuse JSON nested deeper than N (default: 65536)
      --max-html-depth N     refuse HTML nested deeper than N elements (default: 10000)
      --max-line-length N    refuse documents with a line longer than N characters (default: 1 Mi)
      --time-budget MS       milliseconds one document may take before it is marked partial (default: 10000)
  -w, --workers N            analyse on N threads; output stays in input order (default: 1, this thread)
      --brief                pretty: facts without the full text
      --no-color             pretty: no colours (also when NO_COLOR is set or output is not a terminal)
  -h, --help                 this help
  -v, --version              the version
`;

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

function positiveInteger(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0)
    throw new UsageError(`${name} takes a positive whole number, not "${raw}"`);
  return n;
}

/** Waits for standard output to drain when a slow reader left data buffered, else for one turn. */
function drained(): Promise<void> {
  return new Promise((resolve) => {
    if (process.stdout.writableNeedDrain) process.stdout.once('drain', resolve);
    else setImmediate(resolve);
  });
}

export async function main(argv: readonly string[]): Promise<number> {
  const stderr = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const { values, positionals } = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: {
        format: { type: 'string', short: 'f' },
        'input-format': { type: 'string', short: 'i' },
        out: { type: 'string', short: 'o' },
        published: { type: 'string' },
        'max-bytes': { type: 'string' },
        'time-budget': { type: 'string' },
        'max-json-depth': { type: 'string' },
        'max-html-depth': { type: 'string' },
        'max-line-length': { type: 'string' },
        workers: { type: 'string', short: 'w' },
        brief: { type: 'boolean', default: false },
        'no-color': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
        version: { type: 'boolean', short: 'v', default: false },
      },
    });
    if (values.version) {
      process.stdout.write(`${version()}\n`);
      return 0;
    }
    const [command, ...inputs] = positionals;
    if (values.help || command === undefined || command === 'help') {
      process.stdout.write(USAGE);
      return values.help || command === 'help' ? 0 : 2;
    }
    if (command !== 'analyze') throw new UsageError(`unknown command "${command}"`);
    const tty = process.stdout.isTTY === true;
    const color = !values['no-color'] && !process.env.NO_COLOR && (tty || Boolean(process.env.FORCE_COLOR));
    const maxBytes = positiveInteger('--max-bytes', values['max-bytes']);
    const timeBudgetMs = positiveInteger('--time-budget', values['time-budget']);
    const maxJsonDepth = positiveInteger('--max-json-depth', values['max-json-depth']);
    const maxHtmlDepth = positiveInteger('--max-html-depth', values['max-html-depth']);
    const maxLineLength = positiveInteger('--max-line-length', values['max-line-length']);
    const workers = positiveInteger('--workers', values.workers);
    const summary = await runAnalyze(
      {
        inputs,
        format: values.format ?? (tty && !values.out ? 'pretty' : 'json'),
        color,
        brief: values.brief,
        ...(values['input-format'] ? { inputFormat: values['input-format'] } : {}),
        ...(values.out ? { out: values.out } : {}),
        ...(values.published ? { published: values.published } : {}),
        ...(maxBytes ? { maxBytes } : {}),
        ...(timeBudgetMs ? { timeBudgetMs } : {}),
        ...(maxJsonDepth ? { maxJsonDepth } : {}),
        ...(maxHtmlDepth ? { maxHtmlDepth } : {}),
        ...(maxLineLength ? { maxLineLength } : {}),
        ...(workers ? { workers } : {}),
      },
      {
        stdout: (chunk) => process.stdout.write(chunk),
        stderr,
        readStdin: readStdinBytes,
        stdinChunks: () => process.stdin,
        drained,
      },
    );
    if (summary.inputs > 1 || summary.failed > 0) {
      stderr(
        `dateline: ${summary.documents} documents analysed from ${summary.inputs} inputs; ${summary.failed} failed`,
      );
    }
    return summary.failed > 0 ? 1 : 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      const firstLine = (err as Error).message.split('\n', 1)[0];
      stderr(`dateline: ${firstLine}\nRun "dateline --help" for usage.`);
      return 2;
    }
    if (isDatelineError(err)) {
      stderr(`dateline: internal error ${err.code}: ${err.message}`);
      return 3;
    }
    throw err;
  }
}

process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  // A reader that stops early (`dateline analyze ... | head`) is not an error.
  if (err.code === 'EPIPE') process.exit(0);
  throw err;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(
      `dateline: unexpected failure: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exitCode = 3;
  },
);
