import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { decodeInput } from './decode.js';

const bytes = (...b: number[]) => Uint8Array.from(b);
const utf8 = (s: string) => new TextEncoder().encode(s);

table(
  'decoding',
  [
    [
      'UTF-8',
      utf8('Seoul \u2014 \u201cquoted\u201d'),
      { text: 'Seoul \u2014 \u201cquoted\u201d', rules: [] },
    ],
    ['UTF-8 with a byte-order mark', bytes(0xef, 0xbb, 0xbf, 0x41, 0x42), { text: 'AB', rules: [] }],
    [
      'Latin-1 news (not UTF-8)',
      bytes(0x63, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x78),
      { text: 'caf\u00e9 \u2013 x', rules: ['read/not-utf8'] },
    ],
    ['UTF-16LE with a byte-order mark', bytes(0xff, 0xfe, 0x48, 0x00, 0x69, 0x00), { text: 'Hi', rules: [] }],
    ['empty', bytes(), { failure: 'read/empty' }],
    ['white space only', utf8(' \n\t\n'), { failure: 'read/empty' }],
    ['binary with NUL bytes', bytes(0x89, 0x50, 0x4e, 0x47, 0x00, 0x00, 0x1a), { failure: 'read/binary' }],
  ] as const,
  ([, input, expected]) => {
    const decoded = decodeInput(input);
    if ('failure' in expected) {
      assert.equal(decoded.ok, false);
      if (!decoded.ok) assert.equal(decoded.failure.rule, expected.failure);
      return;
    }
    assert.ok(decoded.ok, 'expected the input to decode');
    if (decoded.ok) {
      assert.equal(decoded.text, expected.text);
      assert.deepEqual(
        decoded.messages.map((m) => m.rule),
        expected.rules,
      );
    }
  },
);
