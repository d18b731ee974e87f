import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { CLI, dateline } from '../../test/cli.js';
import { validateAnalysis } from '../../test/schema.js';
import { repoRoot, table } from '../../test/table.js';
import type { Analysis } from '../document/analysis.js';

const work = mkdtempSync(join(tmpdir(), 'dateline-batch-'));
after(() => rmSync(work, { recursive: true, force: true }));

const RECORDS = [
  '{"text":"Talks resumed on Tuesday."}',
  '{"text": broken',
  '{"text":"Prices rose in Seoul."}',
].join('\n');

table(
  'a bad record among good ones: the output stays valid, the error goes to stderr, exit 1',
  [
    ['json', '1'],
    ['json', '2'],
    ['jsonl', '1'],
    ['jsonl', '2'],
  ] as const,
  ([format, workers]) => {
    const run = dateline(['analyze', '-', '-i', 'jsonl', '--format', format, '--workers', workers], RECORDS);
    assert.equal(run.status, 1, run.stderr);
    const analyses = (
      format === 'json'
        ? JSON.parse(run.stdout)
        : run.stdout
            .trim()
            .split('\n')
            .map((l) => JSON.parse(l))
    ) as Analysis[];
    assert.deepEqual(
      analyses.map((a) => a.document.text),
      ['Talks resumed on Tuesday.', 'Prices rose in Seoul.'],
    );
    for (const a of analyses) validateAnalysis(a);
    const [error, summary, ...rest] = run.stderr.trim().split('\n');
    assert.match(error ?? '', /^dateline: -#2: record 1 is not valid JSON: .+ \(read\/jsonl-record\)$/);
    assert.equal(summary, 'dateline: 2 documents analysed from 1 inputs; 1 failed');
    assert.deepEqual(rest, []);
  },
  ([format, workers]) => `--format ${format} --workers ${workers}`,
);

/** The first line where two outputs differ, cut around the first differing character. */
function firstDifference(expected: string, actual: string): string {
  const a = expected.split('\n');
  const b = actual.split('\n');
  const line = a.findIndex((l, i) => l !== b[i]);
  const [x = '', y = ''] = [a[line], b[line]];
  let at = 0;
  while (at < x.length && x[at] === y[at]) at++;
  const cut = (s: string) => s.slice(Math.max(0, at - 80), at + 80);
  return `output line ${line + 1} differs from --workers 1 at character ${at}:\n  ${cut(x)}\n  ${cut(y)}`;
}

test('determinism: --workers 1, 2 and 3 write the same bytes to stdout and stderr, run after run', () => {
  const dir = join(work, 'mixed');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'a.jsonl'), `${RECORDS}\n{"text":"SEOUL, Oct. 24 (Yonhap) -- Kim said so."}\n`);
  writeFileSync(join(dir, 'b.txt'), '');
  writeFileSync(join(dir, 'c.json'), '{"text":"Caf\u00e9 owners protested.", "date":"not a date"}');
  const args = ['analyze', join(repoRoot, 'samples', 'wikinews'), dir, '--format', 'jsonl'];
  const first = dateline([...args, '--workers', '1']);
  assert.equal(first.status, 1, 'the empty file fails');
  assert.equal(first.stdout.trim().split('\n').length, 40 + 4, 'the samples and four good records');
  for (const workers of ['2', '3', '2']) {
    const run = dateline([...args, '--workers', workers]);
    assert.ok(
      run.stdout === first.stdout,
      `--workers ${workers}: ${firstDifference(first.stdout, run.stdout)}`,
    );
    assert.equal(run.stderr, first.stderr, `--workers ${workers}: stderr differs from --workers 1`);
    assert.equal(run.status, first.status);
  }
});

test('a closed pipe ends a run on worker threads quietly', () => {
  const result = spawnSync(
    'bash',
    [
      '-c',
      `set -o pipefail; "${process.execPath}" "${CLI}" analyze samples/wikinews --format jsonl --workers 2 | head -c 10 >/dev/null`,
    ],
    { cwd: repoRoot, encoding: 'utf8' },
  );
  assert.equal(result.stderr, '');
  assert.equal(result.status, 0);
});

table(
  'limits: each configurable, each refusal a one-line message naming its rule and option',
  [
    [
      'JSON depth',
      ['-i', 'json', '--max-json-depth', '3'],
      '{"text":"Fine.","extra":[[[[1]]]]}',
      /^dateline: -: the input nests deeper than the limit of 3 \(--max-json-depth\) \(read\/json-depth\)$/m,
    ],
    [
      'line length',
      ['--max-line-length', '20'],
      'A short line.\nA line that is rather longer than twenty characters.',
      /^dateline: -: the document has a line of 52 characters, more than the limit of 20 \(--max-line-length\) \(read\/line-too-long\)$/m,
    ],
    [
      'record size, streamed',
      ['-i', 'jsonl', '--max-bytes', '40'],
      `{"text":"One."}\n${JSON.stringify({ text: 'x'.repeat(50) })}\n{"text":"Three."}`,
      /^dateline: -#2: record 1 has 61 bytes, more than the limit of 40 \(--max-bytes\) \(read\/too-large\)$/m,
    ],
  ] as const,
  ([, flags, input, refusal]) => {
    const run = dateline(['analyze', '-', '--format', 'jsonl', ...flags], input);
    assert.equal(run.status, 1, run.stderr);
    assert.match(run.stderr, refusal);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  },
);

test('a JSONL file larger than --max-bytes is streamed: the limit holds per record', () => {
  const path = join(work, 'many.jsonl');
  writeFileSync(
    path,
    Array.from({ length: 200 }, (_, i) => JSON.stringify({ text: `Item ${i}.` })).join('\n'),
  );
  const run = dateline(['analyze', path, '--format', 'jsonl', '--max-bytes', '100']);
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim().split('\n').length, 200);
});

test('--workers takes a positive whole number', () => {
  const run = dateline(['analyze', '-', '--workers', '0'], 'Text.');
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^dateline: --workers takes a positive whole number, not "0"/);
});
