import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { InputFormat } from '../../src/document/document.js';
import { dateline } from '../cli.js';
import { validateAnalysis } from '../schema.js';
import { table } from '../table.js';
import { analyseInput, type Outcome, summary } from './hostile.js';

const MB = 1024 * 1024;
const bytes = (...values: number[]) => Uint8Array.from(values);
const repeat = (part: string, times: number) => part.repeat(times);
const nested = (open: string, inner: string, close: string, depth: number) =>
  `${open.repeat(depth)}${inner}${close.repeat(depth)}`;

interface Case {
  readonly name: string;
  /** File name: its extension is what format detection sees when no format is forced. */
  readonly file: string;
  readonly input: string | Uint8Array;
  readonly format?: InputFormat;
  readonly options?: { readonly maxLineLength?: number };
  /** Per record: `analysed`, `partial`, or the rule of the failure. */
  readonly expect: readonly string[];
  readonly check?: (outcomes: readonly Outcome[]) => void;
}

const CASES: readonly Case[] = [
  // Size and shape of plain text.
  {
    name: 'one 5 MB line without spaces',
    file: 'a.txt',
    input: repeat('x', 5 * MB),
    expect: ['read/line-too-long'],
  },
  {
    name: 'one 5 MB line without spaces, under a raised line limit',
    file: 'a.txt',
    input: repeat('x', 5 * MB),
    options: { maxLineLength: 8 * MB },
    expect: ['analysed'],
  },
  { name: '100,000 straight quote marks', file: 'a.txt', input: repeat('"', 100_000), expect: ['analysed'] },
  {
    name: '100,000 curly quotes and apostrophes',
    file: 'a.txt',
    input: repeat('\u201c\u2019\u201d\u2018 ', 25_000),
    expect: ['analysed'],
  },
  {
    name: 'unbalanced brackets and quotes',
    file: 'a.txt',
    input: `${repeat('((["\u201c{', 20_000)} Kim said. ${repeat(')]}\u201d', 5_000)}`,
    expect: ['analysed'],
  },
  {
    name: '10,000 sentences of numbers',
    file: 'a.txt',
    input: Array.from(
      { length: 10_000 },
      (_, i) => `${i} rose ${i * 3.5} to 1,${String(i).padStart(3, '0')}.`,
    ).join(' '),
    expect: ['analysed'],
  },
  {
    name: 'pathological punctuation runs',
    file: 'a.txt',
    input: ['.', '?!', '-', '...', '. . ', '\u2014', ',', ';:', "'", '\u2026']
      .map((p) => repeat(p, 10_000))
      .join('\n'),
    expect: ['analysed'],
  },
  {
    name: 'abbreviations and initials without end',
    file: 'a.txt',
    input: repeat('U.S. Mr. J. R. R. Oct. No. 3. ', 5_000),
    expect: ['analysed'],
  },
  {
    name: 'HTML and script as plain text',
    file: 'a.txt',
    input: repeat(
      '<script>alert("x")</script><img src=x onerror="alert(1)"> <b>Bold</b> &amp; &#x27; <!-- c --> said Kim. ',
      2_000,
    ),
    expect: ['analysed'],
  },
  {
    name: 'astral symbols, combining marks, RTL, zero-width and format characters',
    file: 'a.txt',
    input: repeat(
      '\u{1F600}\u{1D54F} e\u0301\u0301\u0301 \u202eevil\u202c \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u200b\u200d\u2060\ufeff. ',
      3_000,
    ),
    expect: ['analysed'],
  },
  {
    name: '100,000 combining marks on one letter',
    file: 'a.txt',
    input: `e${repeat('\u0301', 100_000)}`,
    expect: ['analysed'],
  },
  {
    name: '200,000 blank lines around words',
    file: 'a.txt',
    input: repeat('word\n\n\n\n', 50_000),
    expect: ['analysed'],
  },
  {
    name: 'a dateline over and over',
    file: 'a.txt',
    input: repeat('SEOUL, Oct. 24 (Yonhap) -- ', 3_000),
    expect: ['analysed'],
  },
  {
    name: 'a trailing credit lookalike of brackets',
    file: 'a.txt',
    input: `Prices rose. ${repeat('(', 10_000)}Reuters${repeat(')', 10_000)}`,
    expect: ['analysed'],
  },
  // Bytes.
  { name: 'NUL bytes', file: 'a.txt', input: bytes(0x41, 0, 0x42, 0, 0x43), expect: ['read/binary'] },
  {
    name: 'invalid UTF-8: overlong, surrogate, truncated and stray continuation bytes',
    file: 'a.txt',
    input: bytes(0x41, 0xc0, 0xaf, 0x20, 0xed, 0xa0, 0x80, 0x20, 0xe2, 0x82, 0x20, 0x80, 0xbf, 0x2e, 0xff),
    expect: ['analysed'],
  },
  {
    name: 'UTF-16 with an odd byte',
    file: 'a.txt',
    input: bytes(0xff, 0xfe, 0x41, 0, 0x42),
    expect: ['analysed'],
  },
  { name: 'only white space', file: 'a.txt', input: ' \n\t\r\n ', expect: ['read/empty'] },
  // JSON.
  {
    name: 'JSON nested 100,000 levels',
    file: 'a.json',
    input: nested('[', '', ']', 100_000),
    expect: ['read/json-depth'],
  },
  {
    name: 'JSON objects nested 1,000,000 levels',
    file: 'a.json',
    input: nested('{"a":', '1', '}', 1_000_000),
    expect: ['read/json-depth'],
  },
  {
    name: 'JSON nested 50,000 levels beside the body',
    file: 'a.json',
    input: `{"text":"Fine.","extra":${nested('[', '', ']', 50_000)}}`,
    expect: ['analysed'],
  },
  {
    name: 'JSON brackets inside strings do not count as nesting',
    file: 'a.json',
    input: JSON.stringify({ text: repeat('[{', 30_000) }),
    expect: ['analysed'],
  },
  { name: 'JSON cut short', file: 'a.json', input: '{"text":"Talks resumed', expect: ['read/json-syntax'] },
  {
    name: 'JSON with a lone surrogate escape',
    file: 'a.json',
    input: '{"text":"\\ud800 Kim \\udfff said."}',
    expect: ['analysed'],
  },
  {
    name: 'JSONL: deep, broken, huge-number and good lines',
    file: 'a.jsonl',
    input: [
      '{"text":"One."}',
      nested('[', '', ']', 100_000),
      '{"text":"unterminated',
      `{"text":"Big.","n":1${repeat('0', 400)}}`,
      '{"text":"Two."}',
    ].join('\n'),
    expect: ['analysed', 'read/json-depth', 'read/jsonl-record', 'analysed', 'analysed'],
  },
  // Feeds.
  {
    name: 'feed: tags that do not close',
    file: 'a.rss',
    input: '<rss><channel><item><description>Hi</item></channel>',
    expect: ['read/feed-syntax'],
  },
  {
    name: 'feed: billion laughs',
    file: 'a.rss',
    input: `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "${repeat('lol', 10)}">${Array.from(
      { length: 9 },
      (_, i) =>
        `<!ENTITY ${String.fromCharCode(98 + i)} "${repeat(`&${String.fromCharCode(97 + i)};`, 10)}">`,
    ).join('')}]><rss><channel><item><description>&j;</description></item></channel></rss>`,
    expect: ['analysed'],
    // Entities declared in the document are not expanded: no exponential blow-up.
    check: (outcomes) => {
      const [first] = outcomes;
      assert.ok(
        first && 'analysis' in first && first.analysis.document.text.length < 100,
        'entities expanded',
      );
    },
  },
  {
    name: 'feed: nested 100,000 levels',
    file: 'a.rss',
    input: `<rss><channel>${nested('<x>', '', '</x>', 100_000)}</channel></rss>`,
    expect: ['read/feed-syntax'],
  },
  {
    name: 'feed: an item with no text, one with script, one unterminated CDATA',
    file: 'a.rss',
    input:
      '<rss><channel><item><title>Empty</title></item><item><description><![CDATA[<script>alert(1)</script><p>Kim said.</p>]]></description></item><item><description><![CDATA[never closed</description></item></channel></rss>',
    expect: ['read/feed-syntax'],
  },
  {
    name: 'feed: an item with no text beside a good one',
    file: 'a.rss',
    input:
      '<rss><channel><item><title>Empty</title></item><item><description><![CDATA[<script>alert(1)</script><p>Kim said.</p>]]></description></item></channel></rss>',
    expect: ['read/no-body', 'analysed'],
  },
  {
    name: 'feed: 2,000 items',
    file: 'a.rss',
    input: `<rss><channel>${repeat('<item><description>Prices rose.</description></item>', 2_000)}</channel></rss>`,
    expect: Array.from({ length: 2_000 }, () => 'analysed'),
  },
  // HTML.
  {
    name: 'HTML: tag soup that never closes',
    file: 'a.html',
    input: `<html><body>${repeat('<p>Kim said <b>so <i>twice <a href="x', 2_000)}`,
    expect: ['analysed'],
  },
  {
    name: 'HTML: only script and style',
    file: 'a.html',
    input: '<html><body><script>var a = "<p>x</p>";</script><style>p{}</style></body></html>',
    expect: ['read/no-body'],
  },
  {
    name: 'HTML: nested 5,000 levels',
    file: 'a.html',
    input: `<html><body>${nested('<div>', 'Deep text.', '</div>', 5_000)}</body></html>`,
    expect: ['analysed'],
  },
  {
    name: 'HTML: comments, CDATA and entities out of range',
    file: 'a.html',
    input:
      '<html><body><!-- <p>hidden</p> --><p>Kim &#xFFFFFFFF; &#0; &bogus; &amp said.<![CDATA[ x ]]></p><!-- never closed',
    expect: ['analysed'],
  },
  // CSV.
  {
    name: 'CSV: a quote that never closes',
    file: 'a.csv',
    input: `title,text\nA,"${repeat('x', 10_000)}`,
    expect: ['read/csv-syntax'],
  },
  {
    name: 'CSV: 100,000 quote marks',
    file: 'a.csv',
    input: `title,text\nA,${repeat('"', 100_000)}`,
    expect: ['analysed'],
  },
];

