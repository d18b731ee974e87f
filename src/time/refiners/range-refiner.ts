/**
 * Marks the ends of ranges: "since October last year" begins a range, "until May" ends one,
 * "from March to June" and "between 1990 and 1995" give both ends.
 */
import { isPunct } from '../grammar.js';
import type { Proposal, RefineContext, Refiner } from '../result.js';

const BEGIN = new Set(['since', 'from', 'starting', 'beginning']);
const END = new Set(['until', 'till', 'through', 'to', 'by', 'before']);

export const rangeRefiner: Refiner = {
  name: 'range-refiner',
  refine(c: RefineContext, proposals: readonly Proposal[]): readonly Proposal[] {
    return proposals.map((p, k) => {
      if (p.spec.kind === 'fixed' && (p.spec.type === 'DURATION' || p.spec.type === 'SET')) return p;
      const prev = c.tokens.at(p.first - 1)?.lower ?? '';
      const next = proposals[k + 1];
      const joiner = next && next.first === p.last + 1 ? (c.tokens.at(p.last)?.lower ?? '') : '';
      const isPair =
        joiner === 'to' ||
        joiner === 'until' ||
        joiner === 'through' ||
        joiner === 'and' ||
        isPunct(c, p.last, '-');
      if ((prev === 'from' || prev === 'between') && next && isPair)
        return { ...p, range: { role: 'begin', other: k + 1 } };
      const before = proposals[k - 1];
      if (
        before &&
        before.last === p.first - 1 &&
        (prev === 'to' || prev === 'until' || prev === 'through' || prev === 'and' || prev === '-')
      ) {
        const opener = c.tokens.at(before.first - 1)?.lower ?? '';
        if (opener === 'from' || opener === 'between') return { ...p, range: { role: 'end', other: k - 1 } };
      }
      if (BEGIN.has(prev)) return { ...p, range: { role: 'begin' } };
      if (END.has(prev) && prev !== 'to' && prev !== 'by' && prev !== 'before')
        return { ...p, range: { role: 'end' } };
      return p;
    });
  },
};
