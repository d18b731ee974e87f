import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedPath, table } from '../../test/table.js';
import type { DocumentMeta, SourceDocument } from '../document/document.js';
import { jsonlReader, jsonReader, readJsonRecord } from './json-reader.js';
import { isFailure, type ReadFailure, type ReadItem } from './reader.js';

const TAG = /<\/?[a-z][^>]*>/i;
const NEWS_CLUSTER = sharedPath('datasets', 'news_cluster', 'news_cluster', 'data');

const documents = (items: Iterable<ReadItem>) =>
  [...items].map((item) => {
    assert.ok(!isFailure(item), `unexpected failure: ${JSON.stringify(item)}`);
    return item.document;
  });
const failures = (items: Iterable<ReadItem>) => [...items].filter(isFailure);
const read = (text: string) => [...jsonReader.read({ name: 'in.json', text })];

function assertClean(doc: SourceDocument): void {
  assert.ok(doc.text.trim() !== '', 'text is empty');
  for (const value of [doc.text, ...Object.values(doc.meta)]) assert.doesNotMatch(value, TAG);
}

/** The JSON string whose content starts at `offset` in `raw`, decoded: the body must be it, trimmed. */
function stringAt(raw: string, offset: number): string {
  let end = offset;
  while (raw[end] !== '"') end += raw[end] === '\\' ? 2 : 1;
  let start = offset;
  while (raw[start - 1] !== '"' || raw[start - 2] === '\\') start--;
  return JSON.parse(raw.slice(start - 1, end + 1)) as string;
}

test('news-please JSON from news_cluster: every file is one dated, sourced document, body located', () => {
  const files = readdirSync(NEWS_CLUSTER).filter((f) => f.endsWith('.json'));
  assert.equal(files.length, 383);
  for (const file of files) {
    const raw = readFileSync(`${NEWS_CLUSTER}/${file}`, 'utf8');
    const [doc, ...rest] = documents(jsonReader.read({ name: file, text: raw }));
    assert.ok(doc && rest.length === 0, file);
    assertClean(doc);
    assert.match(doc.meta.published ?? '', /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/, file);
    assert.ok(doc.meta.source && doc.meta.url && doc.meta.title, file);
    assert.deepEqual(doc.origin, { format: 'json', file });
    assert.equal(stringAt(raw, doc.bodyOffset).trim(), doc.text, file);
  }
});

test('news-please sample: fields as the file states them', () => {
  const file = '0046d5ff09e56287742ed727ac712a7806d4dee16d5d46aafd7632f5.json';
  const raw = readFileSync(`${NEWS_CLUSTER}/${file}`, 'utf8');
  const [doc] = documents(jsonReader.read({ name: file, text: raw }));
  assert.deepEqual(doc?.meta, {
    title: "China opposes DPRK's missile launch: FM spokesperson",
    published: '2017-09-15T00:00:00',
    source: 'africa.chinadaily.com.cn',
    url: 'http://africa.chinadaily.com.cn/world/2017-09/15/content_32041310.htm',
  });
  assert.ok(doc?.text.startsWith("China opposes DPRK's missile launch: FM spokesperson\nXinhua | Updated"));
  assert.equal(raw.slice(doc?.bodyOffset, (doc?.bodyOffset ?? 0) + 13), 'China opposes');
});

test('a news-please record whose text is null is a read/no-body failure', () => {
  const path = sharedPath('datasets', 'news_cluster', 'google_news', 'data');
  const raw = readFileSync(`${path}/aa6eb95c6b0f27b26efc73fdb128324c3282f2dc3e4832dcda3a017e.json`, 'utf8');
  const [failure, ...rest] = failures(jsonReader.read({ name: 'null-text.json', text: raw }));
  assert.equal(rest.length, 0);
  assert.equal(failure?.failure.rule, 'read/no-body');
  assert.deepEqual([failure?.failure.start, failure?.failure.end], [0, raw.length]);
});

