import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { onlyFunctionWords, phraseWords } from './function-words.js';
import { isMediaName } from './speakers.js';

table<[phrase: string, only: boolean]>(
  'a phrase of function words alone',
  [
    ['The', true],
    ['which', true],
    ['both of them', true],
    ['"it", (they)', true],
    ['-- to --', true],
    ['negative: no words at all', false],
    ['negative: the officials', false],
    ['negative: 12', false],
    ["negative: it's", false],
    ['negative: of the Élysée', false],
    ['negative: the Élysée', false],
    ['negative: ', false],
  ],
  ([row, only]) => {
    const phrase = row.replace(/^negative: /, '');
    assert.equal(onlyFunctionWords(phrase), only, `"${phrase}": ${only ? '' : 'not '}only function words`);
    // The ASCII reading in place must agree with the words `phraseWords` cuts.
    const words = phraseWords(phrase);
    const byWords = words.length > 0 && words.every((w) => onlyFunctionWords(w));
    assert.equal(
      onlyFunctionWords(phrase),
      byWords,
      `"${phrase}": as its words ${JSON.stringify(words)} read`,
    );
  },
);

table<[name: string, media: boolean]>(
  'a name of a medium',
  [
    ['Korean Central News Agency', true],
    ['the KCNA-run Daily', true],
    ['Télévision Radio', true],
    ['negative: the National Intelligence Service', false],
    ['negative: the spy agency', false],
    ['negative: Daily Security Digest', false],
    ['negative: Newsom', false],
    ['negative: Agencé', false],
  ],
  ([row, media]) => {
    const name = row.replace(/^negative: /, '');
    assert.equal(isMediaName(name), media, `"${name}": ${media ? '' : 'not '}a medium`);
  },
);
