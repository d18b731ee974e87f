import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../../test/table.js';
import { readInput } from '../read/read-input.js';
import { byteLines, streamJsonl } from './jsonl-stream.js';

async function* chunked(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const text = (line: { bytes?: Uint8Array; tooLarge?: number }) =>
  line.bytes ? Buffer.from(line.bytes).toString('utf8') : `<${line.tooLarge} bytes>`;

table(
  'byteLines: the same lines whatever the chunk size; CR dropped; an over-long line skipped by its length',
  [
    ['one\ntwo\r\n\nthree', 8, ['one', 'two', '', 'three']],
    ['one\ntwo\r\n\nthree\n', 8, ['one', 'two', '', 'three']],
    ['short\nthis line is too long\nok', 8, ['short', '<21 bytes>', 'ok']],
    ['caf\u00e9 \u{1F600}\n\u00e9', 10, ['caf\u00e9 \u{1F600}', '\u00e9']],
  ] as const,
  async ([input, max, expected]) => {
    const bytes = Buffer.from(input);
    for (const size of [1, 2, 3, 5, bytes.length]) {
      const lines = await collect(byteLines(chunked(bytes, size), max));
      assert.deepEqual(lines.map(text), expected, `chunks of ${size} bytes`);
    }
  },
);

const MIXED = [
  '\ufeff{"text":"  Caf\u00e9 \u201cquoted\u201d \u{1F600} SEOUL, Oct. 24 (Yonhap) -- Prices rose.","id":"a"}',
  '',
  '{"text": broken',
  '   ',
  '{"title":"no body"}',
  '{"text":"\\tEscaped\\n start \\u00e9 here.","nested":{"text":"no"}}',
  `${'['.repeat(70_000)}${']'.repeat(70_000)}`,
  '{"body":"<p>Hello <b>world</b></p><p>Two.</p>"}',
].join('\r\n');

test('streamJsonl gives exactly what the whole-input reader gives: documents, offsets, failures', async () => {
  const bytes = Buffer.from(MIXED);
  const whole = [...readInput('in.jsonl', bytes, { format: 'jsonl' })];
  assert.equal(whole.filter((item) => 'document' in item).length, 3, 'three good records in the fixture');
  for (const size of [3, 64, bytes.length]) {
    const streamed = await collect(streamJsonl('in.jsonl', chunked(bytes, size), { maxBytes: 1 << 20 }));
    assert.deepEqual(streamed, whole, `chunks of ${size} bytes`);
  }
});

test('the size limit applies to each record: a big one fails alone, the ones after it keep their index', async () => {
  const lines = ['{"text":"One."}', JSON.stringify({ text: 'x'.repeat(500) }), '{"text":"Three."}'];
  const items = await collect(
    streamJsonl('in.jsonl', chunked(Buffer.from(lines.join('\n')), 7), { maxBytes: 100 }),
  );
  assert.deepEqual(
    items.map((item) =>
      'document' in item ? [item.document.text, item.document.origin.index] : item.failure.rule,
    ),
    [['One.', 0], 'read/too-large', ['Three.', 2]],
  );
});

test('a line that is not UTF-8 is read as Windows-1252 with a warning on that record only', async () => {
  const bytes = Buffer.concat([
    Buffer.from('{"text":"Caf'),
    Buffer.from([0xe9]),
    Buffer.from(' owners."}\n{"text":"Fine."}\n'),
  ]);
  const items = await collect(streamJsonl('in.jsonl', chunked(bytes, 4), { maxBytes: 1000 }));
  assert.deepEqual(
    items.map((item) =>
      'document' in item
        ? [item.document.text, item.document.messages.map((m) => m.rule)]
        : item.failure.rule,
    ),
    [
      ['Caf\u00e9 owners.', ['read/not-utf8']],
      ['Fine.', []],
    ],
  );
});
