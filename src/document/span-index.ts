interface Bounds {
  readonly start: number;
  readonly end: number;
}

/**
 * Spans sorted by start, with the running maximum of their ends, so the spans that overlap or contain
 * a range are found by binary search instead of a scan: stages ask this once per token or trigger, and
 * a scan would make long documents quadratic.
 */
export class SpanIndex<T extends Bounds> {
  private readonly items: readonly T[];
  private readonly maxEnd: Float64Array;

  constructor(items: readonly T[]) {
    this.items = [...items].sort((a, b) => a.start - b.start || a.end - b.end);
    this.maxEnd = new Float64Array(this.items.length);
    let max = Number.NEGATIVE_INFINITY;
    this.items.forEach((item, i) => {
      max = Math.max(max, item.end);
      this.maxEnd[i] = max;
    });
  }

  /** Index of the first item whose start is at least `offset`. */
  private firstStartingAt(offset: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((this.items[mid] as T).start < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Items that share at least one position with `[start, end)`, in start order. */
  overlapping(start: number, end: number): T[] {
    const found: T[] = [];
    for (let i = this.firstStartingAt(end) - 1; i >= 0 && (this.maxEnd[i] as number) > start; i--) {
      const item = this.items[i] as T;
      if (item.end > start && item.start < end) found.push(item);
    }
    return found.reverse();
  }

  someOverlapping(start: number, end: number, test: (item: T) => boolean = () => true): boolean {
    for (let i = this.firstStartingAt(end) - 1; i >= 0 && (this.maxEnd[i] as number) > start; i--) {
      const item = this.items[i] as T;
      if (item.end > start && item.start < end && test(item)) return true;
    }
    return false;
  }

  /** Items that hold all of `[start, end)`, in start order. */
  containing(start: number, end: number): T[] {
    const found: T[] = [];
    for (let i = this.firstStartingAt(start + 1) - 1; i >= 0 && (this.maxEnd[i] as number) >= end; i--) {
      const item = this.items[i] as T;
      if (item.start <= start && end <= item.end) found.push(item);
    }
    return found.reverse();
  }

  /** Items that end exactly at `end`. */
  endingAt(end: number): T[] {
    return this.overlapping(end - 1, end).filter((item) => item.end === end);
  }
}
