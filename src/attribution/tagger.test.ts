import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { stem } from './features.js';
import { allowed, TAG_COUNT, TAGS, viterbi } from './tagger.js';

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

/**
 * Viterbi as written plainly, with back pointers: each tag's best predecessor kept at each token, the
 * first of equal ones. The decoder reads the path back without them and must give the same tags.
 */
function plainViterbi(emissions: Float64Array, n: number, start: number[], transitions: number[]): number[] {
  const T = TAG_COUNT;
  const score: number[][] = [];
  const back: number[][] = [];
  score.push(
    Array.from({ length: T }, (_, t) =>
      allowed(0, t) ? (start[t] as number) + (emissions[t] as number) : Number.NEGATIVE_INFINITY,
    ),
  );
  for (let k = 1; k < n; k++) {
    const previous = score[k - 1] as number[];
    const row: number[] = [];
    const from: number[] = [];
    for (let t = 0; t < T; t++) {
      let best = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let p = 0; p < T; p++) {
        if (!allowed(p, t)) continue;
        const s = (previous[p] as number) + (transitions[p * T + t] as number);
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      row.push(best + (emissions[k * T + t] as number));
      from.push(arg);
    }
    score.push(row);
    back.push(from);
  }
  const last = score[n - 1] as number[];
  const tags = [last.indexOf(Math.max(...last))];
  for (let k = n - 1; k > 0; k--) tags.unshift((back[k - 1] as number[])[tags[0] as number] as number);
  return tags;
}

// Small integer scores, so that equal sums (ties) are common; sequences up to 40 tokens, of any length
// up to that (`size: 'max'`), so that paths run through inside tags.
const score = fc.integer({ min: 0, max: 2 });

test('the decoder gives the tags of a plain Viterbi with back pointers, ties included', () => {
  fc.assert(
    fc.property(
      fc.array(score, { minLength: TAG_COUNT, maxLength: 40 * TAG_COUNT, size: 'max' }),
      fc.array(score, { minLength: TAG_COUNT, maxLength: TAG_COUNT }),
      fc.array(score, { minLength: TAG_COUNT * TAG_COUNT, maxLength: TAG_COUNT * TAG_COUNT }),
      (scores, start, transitions) => {
        const n = Math.floor(scores.length / TAG_COUNT);
        const emissions = Float64Array.from(scores.slice(0, n * TAG_COUNT));
        const tags = Array.from(viterbi(emissions, n, start, transitions));
        assert.deepEqual(
          tags,
          plainViterbi(emissions, n, start, transitions),
          `emissions ${scores.join(' ')}`,
        );
      },
    ),
    { numRuns: 500 },
  );
});

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
