import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { HORIZON, type Mark, type Marks, SalienceWindow } from './salience-window.js';

/** Each person's marks, as the window takes them: by mark number, person after person. */
function byNumber(marks: readonly (readonly Mark[])[]): Marks {
  const flat = marks.flatMap((list, person) => list.map((m) => ({ ...m, person })));
  return {
    persons: marks.length,
    person: flat.map((m) => m.person),
    at: flat.map((m) => m.at),
    sentence: flat.map((m) => m.sentence),
    weight: flat.map((m) => m.weight),
  };
}

/** The plain computation the window must match to the bit: every mark of the person, rescanned. */
function plainScore(marks: readonly Mark[], at: number, sentence: number): number | undefined {
  let score = 0;
  let seen = false;
  for (const m of marks) {
    if (m.at >= at || sentence - m.sentence >= HORIZON) continue;
    score += 0.7 ** (sentence - m.sentence) * m.weight;
    seen = true;
  }
  return seen ? score : undefined;
}

const mark = (at: number, sentence: number, weight = 1): Mark => ({ at, sentence, weight });

table(
  'SalienceWindow at one token',
  [
    {
      name: 'a mention in the same sentence, one two sentences back',
      marks: [[mark(5, 2)], [mark(1, 0, 1.5)]],
      at: 6,
      sentence: 2,
      expected: [
        [0, 1],
        [1, 1.5 * 0.7 ** 2],
      ],
    },
    {
      name: 'a mention at the pronoun itself or after it does not count',
      marks: [[mark(6, 2)], [mark(9, 3), mark(2, 0)]],
      at: 6,
      sentence: 2,
      expected: [[1, 0.7 ** 2]],
    },
    {
      name: 'a person with no mention yet is no candidate, and keeps its number',
      marks: [[], [mark(1, 0)]],
      at: 6,
      sentence: 0,
      expected: [[1, 1]],
    },
    {
      name: 'a mention beyond the horizon does not count',
      marks: [[mark(0, 0)], [mark(3, 1)]],
      at: 500,
      sentence: HORIZON,
      expected: [[1, 0.7 ** (HORIZON - 1)]],
    },
  ],
  ({ marks, at, sentence, expected }) => {
    const window = new SalienceWindow(byNumber(marks));
    const got = window.candidates(at, sentence).map((k) => [k, window.score(k)]);
    assert.deepEqual(got, expected, `candidates and scores at token ${at} of sentence ${sentence}`);
  },
  (row) => row.name,
);

test('SalienceWindow: the same candidates and scores, to the bit, as rescanning every mark', () => {
  const input = fc
    .record({
      breaks: fc.array(fc.boolean(), { minLength: 1, maxLength: 300, size: 'max' }),
      persons: fc.array(
        fc.array(fc.record({ at: fc.nat(299), heavy: fc.boolean() }), { minLength: 4, maxLength: 40 }),
        {
          minLength: 1,
          maxLength: 6,
        },
      ),
      pronouns: fc.array(fc.record({ at: fc.nat(299), person: fc.nat(7), heavy: fc.boolean() }), {
        maxLength: 60,
      }),
    })
    .map(({ breaks, persons, pronouns }) => {
      const sentenceOf: number[] = [];
      for (const [i, b] of breaks.entries()) sentenceOf.push((sentenceOf[i - 1] ?? 0) + (b ? 1 : 0));
      const n = breaks.length;
      const toMark = (at: number, heavy: boolean) =>
        mark(at % n, sentenceOf[at % n] as number, heavy ? 1.5 : 1);
      const seen = new Set<number>();
      const sweep = pronouns
        .map((p) => ({ ...p, at: p.at % n }))
        .filter((p) => !seen.has(p.at) && seen.add(p.at))
        .sort((a, b) => a.at - b.at);
      return { sentenceOf, marks: persons.map((list) => list.map((m) => toMark(m.at, m.heavy))), sweep };
    });
  fc.assert(
    fc.property(input, ({ sentenceOf, marks, sweep }) => {
      const window = new SalienceWindow(byNumber(marks));
      const plain = marks.map((list) => [...list]);
      for (const p of sweep) {
        const sentence = sentenceOf[p.at] as number;
        const expected = plain.flatMap((list, k) => {
          const score = plainScore(list, p.at, sentence);
          return score === undefined ? [] : [[k, score]];
        });
        const got = window.candidates(p.at, sentence).map((k) => [k, window.score(k)]);
        assert.deepEqual(got, expected, `candidates and scores at token ${p.at}`);
        // Only persons in the document are resolved to, as the sweep in resolve-entities does.
        if (p.person >= marks.length) continue;
        const found = mark(p.at, sentence, p.heavy ? 1.5 : 1);
        window.add(p.person, found);
        plain[p.person]?.push(found);
      }
    }),
    { numRuns: 300 },
  );
});
