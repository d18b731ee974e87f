/** `c` lower-cased if it is an ASCII capital, as a regex's `i` flag folds markup names. */
export const asciiLower = (c: number) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

/** Whether `text` holds `lower` (lower case ASCII) at `at`, ignoring ASCII case. */
export function startsWithIgnoreCase(text: string, lower: string, at: number): boolean {
  if (at < 0 || at + lower.length > text.length) return false;
  for (let j = 0; j < lower.length; j++) {
    if (asciiLower(text.charCodeAt(at + j)) !== lower.charCodeAt(j)) return false;
  }
  return true;
}

/**
 * The first offset from `from` where `text` holds `lower` ignoring ASCII case, or -1. A needle that starts
 * with a character without case (markup's `<`) is found by hopping from one such character to the next.
 * Linear in the text for a needle of fixed length.
 */
export function indexOfIgnoreCase(text: string, lower: string, from = 0): number {
  const first = lower.charAt(0);
  if (first === '') return from;
  if (first.toUpperCase() === first) {
    for (let i = text.indexOf(first, from); i >= 0; i = text.indexOf(first, i + 1)) {
      if (startsWithIgnoreCase(text, lower, i)) return i;
    }
    return -1;
  }
  for (let i = from; i + lower.length <= text.length; i++) if (startsWithIgnoreCase(text, lower, i)) return i;
  return -1;
}
