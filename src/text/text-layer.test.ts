import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { sharedPath, table } from '../../test/table.js';
import { TextLayer } from './text-layer.js';
import { TokenFlag, TokenKind } from './tokens.js';
import { TOKEN_HASH_SEED } from './vocabulary.js';

const sentencesOf = (text: string) => new TextLayer(text).sentences.map((s) => text.slice(s.start, s.end));
const tokensOf = (text: string) => {
  const { tokens } = new TextLayer(text);
  return Array.from({ length: tokens.count }, (_, i) => tokens.text(i));
};

table(
  'sentences',
  [
    ['Friday.The North held it.', ['Friday.', 'The North held it.']],
    [
      'the Kursk region."Just one year ago," he said.',
      ['the Kursk region.', '"Just one year ago," he said.'],
    ],
    [
      'the KCNA said."The years will advance," he said.',
      ['the KCNA said.', '"The years will advance," he said.'],
    ],
    [
      'calling them "great heroes and patriots."He disclosed a plan.',
      ['calling them "great heroes and patriots."', 'He disclosed a plan.'],
    ],
    ['(KCNA).During a speech, he spoke.', ['(KCNA).', 'During a speech, he spoke.']],
    ['Mr. Kim met Dr. Lee in the U.S. on Oct. 24.', ['Mr. Kim met Dr. Lee in the U.S. on Oct. 24.']],
    ['He moved to the U.S. The move was quiet.', ['He moved to the U.S.', 'The move was quiet.']],
    ['It ranks No. 1 in Asia. No one disputes it.', ['It ranks No. 1 in Asia.', 'No one disputes it.']],
    [
      'Growth was 3.5 percent. Prices rose 1.2 percent.',
      ['Growth was 3.5 percent.', 'Prices rose 1.2 percent.'],
    ],
    ['J. R. R. Tolkien wrote it. He died in 1973.', ['J. R. R. Tolkien wrote it.', 'He died in 1973.']],
    ['"Are you sure?" he asked. "Yes."', ['"Are you sure?" he asked.', '"Yes."']],
    ['They waited... Then it came.', ['They waited...', 'Then it came.']],
    [
      '"The troops left for Russia [...] They left expecting nothing," Kim said.',
      ['"The troops left for Russia [...] They left expecting nothing," Kim said.'],
    ],
    [
      '\u201cWe will win,\u201d she said.\u201cNo doubt.\u201d',
      ['\u201cWe will win,\u201d she said.', '\u201cNo doubt.\u201d'],
    ],
    ['Acme Inc. reported a loss. Shares fell.', ['Acme Inc. reported a loss.', 'Shares fell.']],
    [
      'Headline without a stop\n\nThe body starts here. It ends here.',
      ['Headline without a stop', 'The body starts here.', 'It ends here.'],
    ],
    ['It happened at 10 a.m. on Friday.', ['It happened at 10 a.m. on Friday.']],
    [
      'Visit https://example.com/a.b for more. Then leave.',
      ['Visit https://example.com/a.b for more.', 'Then leave.'],
    ],
    ['Is it over?Yes!It is.', ['Is it over?', 'Yes!', 'It is.']],
    ['He said it was "unacceptable". Others agreed.', ['He said it was "unacceptable".', 'Others agreed.']],
    ['gen. smith spoke. then he left.', ['gen. smith spoke. then he left.']],
    [
      'talks between Gorbachev and the U.S government went on.',
      ['talks between Gorbachev and the U.S government went on.'],
    ],
    ['Reagan, [George H. W.] Bush and Romney ran.', ['Reagan, [George H. W.] Bush and Romney ran.']],
  ] as const,
  ([text, expected]) => assert.deepEqual(sentencesOf(text), expected),
);

