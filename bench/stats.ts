/** Median, min and max of several runs: what the report quotes for a noisy machine. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

export function spread(values: readonly number[]): Spread {
  if (values.length === 0) return { median: Number.NaN, min: Number.NaN, max: Number.NaN };
  return { median: median(values), min: Math.min(...values), max: Math.max(...values) };
}

/** Rates per second from run times in milliseconds: the fastest run gives the max rate. */
export function rates(amount: number, runMs: readonly number[]): Spread {
  return spread(runMs.map((ms) => (ms > 0 ? (amount * 1000) / ms : Number.POSITIVE_INFINITY)));
}

/**
 * The largest prefix of the corpus one run can cover in `budgetMs`, judged from the warm-up, and never
 * under 20 documents: slow contenders are measured on fewer articles (the corpus is shuffled, so any
 * prefix is a mixed sample) rather than holding the benchmark up for many minutes.
 */
export function documentsWithin(
  budgetMs: number,
  warmupMs: number,
  warmupDocs: number,
  total: number,
): number {
  if (warmupDocs === 0 || warmupMs <= 0) return total;
  const fit = Math.floor(budgetMs / (warmupMs / warmupDocs));
  return Math.min(total, Math.max(Math.min(20, total), fit));
}
