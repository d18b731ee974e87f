import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { LexClass, lexClass, wordsOfClass } from './lexicon.js';

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
