import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, dateline } from '../../test/cli.js';
import { validateAnalysis } from '../../test/schema.js';
import { repoRoot, sharedPath } from '../../test/table.js';
import type { Analysis } from '../document/analysis.js';
import { runAnalyze } from './analyze-command.js';

const SEED = sharedPath('gold', '000_4e6a1e8230babff5.txt');
const GOLD = sharedPath('gold', '000_4e6a1e8230babff5.gold.json');
const work = mkdtempSync(join(tmpdir(), 'dateline-cli-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('analyze the seed as JSON: document part right, 14 sentences, valid against the schema', () => {
  const run = dateline(['analyze', SEED, '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stderr, '');
  const analysis = JSON.parse(run.stdout) as Analysis;
  assert.equal(analysis.schema, 'dateline.analysis/1');
  assert.equal(analysis.document.published, '2025-10-24');
  assert.equal(analysis.document.source, 'Yonhap');
  assert.equal(analysis.sentences.length, 14);
  const raw = readFileSync(SEED, 'utf8');
  const { text, bodyOffset } = analysis.document;
  assert.equal(raw.slice(bodyOffset, bodyOffset + text.length), text);
  validateAnalysis(analysis);
});

test('check-gold reads our seed output: no bad spans, the document part 1/1', () => {
  const out = join(work, 'seed.json');
  writeFileSync(out, dateline(['analyze', SEED, '--format', 'json']).stdout);
  const check = spawnSync(process.execPath, [sharedPath('gold', 'check-gold.mjs'), GOLD, out], {
    encoding: 'utf8',
  });
  assert.equal(check.status, 0, check.stderr);
  assert.doesNotMatch(check.stdout, /^bad span/m);
  assert.match(check.stdout, /document 1\/1/);
});

test('a directory with bad files among good ones: each bad one named on stderr, good ones analysed, exit 1', () => {
  const dir = join(work, 'batch');
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir);
  const files: Record<string, string | Uint8Array> = {
    'a-good.txt': 'Title: One\nDate: 2024-05-01\n\nMOSCOW (Reuters) - Talks resumed on Tuesday.',
    'b-empty.txt': '',
    'c-binary.txt': Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    'd-latin1.txt': Uint8Array.from(Buffer.from('Caf\u00e9 owners protested on Monday.', 'latin1')),
    'e-good.json': JSON.stringify({ title: 'Two', text: 'Prices rose in Seoul.', date: '2024-05-02' }),
  };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), content, { flag: 'w' });
  }
  // 50 MB without writing 50 MB: a sparse file of that size.
  const big = openSync(join(dir, 'f-big.txt'), 'w');
  closeSync(big);
  spawnSync('truncate', ['-s', '50M', join(dir, 'f-big.txt')]);

  const run = dateline(['analyze', dir, '--format', 'json']);
  assert.equal(run.status, 1);
  const lines = run.stderr.trim().split('\n');
  const about = (name: string) => lines.filter((l) => l.includes(name));
  assert.match(about('b-empty.txt')[0] ?? '', /empty/);
  assert.match(about('c-binary.txt')[0] ?? '', /binary/);
  assert.match(about('d-latin1.txt')[0] ?? '', /warning: .*not valid UTF-8/);
  assert.match(about('f-big.txt')[0] ?? '', /52428800 bytes, more than the limit/);
  assert.match(lines[lines.length - 1] ?? '', /3 documents analysed from 6 inputs; 3 failed/);
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack traces for user errors');
  const analyses = JSON.parse(run.stdout) as Analysis[];
  assert.deepEqual(
    analyses.map((a) => a.document.text),
    [
      'MOSCOW (Reuters) - Talks resumed on Tuesday.',
      'Caf\u00e9 owners protested on Monday.',
      'Prices rose in Seoul.',
    ],
  );
  for (const a of analyses) validateAnalysis(a);
});

test('--max-bytes sets the size limit', () => {
  const path = join(work, 'small.txt');
  writeFileSync(path, 'A short note about Seoul.');
  assert.equal(dateline(['analyze', path, '--max-bytes', '10']).status, 1);
  assert.equal(dateline(['analyze', path, '--max-bytes', '1000', '--format', 'json']).status, 0);
});

