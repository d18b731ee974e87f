/** The most entries a scratch array keeps for the next document (256 KB): a longer document's is its own. */
export const MAX_KEPT = 1 << 16;

/**
 * A working array by token, its memory reused from one document to the next. A typed array made afresh
 * costs a short document more than filling it does (its memory is allocated outside the heap and handed
 * to the collector to track), and a long one a page fault per 4 KB of it. Each use holds a scratch of its
 * own, so arrays in use at once never share memory.
 */
export class ScratchInts {
  private buffer = new Int32Array(0);

  /**
   * `length` entries, each `value`: a view of exactly that length, so that an index past it reads
   * undefined as a fresh array's would. Valid until the next `take`, which refills the same memory.
   */
  take(length: number, value = 0): Int32Array {
    if (length > this.buffer.length) {
      if (length > MAX_KEPT) return new Int32Array(length).fill(value);
      // Grown to twice its size at least, so that documents a little longer each time do not remake it.
      this.buffer = new Int32Array(Math.min(MAX_KEPT, Math.max(length, 2 * this.buffer.length)));
    }
    return this.buffer.subarray(0, length).fill(value);
  }
}
