import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { CaselessWords } from '../text/word-shapes.js';
import { LexClass, lexClass, lexClassOf, wordsOfClass } from './lexicon.js';

table(
  'lexicon: word classes, the earlier class winning for words in two lists',
  [
    ['mr.', LexClass.Title],
    ['corp', LexClass.OrgWord],
    ['airport', LexClass.FacWord],
    ['river', LexClass.LocWord],
    ['may', LexClass.Month],
    ['friday', LexClass.Weekday],
    ['the', LexClass.Function],
    ['said', LexClass.Speech],
    // A title and a region word: the title wins; a title and a street abbreviation: the title wins.
    ['state', LexClass.Title],
    ['st.', LexClass.Title],
    // Negative: unknown and capitalised words have no class (callers pass lower case).
    ['zebra', LexClass.None],
    ['Said', LexClass.None],
  ] as const,
  ([word, c]) => assert.equal(lexClass(word), c, `class of "${word}"`),
);

table(
  "lexicon: a class's words, without those an earlier class took",
  [
    ['river', LexClass.LocWord, true],
    ['corp', LexClass.OrgWord, true],
    // Negative: "state" is a title before a region word; "corp" is no place word.
    ['state', LexClass.LocWord, false],
    ['corp', LexClass.LocWord, false],
  ] as const,
  ([word, c, has]) =>
    assert.equal(wordsOfClass(c).includes(word), has, `"${word}" among the words of class ${c}`),
);

table(
  'lexicon: the class of a word in any case, as of the word lower-cased',
  [
    ['Airport', LexClass.FacWord],
    ['AIRPORT', LexClass.FacWord],
    ['Mr.', LexClass.Title],
    ['The', LexClass.Function],
    ['SAID', LexClass.Speech],
    // The Kelvin sign lower-cases to "k": a word outside ASCII is not passed on its shape.
    ['\u212Aing', LexClass.Title],
    // Negative: words of no class, and no word at all.
    ['Zebra', LexClass.None],
    ['Airports', LexClass.None],
    ['', LexClass.None],
  ] as const,
  ([word, expected]) => {
    assert.equal(lexClassOf(word), expected, `lexClassOf(${JSON.stringify(word)})`);
    assert.equal(
      lexClassOf(word),
      lexClass(word.toLowerCase()),
      `as lexClass of ${JSON.stringify(word)} lower-cased`,
    );
  },
);

table(
  'lexicon: words asked of in any case',
  [
    ['Treaty', true],
    ['TREATY', true],
    ['treaty', true],
    ['\u212Aing', true],
    // Negative: other words, a longer word, no word.
    ['Treaties', false],
    ['Queen', false],
    ['', false],
  ] as const,
  ([word, expected]) =>
    assert.equal(new CaselessWords(new Set(['treaty', 'king'])).has(word), expected, JSON.stringify(word)),
);
