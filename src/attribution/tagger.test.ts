import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { stem } from './features.js';
import { TAG_COUNT, TAGS, viterbi } from './tagger.js';

/** Emissions where each token strongly prefers one tag, by name. */
function emissions(preferred: readonly string[]): Float64Array {
  const scores = new Float64Array(preferred.length * TAG_COUNT);
  preferred.forEach((tag, k) => {
    scores[k * TAG_COUNT + TAGS.indexOf(tag as (typeof TAGS)[number])] = 10;
  });
  return scores;
}

const NO_TRANSITIONS = new Array<number>(TAG_COUNT * TAG_COUNT).fill(0);
const NO_START = new Array<number>(TAG_COUNT).fill(0);

/** Preferred tag per token, and the tags decoded. */
table<[title: string, preferred: string[], expected: string[]]>(
  'Viterbi keeps spans well formed',
  [
    [
      'the preferred tags when they are well formed',
      ['O', 'B-cue', 'I-cue', 'O'],
      ['O', 'B-cue', 'I-cue', 'O'],
    ],
    ['a source then a cue', ['B-source', 'I-source', 'B-cue'], ['B-source', 'I-source', 'B-cue']],
    ['negative: no inside tag after outside', ['O', 'I-cue', 'O'], ['O', 'O', 'O']],
    ['negative: no inside tag of another part', ['B-source', 'I-cue', 'O'], ['B-source', 'O', 'O']],
    ['negative: no inside tag first', ['I-content', 'O'], ['O', 'O']],
  ],
  ([title, preferred, expected]) => {
    const tags = viterbi(emissions(preferred), preferred.length, NO_START, NO_TRANSITIONS);
    assert.deepEqual(
      Array.from(tags, (t) => TAGS[t]),
      expected,
      `${title}: decoded from preferences ${preferred.join(' ')}`,
    );
  },
);

/** The stem the model was trained with: its features depend on it staying the same. */
table<[word: string, expected: string]>(
  'stems shared by the forms of a verb',
  [
    ['insisted', 'insist'],
    ['insists', 'insist'],
    ['insisting', 'insist'],
    ['promises', 'promis'],
    ['things', 'thing'],
    ['says', 'says'],
    ['added', 'added'],
    ['according', 'accord'],
    ['president', 'president'],
  ],
  ([word, expected]) => assert.equal(stem(word), expected, `stem of "${word}"`),
);
