/**
 * `list` sorted in place by `key`, stably: by insertion for the few dozen items of most lists, as the
 * array's own sort first copies them to a work array of its own; else by that sort.
 */
export function sortStably<T>(list: T[], key: (x: T) => number): T[] {
  if (list.length > 64) return list.sort((a, b) => key(a) - key(b));
  for (let k = 1; k < list.length; k++) {
    const x = list[k] as T;
    const at = key(x);
    let j = k;
    for (; j > 0 && key(list[j - 1] as T) > at; j--) list[j] = list[j - 1] as T;
    list[j] = x;
  }
  return list;
}