table(
  'record fields under their other names',
  [
    [
      {
        headline: 'H',
        maintext: 'Body.',
        datePublished: '2025-10-24',
        publisher: { name: 'Yonhap' },
        link: 'https://y.example/1',
        lang: 'en',
      },
      { title: 'H', published: '2025-10-24', source: 'Yonhap', url: 'https://y.example/1', language: 'en' },
    ],
    [
      { Title: 'Caps', Body: 'Body.', pubDate: 'Fri, 24 Oct 2025 08:00:00 +0900', site_name: 'Wire' },
      { title: 'Caps', published: '2025-10-24T08:00:00+09:00', source: 'Wire' },
    ],
    [
      { content: 'Body.', publish_date: 'October 24, 2025', source: [{ name: 'AP' }] },
      { published: '2025-10-24', source: 'AP' },
    ],
    [
      { article: 'Body.', published: '2025/10/24', source_domain: 'www.dw.com', url: 'u' },
      { published: '2025-10-24', source: 'www.dw.com', url: 'u' },
    ],
    [{ text: 'Body.', title: '', date: null, source: { id: 3 } }, {}],
  ] as const,
  ([record, meta]) => {
    const [doc] = documents(jsonReader.read({ name: 'r.json', text: JSON.stringify(record) }));
    assert.deepEqual(doc?.meta, meta as DocumentMeta);
    assert.equal(doc?.text, 'Body.');
  },
  ([record]) => Object.keys(record).join(','),
);

table(
  'record ids become origin.sourceId',
  [
    [{ id: 42, text: 'x' }, '42'],
    [{ guid: 'urn:a', text: 'x' }, 'urn:a'],
    [{ text: 'x' }, undefined],
  ] as const,
  ([record, sourceId]) => {
    const [doc] = documents(read(JSON.stringify(record)));
    assert.equal(doc?.origin.sourceId, sourceId);
  },
  ([record]) => JSON.stringify(record),
);

table(
  'containers: records and where each body starts',
  [
    ['[{"text":"one"},{"text":"two"}]', ['one', 'two']],
    ['{"articles":[{"text":"a"}, {"title":{"text":"nested"},"text":"b"}]}', ['a', 'b']],
    ['{"items":[{"body":"x"}],"text":"not a record"}', ['x']],
    ['{"data":[{"text":" \\n\\u00a0padded\\t"}]}', ['padded']],
    ['\uFEFF{"text":"after a byte-order mark"}', ['after a byte-order mark']],
  ] as const,
  ([raw, texts]) => {
    const docs = documents(read(raw));
    assert.deepEqual(
      docs.map((d) => d.text),
      texts,
    );
    for (const doc of docs)
      assert.equal(raw.slice(doc.bodyOffset, doc.bodyOffset + doc.text.length), doc.text);
  },
);

table(
  'bad records are failures with a place; the others are read',
  [
    [
      '[{"text":"ok"}, 7, {"title":"t"}, {"text":"   "}]',
      ['ok'],
      ['read/json-record:7', 'read/no-body:{"title":"t"}', 'read/no-body:{"text":"   "}'],
    ],
    ['"just a string"', [], ['read/json-record:"just a string"']],
    ['[]', [], []],
  ] as const,
  ([raw, texts, problems]) => {
    const items = read(raw);
    assert.deepEqual(
      items.flatMap((item) => (isFailure(item) ? [] : [item.document.text])),
      texts,
    );
    assert.deepEqual(
      failures(items).map(({ failure }) => `${failure.rule}:${raw.slice(failure.start, failure.end)}`),
      problems,
    );
  },
);

table(
  'syntax errors: one read/json-syntax failure, placed when the parser says where',
  [
    ['{"text": "cut off', 17],
    ['{"text" "x"}', 8],
    ['[1,,2]', undefined],
  ] as const,
  ([raw, start]) => {
    const [item, ...rest] = read(raw);
    assert.equal(rest.length, 0);
    assert.ok(item && isFailure(item));
    assert.equal(item.failure.rule, 'read/json-syntax');
    assert.equal(item.failure.start, start);
    assert.doesNotMatch(item.failure.message, /is not valid JSON$/);
  },
);

