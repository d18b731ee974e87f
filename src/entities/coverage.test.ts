import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import type { EntityType, MentionKind } from '../document/analysis.js';
import { Coverage, mergeByFirst } from './resolve-entities.js';

const draft = (first: number, end: number) => ({
  first,
  end,
  kind: 'name' as MentionKind,
  type: 'PERSON' as EntityType,
  rule: 'test',
  confidence: 1,
  aliasOf: undefined,
  cluster: undefined,
});

/** What the resolver kept before: a Map from token to the last draft over it. */
function byMap(drafts: readonly ReturnType<typeof draft>[]) {
  const covered = new Map<number, ReturnType<typeof draft>>();
  for (const d of drafts) for (let i = d.first; i < d.end; i++) covered.set(i, d);
  return covered;
}

const a = draft(0, 2);
const b = draft(1, 3);
const c = draft(5, 6);
const coverage = new Coverage([a, b, c], 8);
table(
  'coverage of tokens by drafts',
  [
    ['token 0: only a', coverage.get(0), a],
    ['token 1: a and b overlap, the later draft wins', coverage.get(1), b],
    ['token 3: between drafts', coverage.get(3), undefined],
    ['token 5: c', coverage.get(5), c],
    ['token 8: past the last token', coverage.get(8), undefined],
    ['token -1: before the first', coverage.get(-1), undefined],
  ] as const,
  ([, got, want]) => assert.equal(got, want),
);

test('coverage answers as a Map by token would, for any drafts', () => {
  const span = fc.tuple(fc.nat(30), fc.nat(4)).map(([first, length]) => draft(first, first + length));
  fc.assert(
    fc.property(fc.array(span, { maxLength: 20 }), (drafts) => {
      const want = byMap(drafts);
      const got = new Coverage(drafts, 40);
      for (let i = -1; i <= 40; i++) {
        assert.equal(got.get(i), want.get(i), `token ${i}: a different draft`);
        assert.equal(got.has(i), want.has(i), `token ${i}: covered or not`);
      }
    }),
    { numRuns: 300 },
  );
});

test('a coverage made after another, over its memory, answers as a fresh one would', () => {
  const span = fc.tuple(fc.nat(60), fc.nat(4)).map(([first, length]) => draft(first, first + length));
  fc.assert(
    fc.property(fc.array(span, { maxLength: 20 }), fc.array(span, { maxLength: 20 }), (before, all) => {
      const drafts = all.filter((d) => d.end <= 40);
      const want = byMap(drafts);
      // The earlier one over more tokens: none of its drafts may show, past the later one's end either.
      new Coverage(before, 64);
      const got = new Coverage(drafts, 40);
      for (let i = -1; i <= 64; i++) {
        assert.equal(got.get(i), want.get(i), `token ${i}: a draft of the earlier coverage or a wrong one`);
        assert.equal(got.has(i), want.has(i), `token ${i}: covered or not`);
      }
    }),
    { numRuns: 300 },
  );
});

test('drafts merged by first token stand where a stable sort of both lists one after the other puts them', () => {
  const span = fc.tuple(fc.nat(30), fc.nat(4)).map(([first, length]) => draft(first, first + length));
  const sorted = fc.array(span, { maxLength: 20 }).map((list) => list.sort((x, y) => x.first - y.first));
  fc.assert(
    fc.property(sorted, sorted, (drafts, added) => {
      const want = [...drafts, ...added].sort((x, y) => x.first - y.first);
      const got = drafts.slice();
      mergeByFirst(got, added);
      assert.equal(got.length, want.length, 'as many drafts as both lists hold');
      for (const [k, d] of got.entries())
        assert.equal(d, want[k], `draft ${k}: another draft, or the same ones out of order`);
    }),
    { numRuns: 300 },
  );
});
