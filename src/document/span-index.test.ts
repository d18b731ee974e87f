import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { inSpanOrder, SpanIndex } from './span-index.js';

const spans = [
  { start: 0, end: 10, id: 'a' },
  { start: 2, end: 4, id: 'b' },
  { start: 5, end: 30, id: 'c' },
  { start: 12, end: 14, id: 'd' },
  { start: 20, end: 22, id: 'e' },
];
const index = new SpanIndex(spans);
const ids = (items: { id: string }[]) => items.map((s) => s.id).join(',');

table(
  'span index queries',
  [
    ['overlapping [3, 6)', ids(index.overlapping(3, 6)), 'a,b,c'],
    ['overlapping [10, 12) touches nothing but c', ids(index.overlapping(10, 12)), 'c'],
    ['overlapping [30, 40) is past every span', ids(index.overlapping(30, 40)), ''],
    ['containing [12, 13)', ids(index.containing(12, 13)), 'c,d'],
    ['containing [3, 4)', ids(index.containing(3, 4)), 'a,b'],
    ['containing [9, 11): a ends inside it', ids(index.containing(9, 11)), 'c'],
    ['ending at 14', ids(index.endingAt(14)), 'd'],
  ] as const,
  ([, got, want]) => assert.equal(got, want),
);

test('span index answers as a scan would, for any spans and ranges', () => {
  const span = fc.tuple(fc.nat(60), fc.nat(20)).map(([start, length]) => ({ start, end: start + length }));
  fc.assert(
    fc.property(fc.array(span, { maxLength: 30 }), span, (items, q) => {
      const idx = new SpanIndex(items);
      const key = (s: { start: number; end: number }) => `${s.start}-${s.end}`;
      const sortKeys = (list: { start: number; end: number }[]) => list.map(key).sort();
      assert.deepEqual(
        sortKeys(idx.overlapping(q.start, q.end)),
        sortKeys(items.filter((s) => s.end > q.start && s.start < q.end)),
      );
      assert.deepEqual(
        sortKeys(idx.containing(q.start, q.end)),
        sortKeys(items.filter((s) => s.start <= q.start && q.end <= s.end)),
      );
    }),
    { numRuns: 500 },
  );
});

test('spans come in the order a stable sort by start, then end, gives them, whatever their number', () => {
  // Few distinct starts force runs of equal starts; long lists take the keyed sort, short ones the other.
  const span = fc
    .tuple(fc.nat(40), fc.nat(6), fc.nat(1000))
    .map(([start, length, id]) => ({ start, end: start + length, id }));
  fc.assert(
    fc.property(fc.array(span, { maxLength: 300, size: 'max' }), fc.boolean(), (items, presorted) => {
      const input = presorted ? [...items].sort((a, b) => a.start - b.start || a.end - b.end) : items;
      const want = [...input].sort((a, b) => a.start - b.start || a.end - b.end);
      const got = inSpanOrder(input);
      assert.equal(got.length, want.length, 'every span kept once');
      for (const [k, item] of got.entries())
        assert.equal(item, want[k], `position ${k}: a different span (or a tie out of order)`);
    }),
    { numRuns: 300 },
  );
});

table(
  'span order in a list long enough for the keyed sort',
  [
    [
      'reversed starts',
      Array.from({ length: 100 }, (_, k) => ({ start: 99 - k, end: 100 - k, id: `${99 - k}` })),
    ],
    [
      'equal starts, ends descending',
      Array.from({ length: 100 }, (_, k) => ({ start: k % 3, end: 200 - k, id: `${k}` })),
    ],
  ] as const,
  ([, items]) => {
    const got = inSpanOrder(items).map((s) => s.id);
    const want = [...items].sort((a, b) => a.start - b.start || a.end - b.end).map((s) => s.id);
    assert.deepEqual(got, want, 'the keyed sort orders as the comparison sort does');
  },
);