test('--out writes one file per input, named after it with the format extension', () => {
  const out = join(work, 'out');
  const run = dateline(['analyze', join(repoRoot, 'samples', 'wikinews'), '--format', 'jsonl', '--out', out]);
  assert.equal(run.status, 0, run.stderr);
  const written = readdirSync(out).sort();
  const inputs = readdirSync(join(repoRoot, 'samples', 'wikinews')).sort();
  assert.deepEqual(
    written,
    inputs.map((n) => n.replace(/\.txt$/, '.jsonl')),
  );
  const first = JSON.parse(readFileSync(join(out, written[0] as string), 'utf8').trim()) as Analysis;
  assert.equal(first.document.source, 'Wikinews');
  validateAnalysis(first);
});

test('jsonl prints one line per document; standard input works with -', () => {
  const run = dateline(['analyze', '-', '--format', 'jsonl'], '{"text":"One."}\n{"text":"Two."}\n{bad\n');
  assert.equal(run.status, 1);
  const lines = run.stdout.trim().split('\n');
  assert.deepEqual(
    lines.map((l) => (JSON.parse(l) as Analysis).document.text),
    ['One.', 'Two.'],
  );
  assert.match(run.stderr, /^dateline: -#3: /m);
});

test('pretty prints the title, the source and the text', () => {
  const run = dateline(['analyze', SEED, '--format', 'pretty']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /Yonhap · 2025-10-24 · 14 sentences/);
  assert.match(run.stdout, /North Korea has held a groundbreaking ceremony/);
  assert.ok(!run.stdout.includes('\u001b['), 'no colour codes when NO_COLOR is set');
});

test('usage mistakes exit 2 with one line and a hint', () => {
  for (const args of [
    ['analyze'],
    ['analyze', SEED, '--format', 'yaml'],
    ['frobnicate'],
    ['analyze', SEED, '--max-bytes=-3'],
  ]) {
    const run = dateline(args);
    assert.equal(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
    assert.match(run.stderr, /^dateline: .+\nRun "dateline --help" for usage\.\n$/);
  }
  assert.equal(dateline(['analyze', join(work, 'missing.txt')]).status, 1);
  assert.equal(dateline(['--help']).status, 0);
});

test('a closed pipe ends the run quietly', () => {
  const result = spawnSync(
    'bash',
    [
      '-c',
      `set -o pipefail; "${process.execPath}" "${CLI}" analyze samples/wikinews --format jsonl | head -c 10 >/dev/null`,
    ],
    {
      cwd: repoRoot,
      encoding: 'utf8',
    },
  );
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
});

test('a live feed on standard input: each document is written before the next line comes', async () => {
  const written: string[] = [];
  let wrote: () => void = () => {};
  const line = (text: string) => new TextEncoder().encode(`${JSON.stringify({ text })}\n`);
  // Standard input that gives its second line only once the first document's output is out, or after
  // ten seconds: a feed that waits for news.
  async function* feed() {
    yield line('Prices rose 5 percent in Seoul on Monday.');
    const out = new Promise<boolean>((resolve) => {
      wrote = () => resolve(true);
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), 10_000);
    });
    const firstOut = await Promise.race([out, timedOut]);
    clearTimeout(timer);
    written.push(firstOut ? 'first out before the second line' : 'held back');
    yield line('Talks resumed in Geneva on Tuesday.');
  }
  const summary = await runAnalyze(
    { inputs: ['-'], format: 'jsonl', inputFormat: 'jsonl', color: false, brief: false },
    {
      stdout: (chunk) => {
        written.push(chunk.slice(0, 12));
        wrote();
      },
      stderr: () => {},
      readStdin: () => new Uint8Array(),
      stdinChunks: feed,
    },
  );
  assert.equal(summary.documents, 2);
  assert.equal(written[1], 'first out before the second line', `writes: ${JSON.stringify(written)}`);
});
