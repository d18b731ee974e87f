/**
 * Span-level precision, recall and F1 per type, as conlleval computes them: a predicted span counts
 * only when its bounds and type both equal a gold span's.
 */
export interface TypedSpan {
  readonly start: number;
  readonly end: number;
  readonly type: string;
}

export interface Score {
  tp: number;
  fp: number;
  fn: number;
}

export const precision = (s: Score) => (s.tp + s.fp === 0 ? 0 : s.tp / (s.tp + s.fp));
export const recall = (s: Score) => (s.tp + s.fn === 0 ? 0 : s.tp / (s.tp + s.fn));
export const f1 = (s: Score) => {
  const p = precision(s);
  const r = recall(s);
  return p + r === 0 ? 0 : (2 * p * r) / (p + r);
};

/** Spans of an IOB2 (or IOB1) tag sequence: an I- after O or another type opens a span too. */
export function iobSpans(tags: readonly string[]): TypedSpan[] {
  const spans: TypedSpan[] = [];
  let open: { start: number; type: string } | undefined;
  const close = (end: number) => {
    if (open) spans.push({ start: open.start, end, type: open.type });
    open = undefined;
  };
  tags.forEach((tag, i) => {
    const type = tag === 'O' ? '' : tag.slice(2);
    if (tag === 'O') close(i);
    else if (tag.startsWith('B-') || !open || open.type !== type) {
      close(i);
      open = { start: i, type };
    }
  });
  close(tags.length);
  return spans;
}

/** Adds one document's (or sentence's) spans to the per-type tallies in `scores`. */
export function scoreSpans(
  gold: readonly TypedSpan[],
  predicted: readonly TypedSpan[],
  scores: Map<string, Score>,
): void {
  const key = (s: TypedSpan) => `${s.start}:${s.end}:${s.type}`;
  const goldKeys = new Set(gold.map(key));
  const predKeys = new Set(predicted.map(key));
  const tally = (type: string) => {
    let s = scores.get(type);
    if (!s) {
      s = { tp: 0, fp: 0, fn: 0 };
      scores.set(type, s);
    }
    return s;
  };
  for (const p of predicted) {
    if (goldKeys.has(key(p))) tally(p.type).tp++;
    else tally(p.type).fp++;
  }
  for (const g of gold) if (!predKeys.has(key(g))) tally(g.type).fn++;
}

/** All types summed. */
export function overall(scores: Map<string, Score>, types?: readonly string[]): Score {
  const total: Score = { tp: 0, fp: 0, fn: 0 };
  for (const [type, s] of scores) {
    if (types && !types.includes(type)) continue;
    total.tp += s.tp;
    total.fp += s.fp;
    total.fn += s.fn;
  }
  return total;
}

/** conlleval's table: one line per type and an overall line. */
export function formatScores(title: string, scores: Map<string, Score>, types?: readonly string[]): string {
  const pct = (x: number) => (100 * x).toFixed(2).padStart(6);
  const line = (name: string, s: Score) =>
    `  ${name.padEnd(8)} precision ${pct(precision(s))}  recall ${pct(recall(s))}  F1 ${pct(f1(s))}  (gold ${s.tp + s.fn}, found ${s.tp + s.fp})`;
  const names = [...scores.keys()].filter((t) => !types || types.includes(t)).sort();
  return [
    title,
    line('overall', overall(scores, types)),
    ...names.map((t) => line(t, scores.get(t) as Score)),
  ].join('\n');
}