table(
  'tokens',
  [
    ["North Korea's troops", ['North', 'Korea', "'s", 'troops']],
    ['Kim Jong-un', ['Kim', 'Jong-un']],
    ['around 15,000 troops', ['around', '15,000', 'troops']],
    ['$3.5 billion', ['$', '3.5', 'billion']],
    ['the U.S. and U.K.', ['the', 'U.S.', 'and', 'U.K.']],
    ['the U.S government', ['the', 'U.S', 'government']],
    ['in Q.E.D fashion.It', ['in', 'Q.E.D', 'fashion', '.', 'It']],
    ["the fallen troops' exploits", ['the', 'fallen', 'troops', "'", 'exploits']],
    ['Russia [...] They', ['Russia', '[...]', 'They']],
    ['said."The', ['said', '.', '"', 'The']],
    ['Russia-Ukraine war', ['Russia-Ukraine', 'war']],
    ['at 10:30 on 24/10', ['at', '10:30', 'on', '24/10']],
    ['a 32-year-old man', ['a', '32-year-old', 'man']],
    ["O'Brien didn't", ["O'Brien", "didn't"]],
    ['SEOUL -- North', ['SEOUL', '--', 'North']],
    ['emoji \u{1F600} here', ['emoji', '\u{1F600}', 'here']],
    // addresses in any case; words that merely start like one stay words
    [
      'See HTTP://Example.com/a, then WWW.bbc.co.uk.',
      ['See', 'HTTP://Example.com/a', ',', 'then', 'WWW.bbc.co.uk', '.'],
    ],
    ['who went home with Hwang', ['who', 'went', 'home', 'with', 'Hwang']],
    // Latin letters with diacritics are letters; the signs \u00d7 and \u00f7 among them are not
    [
      '\u0141\u00f3d\u017a and \u00c6r\u00f8sk\u00f8bing: 3\u00d74 \u00f7 2',
      ['\u0141\u00f3d\u017a', 'and', '\u00c6r\u00f8sk\u00f8bing', ':', '3', '\u00d7', '4', '\u00f7', '2'],
    ],
  ] as const,
  ([text, expected]) => assert.deepEqual(tokensOf(text), expected),
);

table(
  'tokens: case flags of accented words',
  [
    ['\u00c9COLE', TokenFlag.Capitalised | TokenFlag.AllCaps],
    ['\u00d6d\u00f6n', TokenFlag.Capitalised],
    ['\u00e9cole', 0],
  ] as const,
  ([word, flags]) => {
    const { tokens } = new TextLayer(word);
    assert.equal(tokens.count, 1, `${word} is one token`);
    assert.equal(
      tokens.flags(0) & (TokenFlag.Capitalised | TokenFlag.AllCaps),
      flags,
      `case flags of ${word}`,
    );
  },
);

const ASCII_LETTERS = TokenFlag.AsciiLetter | TokenFlag.AsciiLower;

table(
  'tokens: ASCII letter flags, as the recognizer reads a sentence in capitals (letters beyond ASCII not counted)',
  [
    ['Kim', ASCII_LETTERS],
    ['KCNA', TokenFlag.AsciiLetter],
    ['U.S.', TokenFlag.AsciiLetter],
    ['iPhone', ASCII_LETTERS],
    ['\u00c9COLE', TokenFlag.AsciiLetter],
    ['\u00c9t\u00e9', ASCII_LETTERS],
    ['\u00c9\u00c9', 0],
    ['1990', 0],
    ['4x4', ASCII_LETTERS],
    ['\u2014', 0],
    ['https://example.com/A', ASCII_LETTERS],
  ] as const,
  ([word, flags]) => {
    const { tokens } = new TextLayer(word);
    assert.equal(tokens.count, 1, `${word} is one token`);
    assert.equal(tokens.flags(0) & ASCII_LETTERS, flags, `ASCII letter flags of ${word}`);
  },
);

const RUN_FLAGS = TokenFlag.AsciiUpper | TokenFlag.AsciiRun;

table(
  'tokens: a capital, and a run of ASCII letters alone or digits alone, however the token was read',
  [
    ['kim', TokenFlag.AsciiRun],
    ['Kim', RUN_FLAGS],
    ['iPhone', RUN_FLAGS],
    ['1990', TokenFlag.AsciiRun],
    ['Mr.', TokenFlag.AsciiUpper],
    ['U.S.', TokenFlag.AsciiUpper],
    ['4x4', 0],
    ['A380', TokenFlag.AsciiUpper],
    ['two-year', 0],
    ["don't", 0],
    ['15,000', 0],
    ['\u00c9t\u00e9', 0],
    ['caf\u00e9', 0],
    ['Caf\u00e9', TokenFlag.AsciiUpper],
    ['\u2014', 0],
    ['www', TokenFlag.AsciiRun],
    ['https://example.com/A', TokenFlag.AsciiUpper],
  ] as const,
  ([word, flags]) => {
    const { tokens } = new TextLayer(`${word} `);
    assert.equal(tokens.count, 1, `${word} is one token`);
    assert.equal(tokens.flags(0) & RUN_FLAGS, flags, `capital and run flags of ${word}`);
  },
);

