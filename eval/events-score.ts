/** Set-based precision, recall and F1, as the events evaluation counts them. */
export interface Counts {
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
}

export interface Prf {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

/** True positives are keys in both sets; the rest of each side are false positives or negatives. */
export function scoreSets<T>(gold: ReadonlySet<T>, system: ReadonlySet<T>): Counts {
  let tp = 0;
  for (const k of system) if (gold.has(k)) tp++;
  return { tp, fp: system.size - tp, fn: gold.size - tp };
}

/** Empty on both sides counts as perfect; empty on one side as zero. */
export function f1(c: Counts): Prf {
  const precision = c.tp + c.fp === 0 ? (c.fn === 0 ? 1 : 0) : c.tp / (c.tp + c.fp);
  const recall = c.tp + c.fn === 0 ? (c.fp === 0 ? 1 : 0) : c.tp / (c.tp + c.fn);
  const f = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1: f };
}
