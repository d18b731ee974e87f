import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TextLayer } from './text-layer.js';

// Text made of the pieces that stress a segmenter: quotes, periods, abbreviations, astral symbols,
// combining marks, RTL, zero-width and control characters, lone surrogates.
const piece = fc.constantFrom(
  'Mr.',
  'U.S.',
  '"',
  '\u201c',
  '\u201d',
  "'",
  '\u2019',
  '.',
  '...',
  '[...]',
  '?',
  '!',
  ' ',
  '\n',
  '\n\n',
  'Kim',
  'the',
  '15,000',
  '3.5',
  '-',
  '--',
  '(',
  ')',
  '\u{1F600}',
  'e\u0301',
  '\u05e9\u05dc\u05d5\u05dd',
  '\u200b',
  '\u0000',
  '\ud800',
  '\udc00',
  'http://x.y/z.',
  'No.',
  'Oct.',
  '\t',
);
const newsLike = fc
  .array(fc.oneof(piece, fc.string({ unit: 'binary', maxLength: 6 })), { maxLength: 80 })
  .map((parts) => parts.join(''));

test('tokens and sentences stay ordered, disjoint and inside the text for any input', () => {
  fc.assert(
    fc.property(newsLike, (text) => {
      const layer = new TextLayer(text);
      const { tokens } = layer;
      let last = 0;
      for (let i = 0; i < tokens.count; i++) {
        assert.ok(tokens.start(i) >= last && tokens.end(i) > tokens.start(i) && tokens.end(i) <= text.length);
        last = tokens.end(i);
      }
      let end = 0;
      for (const s of layer.sentences) {
        assert.ok(s.start >= end && s.end > s.start && s.end <= text.length);
        assert.ok(s.firstToken < s.endToken && s.endToken <= tokens.count);
        end = s.end;
      }
    }),
    { numRuns: 400 },
  );
});

test('every non-space character belongs to a token', () => {
  fc.assert(
    fc.property(newsLike, (text) => {
      const { tokens } = new TextLayer(text);
      let covered = 0;
      for (let i = 0; i < tokens.count; i++) covered += tokens.end(i) - tokens.start(i);
      const nonSpace = text.replace(
        /[\s\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/g,
        '',
      ).length;
      assert.equal(covered, nonSpace);
    }),
    { numRuns: 300 },
  );
});