test('JSON HTML bodies become text, with a note', () => {
  const [doc] = documents(read(JSON.stringify({ body: '<p>First <b>para</b>.</p><p>Second.</p>' })));
  assert.equal(doc?.text, 'First para.\n\nSecond.');
  assert.deepEqual(
    doc?.messages.map((m) => m.rule),
    ['read/html-body'],
  );
});

test('an unreadable date is a warning; the caller default stands in', () => {
  const [doc] = documents(
    jsonReader.read({ name: 'd', text: '{"text":"x","date":"soon"}' }, { published: '2025-01-02' }),
  );
  assert.equal(doc?.meta.published, '2025-01-02');
  assert.deepEqual(
    doc?.messages.map((m) => m.rule),
    ['read/date-invalid'],
  );
});

test('deep nesting: parsed without recursion in the reader', () => {
  const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
  const [doc] = documents(read(`{"text":"fine","extra":${deep}}`));
  assert.equal(doc?.text, 'fine');
  const [failure] = failures(read(deep));
  assert.equal(failure?.failure.rule, 'read/json-record');
});

test('JSONL: a bad line among good ones fails alone, placed on its line', () => {
  const lines = ['{"text":"one","id":"a"}', '{"text": broken', '', '{"title":"no body"}', '{"text":"four"}'];
  const raw = `${lines.join('\r\n')}\n`;
  const items = [...jsonlReader.read({ name: 'in.jsonl', text: raw })];
  const docs = items.flatMap((item) => (isFailure(item) ? [] : [item.document]));
  assert.deepEqual(
    docs.map((d) => [
      d.text,
      d.origin.index,
      d.origin.format,
      raw.slice(d.bodyOffset, d.bodyOffset + d.text.length),
    ]),
    [
      ['one', 0, 'jsonl', 'one'],
      ['four', 3, 'jsonl', 'four'],
    ],
  );
  const bad = failures(items);
  assert.deepEqual(
    bad.map((f: ReadFailure) => [f.failure.rule, f.index, raw.slice(f.failure.start, f.failure.end)]),
    [
      ['read/jsonl-record', 1, '{"text": broken'],
      ['read/no-body', 2, '{"title":"no body"}'],
    ],
  );
});

test('JSONL of news_cluster records: one document per line', () => {
  const files = readdirSync(NEWS_CLUSTER).slice(0, 20);
  const raw = files
    .map((f) => JSON.stringify(JSON.parse(readFileSync(`${NEWS_CLUSTER}/${f}`, 'utf8'))))
    .join('\n');
  const docs = documents(jsonlReader.read({ name: 'nc.jsonl', text: raw }));
  assert.equal(docs.length, 20);
  for (const doc of docs) {
    assertClean(doc);
    assert.equal(stringAt(raw, doc.bodyOffset).trim(), doc.text);
  }
});

test('readJsonRecord without the raw input: bodyOffset is the record offset', () => {
  const item = readJsonRecord({ text: 'streamed' }, { name: 's', index: 4, offset: 120 });
  assert.ok(!isFailure(item));
  assert.equal(item.document.bodyOffset, 120);
  assert.deepEqual(item.document.origin, { format: 'json', file: 's', index: 4 });
});

test('an HTML body nested past the fragment limit is read/html-depth, not an exception', () => {
  const html = (depth: number) => `${'<div>'.repeat(depth)}<p>Kim said so.</p>${'</div>'.repeat(depth)}`;
  const [deep] = failures(read(JSON.stringify({ text: html(5_000) })));
  assert.equal(deep?.failure.rule, 'read/html-depth', 'a body nested 5,000 levels is refused');
  assert.match(deep?.failure.message ?? '', /"text" nests deeper than 1000 levels/);
  const [doc] = documents(read(JSON.stringify({ text: html(900) })));
  assert.equal(doc?.text, 'Kim said so.', 'a body nested 900 levels is read');
});