/** FNV-1a from the seeded basis, as the recognizer's word table hashes a word's string. */
function fnv(text: string): number {
  let h = (0x811c9dc5 ^ TOKEN_HASH_SEED) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

table(
  "tokens: each token's hash is its exact text's, whatever its kind",
  [
    'Mr. Kim met Dr. Lee in the U.S. on Oct. 24.',
    "Kim's \u201cSeoul\u201d rose 3.5% \u2014 see https://example.com/a [...] Jong-un\u2019s",
    '\ud835\udc00lpha \u00c9cole \u2026 --',
  ],
  (text) => {
    const { tokens } = new TextLayer(text);
    for (let i = 0; i < tokens.count; i++) {
      assert.equal(tokens.hash(i), fnv(tokens.text(i)), `hash of "${tokens.text(i)}"`);
    }
  },
);

test('tokens: words differing in case or by one character hash apart', () => {
  const { tokens } = new TextLayer('Kim kim KIM Kin');
  const hashes = new Set(Array.from({ length: tokens.count }, (_, i) => tokens.hash(i)));
  assert.equal(hashes.size, 4, 'four words, four hashes');
});

table(
  'tokens: lower case, with lower-case ASCII words given back as they are',
  [
    ['north', 'north'],
    ['KCNA', 'kcna'],
    ['Jong-un', 'jong-un'],
    ['\u00c9COLE', '\u00e9cole'],
    ['\u0130stanbul', 'i\u0307stanbul'],
    ['\u212a', 'k'],
    ['1,000', '1,000'],
  ] as const,
  ([word, lower]) => {
    const { tokens } = new TextLayer(word);
    assert.equal(tokens.count, 1, `${word} is one token`);
    assert.equal(tokens.lower(0), lower, `lower case of ${word}`);
  },
);

test('tokens: kinds and flags are packed per token', () => {
  const { tokens } = new TextLayer('Mr. KIM paid $5.\n\nThen "yes"');
  const at = (t: string) =>
    Array.from({ length: tokens.count }, (_, i) => i).find((i) => tokens.text(i) === t) as number;
  assert.ok(tokens.has(at('Mr.'), TokenFlag.Abbreviation));
  assert.ok(tokens.has(at('KIM'), TokenFlag.AllCaps));
  assert.equal(tokens.kind(at('5')), TokenKind.Number);
  assert.equal(tokens.kind(at('$')), TokenKind.Symbol);
  assert.ok(tokens.has(at('Then'), TokenFlag.ParagraphBefore));
  assert.equal(tokens.kind(at('yes') - 1), TokenKind.Quote);
});

test('sentences: the seed dispatch has exactly 14 sentences, glued joins split', () => {
  const raw = readFileSync(sharedPath('gold', '000_4e6a1e8230babff5.txt'), 'utf8');
  const body = raw.slice(raw.indexOf('North Korea has held'), raw.lastIndexOf('Yonhap'));
  const sentences = sentencesOf(body);
  assert.equal(sentences.length, 14, sentences.join('\n'));
  assert.equal(
    sentences[0],
    'North Korea has held a groundbreaking ceremony for a memorial museum in Pyongyang to honor its troops who died while fighting alongside Russia in the war with Ukraine, state media reported Friday.',
  );
  assert.ok(sentences[3]?.startsWith('"Just one year ago from today'));
  assert.ok(sentences[3]?.endsWith('Kim was quoted as saying by the KCNA.'));
  assert.ok(sentences[11]?.endsWith('"great heroes and patriots."'));
  assert.ok(sentences[13]?.endsWith('Kim noted.'));
});

test('paragraphs: blank lines split; hard-wrapped lines join; indented lines start a paragraph', () => {
  const wrapped =
    'The company said on Tuesday that its first quarter profits rose\n' +
    'sharply because of strong demand for its products in the United\n' +
    'States and Europe, analysts said.\n' +
    '    Shares rose five pct in early trading on the stock exchange in\n' +
    'New York, dealers said, and more gains were expected this week.\n';
  const layer = new TextLayer(wrapped);
  assert.equal(layer.sentences.length, 2);
  assert.equal(layer.paragraphs.length, 2);
  const lines = new TextLayer('Title line\nFirst paragraph here.\nSecond one here.');
  assert.deepEqual(
    lines.sentences.map((s) => s.paragraph),
    [0, 1, 2],
  );
});

test('sentenceAt finds the sentence around an offset', () => {
  const layer = new TextLayer('One. Two. Three.');
  assert.equal(layer.sentenceAt(0), 0);
  assert.equal(layer.sentenceAt(6), 1);
  assert.equal(layer.sentenceAt(4), -1);
});
