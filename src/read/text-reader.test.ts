import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedPath, table } from '../../test/table.js';
import type { SourceDocument } from '../document/document.js';
import { readInput, readText } from './read-input.js';

const one = (text: string, name = 'input.txt'): SourceDocument => {
  const items = [...readText(name, text)];
  assert.equal(items.length, 1);
  const item = items[0] as (typeof items)[number];
  assert.ok('document' in item, `expected a document, got ${JSON.stringify(item)}`);
  return item.document;
};

test('the seed dispatch: date prefix, verbatim body, glued credit as source', () => {
  const raw = readFileSync(sharedPath('gold', '000_4e6a1e8230babff5.txt'), 'utf8');
  const doc = one(raw);
  assert.equal(doc.meta.published, '2025-10-24');
  assert.equal(doc.meta.source, 'Yonhap');
  assert.ok(doc.text.startsWith('North Korea has held a groundbreaking ceremony'));
  assert.ok(doc.text.endsWith('will be erected as well, Kim noted.'));
  assert.equal(raw.slice(doc.bodyOffset, doc.bodyOffset + doc.text.length), doc.text);
  assert.equal(doc.id, one(raw).id, 'the id is stable');
});

table(
  'plain text with header lines and datelines',
  [
    [
      'Title: Talks resume\nDate: 2025-03-04\nSource: Reuters\nURL: https://example.com/a\n\nMOSCOW (Reuters) - Talks resumed on Tuesday.',
      {
        title: 'Talks resume',
        published: '2025-03-04',
        source: 'Reuters',
        url: 'https://example.com/a',
        body: 'MOSCOW (Reuters) - Talks resumed on Tuesday.',
        dateline: 'MOSCOW (Reuters) -',
      },
    ],
    [
      'SEOUL, Oct. 24 (Yonhap) -- North Korea fired a missile on Friday, officials said.',
      {
        source: 'Yonhap',
        body: 'SEOUL, Oct. 24 (Yonhap) -- North Korea fired a missile on Friday, officials said.',
        dateline: 'SEOUL, Oct. 24 (Yonhap) --',
        datelineDate: 'XXXX-10-24',
      },
    ],
    [
      'Date: October 24, 2025\n\nWASHINGTON, Oct. 23 (AP) \u2014 The Senate voted.\n\nAP',
      {
        published: '2025-10-24',
        source: 'AP',
        body: 'WASHINGTON, Oct. 23 (AP) \u2014 The Senate voted.',
        dateline: 'WASHINGTON, Oct. 23 (AP) \u2014',
        datelineDate: '2025-10-23',
      },
    ],
    [
      'Just a paragraph of news with no header at all.',
      { body: 'Just a paragraph of news with no header at all.' },
    ],
    ['Title: only a title\n\n   \n', { failure: 'read/no-body' }],
  ] as const,
  ([raw, expected]) => {
    const items = [...readText('input.txt', raw)];
    if ('failure' in expected) {
      assert.equal(items.length, 1);
      const item = items[0];
      assert.ok(item && 'failure' in item);
      assert.equal(item.failure.rule, expected.failure);
      return;
    }
    const doc = one(raw);
    const got = {
      title: doc.meta.title,
      published: doc.meta.published,
      source: doc.meta.source,
      url: doc.meta.url,
      body: doc.text,
      dateline: doc.dateline?.text,
      datelineDate: doc.dateline?.date,
    };
    const want = {
      title: undefined,
      published: undefined,
      source: undefined,
      url: undefined,
      dateline: undefined,
      datelineDate: undefined,
      ...expected,
    };
    assert.deepEqual(got, want);
    assert.equal(
      raw.slice(doc.bodyOffset, doc.bodyOffset + doc.text.length),
      doc.text,
      'the body is a verbatim run of the input',
    );
  },
);

test('an input over the size limit is refused with a message, not read', () => {
  const items = [...readInput('big.txt', new Uint8Array(2048).fill(0x61), { maxBytes: 1024 })];
  assert.equal(items.length, 1);
  assert.ok(items[0] && 'failure' in items[0] && items[0].failure.rule === 'read/too-large');
});

test('Latin-1 text is read with a warning on the document', () => {
  const items = [
    ...readInput(
      'old.txt',
      Uint8Array.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x70, 0x65, 0x6e, 0x73, 0x2e]),
    ),
  ];
  const item = items[0];
  assert.ok(item && 'document' in item);
  assert.equal(item.document.text, 'Caf\u00e9 opens.');
  assert.deepEqual(
    item.document.messages.map((m) => m.rule),
    ['read/not-utf8'],
  );
});

const BLANKS = ' \t'.repeat(20_000);

table(
  'header values among 40,000 spaces and tabs are trimmed of them, and only of them',
  [
    ['value between blanks', `Title:${BLANKS}Talks resume${BLANKS}\n\nBody.`, { title: 'Talks resume' }],
    ['blanks only: no value', `Title:${BLANKS}\nSource: Reuters\n\nBody.`, { source: 'Reuters' }],
    ['blanks before the key', `${BLANKS}Source :${BLANKS}AP\n\nBody.`, { source: 'AP' }],
    // Not a header: an unknown key, so the line is body text.
    ['unknown key', `Titles:${BLANKS}x\n\nBody.`, { body: `Titles:${BLANKS}x\n\nBody.` }],
  ] as const,
  ([, raw, expected]) => {
    const doc = one(raw);
    assert.deepEqual(
      { title: doc.meta.title, source: doc.meta.source, body: doc.text },
      { title: undefined, source: undefined, body: 'Body.', ...expected },
      'header values, and the body after the header lines',
    );
  },
);
