import { test } from 'node:test';
import fc from 'fast-check';
import type { InputFormat } from '../../src/document/document.js';
import { analyseInput } from './hostile.js';

// Pieces that stress each layer: segmenter, quote pairing, datelines and credits, markup, JSON.
const hostilePiece = fc.constantFrom(
  '"',
  '\u201c',
  '\u201d',
  "'",
  '\u2019',
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '.',
  '...',
  '?!',
  '--',
  '\u2014',
  ' ',
  '\n',
  '\n\n',
  '\r\n',
  '\t',
  'Mr.',
  'U.S.',
  'Oct. 24',
  '2024-05-01',
  '15,000',
  '3.5',
  '(Reuters)',
  'SEOUL',
  ' -- ',
  'Kim said',
  '<p>',
  '</p>',
  '<script>',
  '&amp;',
  '\u{1F600}',
  'e\u0301',
  '\u202e',
  '\u05e9\u05dc\u05d5\u05dd',
  '\u0645\u0631\u062d\u0628\u0627',
  '\u200b',
  '\u200d',
  '\ufeff',
  '\u0000',
  '\ud800',
  '\udc00',
  '\u0085',
  '\u2028',
);

const anyText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc
    .array(fc.oneof(hostilePiece, fc.string({ unit: 'binary', maxLength: 8 })), { maxLength: 120 })
    .map((p) => p.join('')),
);

/** Every input, every format: never an exception, spans valid, problems as messages (see hostile.ts). */
const check = (format?: InputFormat) => (input: string | Uint8Array) => {
  analyseInput(format === 'feed' ? 'a.rss' : 'a.txt', input, format ? { format } : {});
};

test('any Unicode text, read as plain text', () => {
  fc.assert(fc.property(anyText, check('text')), { numRuns: 300 });
});

test('any bytes, format detected', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), check()), { numRuns: 300 });
});

test('any UTF-8 text with invalid bytes spliced in', () => {
  const spliced = fc
    .tuple(anyText, fc.array(fc.tuple(fc.nat(), fc.constantFrom(0x80, 0xbf, 0xc0, 0xed, 0xf5, 0xfe, 0xff))))
    .map(([text, bytes]) => {
      const out = Buffer.from(text);
      for (const [at, b] of bytes) if (out.length > 0) out[at % out.length] = b;
      return out;
    });
  fc.assert(fc.property(spliced, check()), { numRuns: 200 });
});

test('any JSON value as a JSON record, or with a text field of any Unicode', () => {
  const record = fc.oneof(
    fc.json({ maxDepth: 6 }),
    fc.record({ text: anyText, title: anyText, date: fc.string() }).map((r) => JSON.stringify(r)),
  );
  fc.assert(fc.property(record, check('json')), { numRuns: 200 });
});

test('any lines as JSONL', () => {
  const lines = fc
    .array(fc.oneof(fc.json({ maxDepth: 3 }), anyText), { maxLength: 8 })
    .map((l) => l.join('\n'));
  fc.assert(fc.property(lines, check('jsonl')), { numRuns: 200 });
});

const markupPiece = fc.oneof(
  hostilePiece,
  fc.constantFrom(
    '<html>',
    '<body>',
    '</body>',
    '<div>',
    '</div>',
    '<article>',
    '<br>',
    '<!--',
    '-->',
    '<![CDATA[',
    ']]>',
    '</script>',
    '<style>',
    '<meta property="article:published_time" content="',
    '">',
    '<rss>',
    '<channel>',
    '<item>',
    '</item>',
    '<description>',
    '</description>',
    '<entry>',
    '<content type="xhtml">',
    '</content>',
    '<?xml version="1.0"?>',
    '<!DOCTYPE x [<!ENTITY e "&e;">]>',
    '&e;',
    '&#0;',
    '&#x110000;',
    '=',
    '"',
  ),
);
const markup = fc.array(markupPiece, { maxLength: 80 }).map((p) => p.join(''));

test('any tag soup as HTML', () => {
  fc.assert(fc.property(markup, check('html')), { numRuns: 200 });
});

test('any tag soup as a feed', () => {
  fc.assert(fc.property(markup, check('feed')), { numRuns: 200 });
});

test('any text as CSV', () => {
  const csv = fc
    .array(fc.oneof(anyText, fc.constantFrom('text,title\n', ',', '"', '""', '\n', '\r\n')), {
      maxLength: 40,
    })
    .map((p) => `text,title\n${p.join('')}`);
  fc.assert(fc.property(csv, check('csv')), { numRuns: 200 });
});
