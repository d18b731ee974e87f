/**
 * TempEval-3's TIMEX3 extraction measures, as its official scorer defines them: a system time matches
 * a gold one when their spans overlap (relaxed) or are equal (strict), one to one; precision is over
 * the system's times, recall over the gold ones; the attribute F1 of `type` and `value` is the relaxed
 * F1 times the attribute's accuracy over the relaxed matches.
 */

export interface ScoredTimex {
  readonly start: number;
  readonly end: number;
  readonly text?: string;
  readonly type: string;
  readonly value: string;
}

export interface Counts {
  gold: number;
  system: number;
  strict: number;
  relaxed: number;
  type: number;
  value: number;
}

export interface Pair<G extends ScoredTimex, S extends ScoredTimex> {
  readonly gold: G;
  readonly system: S;
}

export interface DocumentScore<G extends ScoredTimex, S extends ScoredTimex> {
  readonly counts: Counts;
  readonly pairs: readonly Pair<G, S>[];
  readonly missed: readonly G[];
  readonly spurious: readonly S[];
}

export const emptyCounts = (): Counts => ({ gold: 0, system: 0, strict: 0, relaxed: 0, type: 0, value: 0 });

export function addCounts(into: Counts, c: Counts): Counts {
  into.gold += c.gold;
  into.system += c.system;
  into.strict += c.strict;
  into.relaxed += c.relaxed;
  into.type += c.type;
  into.value += c.value;
  return into;
}

const overlap = (a: ScoredTimex, b: ScoredTimex) => Math.min(a.end, b.end) - Math.max(a.start, b.start);

/** Aligns one document's system times to its gold times, one to one, exact spans first. */
export function scoreDocument<G extends ScoredTimex, S extends ScoredTimex>(
  gold: readonly G[],
  system: readonly S[],
): DocumentScore<G, S> {
  const candidates: { g: number; s: number; exact: boolean; size: number }[] = [];
  gold.forEach((g, gi) => {
    system.forEach((s, si) => {
      const size = overlap(g, s);
      if (size > 0) candidates.push({ g: gi, s: si, exact: g.start === s.start && g.end === s.end, size });
    });
  });
  candidates.sort((a, b) => Number(b.exact) - Number(a.exact) || b.size - a.size || a.g - b.g || a.s - b.s);
  const usedG = new Set<number>();
  const usedS = new Set<number>();
  const pairs: Pair<G, S>[] = [];
  const counts = emptyCounts();
  counts.gold = gold.length;
  counts.system = system.length;
  for (const c of candidates) {
    if (usedG.has(c.g) || usedS.has(c.s)) continue;
    usedG.add(c.g);
    usedS.add(c.s);
    const g = gold[c.g] as G;
    const s = system[c.s] as S;
    pairs.push({ gold: g, system: s });
    counts.relaxed++;
    if (c.exact) counts.strict++;
    if (g.type === s.type) counts.type++;
    if (g.value === s.value) counts.value++;
  }
  pairs.sort((a, b) => a.gold.start - b.gold.start);
  return {
    counts,
    pairs,
    missed: gold.filter((_, i) => !usedG.has(i)),
    spurious: system.filter((_, i) => !usedS.has(i)),
  };
}

export interface Measures {
  readonly strict: { p: number; r: number; f1: number };
  readonly relaxed: { p: number; r: number; f1: number };
  readonly valueF1: number;
  readonly typeF1: number;
  readonly valueAccuracy: number;
  readonly typeAccuracy: number;
}

const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

export function measures(c: Counts): Measures {
  const sp = ratio(c.strict, c.system);
  const sr = ratio(c.strict, c.gold);
  const rp = ratio(c.relaxed, c.system);
  const rr = ratio(c.relaxed, c.gold);
  const relaxedF1 = f1(rp, rr);
  const valueAccuracy = ratio(c.value, c.relaxed);
  const typeAccuracy = ratio(c.type, c.relaxed);
  return {
    strict: { p: sp, r: sr, f1: f1(sp, sr) },
    relaxed: { p: rp, r: rr, f1: relaxedF1 },
    valueF1: relaxedF1 * valueAccuracy,
    typeF1: relaxedF1 * typeAccuracy,
    valueAccuracy,
    typeAccuracy,
  };
}
