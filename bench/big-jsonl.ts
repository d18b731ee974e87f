#!/usr/bin/env node
// Streaming at scale: writes a JSONL file of the given size from real articles (BBC News, read in place and
// never kept) into a temporary directory, runs `dateline analyze FILE --format jsonl` over it as a user
// would, and prints the CLI's peak resident memory and throughput. Constant memory means the peak does not
// grow with the file: compare `--mb 50` with `--gb 1`.
//
//   node dist/bench/big-jsonl.js [--gb 1 | --mb 50] [--workers N] [--keep]
import { spawn } from 'node:child_process';
import { createWriteStream, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { repoRoot, sharedPath } from '../test/table.js';

const { values } = parseArgs({
  options: {
    gb: { type: 'string' },
    mb: { type: 'string' },
    workers: { type: 'string', default: '1' },
    keep: { type: 'boolean', default: false },
  },
});
const MB = 1024 * 1024;
const size = Math.round(values.mb ? Number(values.mb) * MB : Number(values.gb ?? '1') * 1024 * MB);
if (!(size > 0)) throw new Error('--gb or --mb takes a positive number');

interface Record {
  readonly title: string;
  readonly text: string;
}

/** The BBC articles: the first line is the headline, the rest the body; one file is Latin-1. */
function articles(): Record[] {
  const root = sharedPath('datasets', 'bbc');
  const out: Record[] = [];
  for (const topic of readdirSync(root).sort()) {
    if (!statSync(join(root, topic)).isDirectory()) continue;
    for (const name of readdirSync(join(root, topic)).sort()) {
      const raw = readFileSync(join(root, topic, name));
      let text: string;
      try {
        text = new TextDecoder('utf-8', { fatal: true }).decode(raw);
      } catch {
        text = raw.toString('latin1');
      }
      const [title = '', ...body] = text.split('\n');
      out.push({ title: title.trim(), text: body.join('\n').trim() });
    }
  }
  return out;
}

async function writeJsonl(path: string, bytes: number): Promise<number> {
  const source = articles();
  const file = createWriteStream(path);
  let written = 0;
  let count = 0;
  while (written < bytes) {
    const article = source[count % source.length] as Record;
    const day = String((count % 28) + 1).padStart(2, '0');
    const line = `${JSON.stringify({
      id: `bbc-${count}`,
      title: article.title,
      text: article.text,
      date_publish: `2005-03-${day} 09:00:00`,
      source_domain: 'bbc.co.uk',
    })}\n`;
    written += Buffer.byteLength(line);
    count++;
    if (!file.write(line)) await new Promise<void>((resolve) => file.once('drain', () => resolve()));
  }
  file.end();
  await finished(file);
  return count;
}

/** Linux's record of a process's peak resident set, in bytes; undefined once it has exited. */
function peakRss(pid: number): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /^VmHWM:\s+(\d+) kB/m.exec(status)?.[1];
    return kb === undefined ? undefined : Number(kb) * 1024;
  } catch {
    return undefined;
  }
}

interface Run {
  readonly seconds: number;
  readonly peak: number;
  readonly outputLines: number;
  readonly outputBytes: number;
  readonly status: number | null;
  readonly stderrTail: string;
}

function analyse(path: string, workers: string): Promise<Run> {
  const cli = join(repoRoot, 'dist', 'src', 'cli', 'main.js');
  const started = performance.now();
  const child = spawn(process.execPath, [cli, 'analyze', path, '--format', 'jsonl', '--workers', workers], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let peak = 0;
  const poll = setInterval(() => {
    peak = Math.max(peak, peakRss(child.pid ?? -1) ?? 0);
  }, 50);
  let outputLines = 0;
  let outputBytes = 0;
  // Read through a pipe, as `| consumer` would: the CLI has to respect back-pressure.
  child.stdout.on('data', (chunk: Buffer) => {
    outputBytes += chunk.length;
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) outputLines++;
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  return new Promise((resolve) => {
    child.on('close', (status) => {
      clearInterval(poll);
      resolve({
        seconds: (performance.now() - started) / 1000,
        peak,
        outputLines,
        outputBytes,
        status,
        stderrTail: stderr.trim().split('\n').slice(-3).join('\n'),
      });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'dateline-big-jsonl-'));
try {
  const path = join(dir, 'big.jsonl');
  const t0 = performance.now();
  const records = await writeJsonl(path, size);
  const bytes = statSync(path).size;
  console.log(
    `wrote ${(bytes / MB).toFixed(0)} MiB, ${records} records, in ${((performance.now() - t0) / 1000).toFixed(1)} s: ${path}`,
  );
  const run = await analyse(path, values.workers);
  const mib = bytes / MB;
  console.log(`dateline analyze big.jsonl --format jsonl --workers ${values.workers}: exit ${run.status}`);
  console.log(`  peak RSS        ${(run.peak / MB).toFixed(0)} MiB (VmHWM, sampled every 50 ms)`);
  console.log(`  time            ${run.seconds.toFixed(1)} s`);
  console.log(
    `  throughput      ${(mib / run.seconds).toFixed(1)} MiB/s, ${(records / run.seconds).toFixed(0)} docs/s`,
  );
  console.log(`  output          ${run.outputLines} lines, ${(run.outputBytes / MB).toFixed(0)} MiB`);
  if (run.stderrTail) console.log(`  stderr (last lines)\n${run.stderrTail.replace(/^/gm, '    ')}`);
  if (run.status !== 0 || run.outputLines !== records) process.exitCode = 1;
} finally {
  if (values.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
}
