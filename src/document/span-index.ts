interface Bounds {
  readonly start: number;
  readonly end: number;
}

const bySpan = (a: Bounds, b: Bounds) => a.start - b.start || a.end - b.end;

/** Below this many items a comparison sort is as quick as the keyed one. */
const KEYED_SORT_MIN = 32;

/**
 * `items` ordered by start, then end, then their own order, as a stable sort by `bySpan` orders them,
 * without its cost on a long document: a layer is often in order already (one pass tells), and otherwise
 * the starts are sorted as numbers, each with its item's position in the low bits, which leaves only
 * runs of equal starts to order by end.
 */
export function inSpanOrder<T extends Bounds>(items: readonly T[]): T[] {
  const n = items.length;
  let sorted = true;
  let maxStart = 0;
  let whole = true;
  for (let i = 0; i < n; i++) {
    const item = items[i] as T;
    if (i > 0 && bySpan(items[i - 1] as T, item) > 0) sorted = false;
    maxStart = Math.max(maxStart, item.start);
    whole &&= Number.isInteger(item.start) && item.start >= 0;
  }
  if (sorted) return [...items];
  const scale = 2 ** Math.ceil(Math.log2(n));
  if (n < KEYED_SORT_MIN || !whole || maxStart * scale + n > Number.MAX_SAFE_INTEGER)
    return [...items].sort(bySpan);
  const keys = new Float64Array(n);
  for (let i = 0; i < n; i++) keys[i] = (items[i] as T).start * scale + i;
  keys.sort();
  const out = new Array<T>(n);
  for (let i = 0; i < n; i++) out[i] = items[(keys[i] as number) % scale] as T;
  // Equal starts are few and short (a name and a longer one from the same word): order them by end.
  for (let from = 0; from < n; ) {
    const start = (out[from] as T).start;
    let to = from + 1;
    while (to < n && (out[to] as T).start === start) to++;
    if (to - from > 1) {
      const run = out.slice(from, to).sort(bySpan);
      for (let k = from; k < to; k++) out[k] = run[k - from] as T;
    }
    from = to;
  }
  return out;
}

/**
 * The first place in `list`, from `from`, whose item passes `test`, which holds from some place on;
 * `list.length` when none does.
 */
export function firstWhere<T>(list: readonly T[], test: (item: T) => boolean, from = 0): number {
  let lo = from;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (test(list[mid] as T)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/** Index of the first of the first `count` ascending `starts` that is at least `offset` (`count` when none is). */
export function firstAtLeast(starts: ArrayLike<number>, offset: number, count = starts.length): number {
  let lo = 0;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((starts[mid] as number) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Spans sorted by start, with the running maximum of their ends, so the spans that overlap or contain
 * a range are found by binary search instead of a scan: stages ask this once per token or trigger, and
 * a scan would make long documents quadratic.
 */
export class SpanIndex<T extends Bounds> {
  private readonly items: readonly T[];
  // Bounds copied out of the items into flat arrays: searching a long document's spans then reads
  // memory in a row instead of one object after another. Plain arrays of their full length, not typed
  // ones: past a few items a typed array's memory is allocated outside the heap, which costs more than
  // filling it, and most indexes hold a few dozen items or fewer.
  private readonly starts: number[];
  private readonly ends: number[];
  private readonly maxEnd: number[];

  constructor(items: readonly T[]) {
    this.items = inSpanOrder(items);
    const n = this.items.length;
    this.starts = new Array<number>(n);
    this.ends = new Array<number>(n);
    this.maxEnd = new Array<number>(n);
    let max = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const item = this.items[i] as T;
      this.starts[i] = item.start;
      this.ends[i] = item.end;
      max = Math.max(max, item.end);
      this.maxEnd[i] = max;
    }
  }

  private firstStartingAt(offset: number): number {
    return firstAtLeast(this.starts, offset);
  }

  /** Items that share at least one position with `[start, end)`, in start order. */
  overlapping(start: number, end: number): T[] {
    const found: T[] = [];
    for (let i = this.firstStartingAt(end) - 1; i >= 0 && (this.maxEnd[i] as number) > start; i--)
      if ((this.ends[i] as number) > start && (this.starts[i] as number) < end)
        found.push(this.items[i] as T);
    return found.reverse();
  }

  someOverlapping(start: number, end: number, test: (item: T) => boolean = () => true): boolean {
    for (let i = this.firstStartingAt(end) - 1; i >= 0 && (this.maxEnd[i] as number) > start; i--) {
      if ((this.ends[i] as number) > start && (this.starts[i] as number) < end && test(this.items[i] as T))
        return true;
    }
    return false;
  }

  /** Items that hold all of `[start, end)`, in start order. */
  containing(start: number, end: number): T[] {
    const found: T[] = [];
    for (let i = this.firstStartingAt(start + 1) - 1; i >= 0 && (this.maxEnd[i] as number) >= end; i--)
      if ((this.starts[i] as number) <= start && end <= (this.ends[i] as number))
        found.push(this.items[i] as T);
    return found.reverse();
  }

  /** Items that end exactly at `end`. */
  endingAt(end: number): T[] {
    return this.overlapping(end - 1, end).filter((item) => item.end === end);
  }
}