table(
  'hostile input: no crash, valid spans, problems as messages',
  CASES,
  (c) => {
    const outcomes = analyseInput(c.file, c.input, {
      ...(c.format ? { format: c.format } : {}),
      ...c.options,
    });
    assert.deepEqual(summary(outcomes), c.expect, `${c.name}: outcome per record`);
    c.check?.(outcomes);
  },
  (c) => c.name,
);

const work = mkdtempSync(join(tmpdir(), 'dateline-hostile-'));
after(() => rmSync(work, { recursive: true, force: true }));

test('the CLI over every hostile input at once, on two threads: one valid JSON array, one line per problem', () => {
  const dir = join(work, 'inputs');
  mkdirSync(dir);
  CASES.forEach((c, i) => {
    if (!c.options) writeFileSync(join(dir, `${String(i).padStart(2, '0')}-${c.file}`), c.input);
  });
  const run = dateline(['analyze', dir, '--format', 'json', '--workers', '2']);
  assert.equal(run.status, 1, 'some inputs fail, so the exit code says so');
  const analyses = JSON.parse(run.stdout) as unknown[];
  const expected = CASES.filter((c) => !c.options).flatMap((c) => c.expect);
  assert.equal(analyses.length, expected.filter((e) => e === 'analysed' || e === 'partial').length);
  for (const a of analyses) validateAnalysis(a);
  const lines = run.stderr.trim().split('\n');
  for (const line of lines) assert.match(line, /^dateline: /, 'every stderr line is a dateline message');
  assert.doesNotMatch(run.stderr, /\n\s+at |internal error|unexpected failure/, 'no crash, no stack trace');
  assert.match(lines[lines.length - 1] ?? '', / failed$/);
});
