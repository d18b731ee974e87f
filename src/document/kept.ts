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

/** Up to this many slots are cut from `UNDEFINED`; a longer document's are pushed one by one. */
const MAX_CUT = 1 << 14;
/** Slots holding `undefined`, grown to the most asked up to MAX_CUT: copying them is the quickest fill. */
let UNDEFINED = Array.of<undefined>();

/**
 * `n` slots holding `undefined`, to fill by index: packed, not a sparse dictionary, and of the exact size
 * (`Array.from({ length: n })` reads each index of its argument, several times slower).
 */
export function keptSlots<T>(n: number): (T | undefined)[] {
  if (n > MAX_CUT) {
    const slots = Array.of<T | undefined>();
    for (let i = 0; i < n; i++) slots.push(undefined);
    return slots;
  }
  if (UNDEFINED.length < n) {
    const grown = UNDEFINED.slice();
    while (grown.length < Math.min(MAX_CUT, Math.max(n, 2 * grown.length))) grown.push(undefined);
    UNDEFINED = grown;
  }
  return UNDEFINED.slice(0, n);
}
