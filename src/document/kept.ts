/*
 * Arrays for a document's data that its batch keeps until every stage is done. V8 decides, once for each
 * place in the code that writes `[]` or `new Array`, whether to allocate what it makes in the old space
 * from birth: it does when most of what the place made outlives a scavenge, as such arrays do. An array
 * allocated old keeps what is put in it through every scavenge until the next full collection, long after
 * its batch is done, so all of it is copied to the old space, whose size V8 then multiplies. Arrays made
 * by `Array.of` or by slicing another come from no such place.
 */

/** An empty array, to push a document's items on. */
export const keptArray = <T>(): T[] => Array.of<T>();

/** Up to this many slots are cut from `UNDEFINED`; a longer document's are joined from whole cuts. */
const MAX_CUT = 1 << 14;
/** Slots holding `undefined`, grown to the most asked up to MAX_CUT: copying them is the quickest fill. */
let UNDEFINED = Array.of<undefined>();

/**
 * `n` slots holding `undefined`, to fill by index: packed, not a sparse dictionary, and of the exact size
 * (`Array.from({ length: n })` reads each index of its argument, several times slower).
 */
export function keptSlots<T>(n: number): (T | undefined)[] {
  if (UNDEFINED.length < Math.min(n, MAX_CUT)) {
    const grown = UNDEFINED.slice();
    while (grown.length < Math.min(MAX_CUT, Math.max(n, 2 * grown.length))) grown.push(undefined);
    UNDEFINED = grown;
  }
  if (n <= MAX_CUT) return UNDEFINED.slice(0, n);
  // Copies of the whole cut, joined and cut back: a push per slot costs a long document's first stage
  // to ask for them a millisecond.
  const copies = new Array<undefined[]>(Math.ceil(n / MAX_CUT) - 1).fill(UNDEFINED);
  const slots: (T | undefined)[] = UNDEFINED.concat(...copies);
  slots.length = n;
  return slots;
}
