import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedPath, table } from '../../test/table.js';
import type { SourceDocument } from '../document/document.js';
import { csvReader } from './csv-reader.js';
import { isFailure, type ReadItem } from './reader.js';

const TAG = /<\/?[a-z][^>]*>/i;

const read = (text: string) => [...csvReader.read({ name: 'in.csv', text })];
const documentsOf = (items: ReadItem[]) => items.flatMap((item) => (isFailure(item) ? [] : [item.document]));
const failuresOf = (items: ReadItem[]) => items.filter(isFailure);

/** The body as it stands in the raw input: the decoded text with each `"` written `""`. */
function assertBodyInPlace(raw: string, doc: SourceDocument): void {
  const quoted = raw.slice(doc.bodyOffset, doc.bodyOffset + doc.text.length * 2);
  assert.ok(
    quoted.replaceAll('""', '"').startsWith(doc.text),
    `row ${doc.origin.index}: body not at bodyOffset`,
  );
}

function assertClean(doc: SourceDocument): void {
  assert.ok(doc.text.trim() !== '', 'text is empty');
  assert.equal(doc.text, doc.text.trim());
  for (const value of [doc.text, ...Object.values(doc.meta)]) assert.doesNotMatch(value, TAG);
}

table(
  'Wikinews CSV: every article a document, test pages refused',
  [
    ['wikinews_2019.csv', 171, []],
    ['wikinews_2020.csv', 122, [103, 104]],
  ] as const,
  ([file, count, testPages]) => {
    const raw = readFileSync(sharedPath('datasets', 'wikinews', file), 'utf8');
    const items = read(raw);
    const docs = documentsOf(items);
    assert.equal(docs.length, count);
    assert.deepEqual(
      failuresOf(items).map((f) => [f.failure.rule, f.index]),
      testPages.map((index) => ['read/no-body', index]),
    );
    for (const doc of docs) {
      assertClean(doc);
      assertBodyInPlace(raw, doc);
      assert.equal(doc.meta.source, 'Wikinews');
      assert.match(doc.meta.published ?? '', /^20(19|20)-\d{2}-\d{2}$/);
      assert.match(doc.meta.url ?? '', /^https:\/\/en\.wikinews\.org\/\/wiki\//);
      assert.ok(doc.meta.title);
    }
  },
);

test('Wikinews: the first article as stored, date line kept verbatim', () => {
  const raw = readFileSync(sharedPath('datasets', 'wikinews', 'wikinews_2019.csv'), 'utf8');
  const [doc] = documentsOf(read(raw));
  assert.deepEqual(doc?.meta, {
    title: 'Magnitogorsk apartment building collapses after explosion, dozens dead',
    published: '2019-01-04',
    source: 'Wikinews',
    url: 'https://en.wikinews.org//wiki/Magnitogorsk_apartment_building_collapses_after_explosion,_dozens_dead',
  });
  assert.ok(
    doc?.text.startsWith('Friday, January 4, 2019\u00a0\n\n\nAn apartment building collapsed on Monday'),
  );
  assert.ok(doc?.text.includes('of "presumably between 36 and 40 people under the rubble"'));
  assert.deepEqual(doc?.origin, { format: 'csv', file: 'in.csv', index: 0 });
});

table(
  'RFC 4180 fields',
  [
    ['quoted commas', 'title,text\nT,"a, b"', 'a, b'],
    ['escaped quotes', 'title,text\nT,"say ""hi"" now"', 'say "hi" now'],
    ['line breaks kept', 'title,text\r\nT,"one\r\n\r\ntwo"\r\n', 'one\r\n\r\ntwo'],
    ['trimmed, offset moved', 'text\n"  \n padded  "', 'padded'],
    ['unquoted', 'text,title\nplain body,T', 'plain body'],
    ['byte-order mark', '\uFEFFtext\nafter mark', 'after mark'],
    ['CR only', 'title,text\rT,cr body\r', 'cr body'],
  ] as const,
  ([, raw, text]) => {
    const [doc, ...rest] = documentsOf(read(raw));
    assert.equal(rest.length, 0);
    assert.equal(doc?.text, text);
    if (doc) assertBodyInPlace(raw, doc);
  },
);

table(
  'columns under other names',
  [
    [
      'headline,body,pubDate,source',
      'H,B,"Fri, 24 Oct 2025 08:00:00 +0900",AP',
      { title: 'H', published: '2025-10-24T08:00:00+09:00', source: 'AP' },
    ],
    [
      'URL,Content,published',
      'https://www.example.com/a,B,2025-10-24',
      { url: 'https://www.example.com/a', source: 'www.example.com', published: '2025-10-24' },
    ],
    [
      'link,maintext,lang',
      'https://fr.wikinews.org/wiki/X,B,fr',
      { url: 'https://fr.wikinews.org/wiki/X', source: 'Wikinews', language: 'fr' },
    ],
  ] as const,
  ([header, row, meta]) => {
    const [doc] = documentsOf(read(`${header}\n${row}\n`));
    assert.deepEqual(doc?.meta, meta);
    assert.equal(doc?.text, 'B');
  },
);

test('an unterminated quote: rows before it are read, one read/csv-syntax failure for the rest', () => {
  const raw = 'title,text\nA,first\nB,"second"\nC,"never closed\nD,fourth\n';
  const items = read(raw);
  assert.deepEqual(
    documentsOf(items).map((d) => d.text),
    ['first', 'second'],
  );
  const [failure, ...rest] = failuresOf(items);
  assert.equal(rest.length, 0);
  assert.equal(failure?.failure.rule, 'read/csv-syntax');
  assert.equal(failure?.index, 2);
  assert.equal(raw.slice(failure?.failure.start, failure?.failure.end), 'C,"never closed\nD,fourth\n');
});

test('empty bodies and test pages are read/no-body; ragged rows and stray quotes are warnings', () => {
  const raw = [
    'url,title,text',
    'https://en.wikinews.org/wiki/A,Empty,"  "',
    'https://en.wikinews.org//wiki/TEST_PAGE:Self-publish_today,TEST PAGE:Self-publish today,This is a test page!',
    'https://en.wikinews.org/wiki/B,Ragged,body,extra',
    'https://en.wikinews.org/wiki/C,Stray,"quoted" tail',
    '',
  ].join('\n');
  const items = read(raw);
  assert.deepEqual(
    failuresOf(items).map((f) => [f.failure.rule, f.index]),
    [
      ['read/no-body', 0],
      ['read/no-body', 1],
    ],
  );
  assert.deepEqual(
    documentsOf(items).map((d) => [d.text, d.origin.index, d.messages.map((m) => m.rule)]),
    [
      ['body', 2, ['read/csv-row']],
      ['quoted tail', 3, ['read/csv-syntax']],
    ],
  );
});

test('a column named like an Object property is just a column', () => {
  const [doc] = documentsOf(read('__proto__,constructor,text\nx,y,body'));
  assert.equal(doc?.text, 'body');
});
