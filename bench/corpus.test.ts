import assert from 'node:assert/strict';
import { table } from '../test/table.js';
import { countWords, decodeSgmlEntities, drawEvenly, reutersStories, seededRandom } from './corpus.js';

const pools = new Map<string, readonly string[]>([
  ['b', ['b1', 'b2', 'b3', 'b4', 'b5', 'b6']],
  ['a', ['a1', 'a2', 'a3', 'a4', 'a5', 'a6']],
  ['small', ['s1']],
]);
const sameOrderReversed = new Map([...pools].reverse());
const count = (drawn: readonly string[], prefix: string) => drawn.filter((d) => d.startsWith(prefix)).length;

table(
  'drawEvenly',
  [
    {
      name: 'the same seed draws the same articles in the same order',
      check: () => assert.deepEqual(drawEvenly(pools, 7, 42), drawEvenly(pools, 7, 42)),
    },
    {
      name: 'the draw does not depend on the order the pools were listed in',
      check: () => assert.deepEqual(drawEvenly(sameOrderReversed, 7, 42), drawEvenly(pools, 7, 42)),
    },
    {
      name: 'another seed draws another sample',
      check: () => assert.notDeepEqual(drawEvenly(pools, 7, 42), drawEvenly(pools, 7, 43)),
    },
    {
      name: 'sources share the draw evenly; a small pool runs out and the others fill in',
      check: () => {
        const drawn = drawEvenly(pools, 7, 42);
        assert.equal(drawn.length, 7);
        assert.equal(new Set(drawn).size, 7, `an article was drawn twice: ${drawn}`);
        assert.deepEqual([count(drawn, 'a'), count(drawn, 'b'), count(drawn, 's')], [3, 3, 1], `${drawn}`);
      },
    },
    {
      name: 'asking for more than there is gives everything once',
      check: () => assert.equal(drawEvenly(pools, 100, 1).length, 13),
    },
  ],
  (row) => row.check(),
  (row) => row.name,
);

table(
  'seededRandom',
  [
    [1, 2],
    [20250101, 7],
  ] as const,
  ([a, b]) => {
    const first = Array.from({ length: 5 }, seededRandom(a));
    assert.deepEqual(first, Array.from({ length: 5 }, seededRandom(a)), 'not repeatable');
    assert.notDeepEqual(first, Array.from({ length: 5 }, seededRandom(b)), 'seeds give the same numbers');
    assert.ok(
      first.every((x) => x >= 0 && x < 1),
      `out of [0, 1): ${first}`,
    );
  },
);

table(
  'decodeSgmlEntities',
  [
    ['&lt;Apple Computer Inc&gt;', '<Apple Computer Inc>'],
    ['AT&amp;T said', 'AT&T said'],
    ['caf&#233;', 'café'],
    ['end of text&#3;', 'end of text'],
    ['&#5;&#22;&#1;kept&#9;tab', 'kept\ttab'],
    ['an unknown &foo; stays', 'an unknown &foo; stays'],
    ['a bare & stays', 'a bare & stays'],
  ] as const,
  ([raw, text]) => assert.equal(decodeSgmlEntities(raw), text),
);

const record = (body: string, date = '26-FEB-1987 15:01:01.79', id = '7') =>
  `<REUTERS TOPICS="YES" NEWID="${id}">\n<DATE>${date}</DATE>\n<TEXT>&#2;\n<TITLE>T</TITLE>` +
  `<DATELINE>    SALVADOR, Feb 26 - </DATELINE>${body}</TEXT>\n</REUTERS>\n`;

table(
  'reutersStories',
  [
    {
      name: 'body text with entities decoded and the date as ISO',
      sgml: record('<BODY>Showers continued &lt;in&gt; Bahia.\n Reuter\n&#3;</BODY>'),
      expected: [{ text: 'Showers continued <in> Bahia.\n Reuter', newId: '7', published: '1987-02-26' }],
    },
    {
      name: 'the literal paragraph mark &\\t of this copy becomes a tab',
      sgml: record('<BODY>First.\n&\\tSecond paragraph.</BODY>', '3-MAR-1987 09:00:00.00', '12'),
      expected: [{ text: 'First.\n\tSecond paragraph.', newId: '12', published: '1987-03-03' }],
    },
    {
      name: 'a record without a body (a flash) is skipped; the next one is read',
      sgml: record('') + record('<BODY>Second story.</BODY>', 'garbled', '9'),
      expected: [{ text: 'Second story.', newId: '9' }],
    },
    {
      name: 'an empty body is skipped',
      sgml: record('<BODY>&#3;</BODY>'),
      expected: [],
    },
  ],
  (row) => assert.deepEqual(reutersStories(row.sgml), row.expected),
  (row) => row.name,
);

table(
  'countWords',
  [
    ['', 0],
    ['U.S. stocks rose 1.5%', 6],
    ['Zürich’s café — naïve', 4],
  ] as const,
  ([text, words]) => assert.equal(countWords(text), words, `words of "${text}"`),
);
