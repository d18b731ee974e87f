/** Keys of the last long list sorted, grown as needed: a typed array's store costs more to make than to sort. */
let keys = new Float64Array(0);

/**
 * `list` sorted in place by `key`, stably: by insertion for the few dozen items of most lists, as the
 * array's own sort first copies them to a work array of its own. A longer list whose keys are whole
 * numbers, as positions are, is sorted as numbers (key, then place in the low bits) by the typed array's
 * own sort, which calls no comparison: a long document's thousands of mentions cost a comparison call per
 * step otherwise. Any other list by the array's sort.
 */
export function sortStably<T>(list: T[], key: (x: T) => number): T[] {
  const n = list.length;
  if (n <= 64) {
    for (let k = 1; k < n; k++) {
      const x = list[k] as T;
      const at = key(x);
      let j = k;
      for (; j > 0 && key(list[j - 1] as T) > at; j--) list[j] = list[j - 1] as T;
      list[j] = x;
    }
    return list;
  }
  if (keys.length < n) keys = new Float64Array(Math.max(n, 2 * keys.length));
  let most = 0;
  for (let k = 0; k < n; k++) {
    const at = key(list[k] as T);
    if (!(Number.isInteger(at) && at >= 0)) return list.sort((a, b) => key(a) - key(b));
    keys[k] = at;
    most = Math.max(most, at);
  }
  // A power of two, so the place comes back exactly by subtraction.
  const scale = 2 ** Math.ceil(Math.log2(n));
  if (most * scale + n > Number.MAX_SAFE_INTEGER) return list.sort((a, b) => key(a) - key(b));
  for (let k = 0; k < n; k++) keys[k] = (keys[k] as number) * scale + k;
  const sorted = keys.subarray(0, n).sort();
  const before = list.slice();
  for (let k = 0; k < n; k++) {
    const at = sorted[k] as number;
    list[k] = before[at - Math.floor(at / scale) * scale] as T;
  }
  return list;
}
