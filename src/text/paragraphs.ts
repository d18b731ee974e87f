import { isBlankRange, isSpaceCode } from '../document/span.js';
import { TokenFlag, type TokenStore } from './tokens.js';

/**
 * Marks the tokens that begin a paragraph. A blank line always does. A single line break does too,
 * unless the text is hard-wrapped (wire copy at ~70 columns), where only an indented line starts one.
 */
export function paragraphStarts(tokens: TokenStore, from = 0): Uint8Array {
  const starts = new Uint8Array(tokens.count);
  const wrapped = isHardWrapped(tokens.source);
  const src = tokens.source;
  if (from < tokens.count) starts[from] = 1;
  // Only a token after a line break can start a paragraph past the first.
  for (const i of tokens.lineStarts) {
    if (i <= from) continue;
    if (tokens.has(i, TokenFlag.ParagraphBefore) || !wrapped) {
      starts[i] = 1;
      continue;
    }
    const lineStart = src.lastIndexOf('\n', tokens.start(i)) + 1;
    if (tokens.start(i) - lineStart >= 2) starts[i] = 1;
  }
  return starts;
}

/** Wire copy hard-wrapped at ~70 columns: most lines followed by another are 40-100 characters long. */
function isHardWrapped(source: string): boolean {
  // Lines are walked in place rather than split out: the text layer is built for every document.
  let candidates = 0;
  let wrappedLike = 0;
  let lineStart = -1; // the line before the current one, as [lineStart, lineEnd)
  let lineEnd = -1;
  let newline = -1; // the next "\n" and "\r" at or after `start`, or the text's length
  let carriageReturn = -1;
  for (let start = 0; ; ) {
    if (newline < start) newline = nextAt(source, '\n', start);
    if (carriageReturn < start) carriageReturn = nextAt(source, '\r', start);
    const end = Math.min(newline, carriageReturn);
    if (lineStart >= 0) {
      let trimmedEnd = lineEnd;
      while (trimmedEnd > lineStart && isSpaceCode(source.charCodeAt(trimmedEnd - 1))) trimmedEnd--;
      if (trimmedEnd > lineStart && !isBlankRange(source, start, end)) {
        const length = trimmedEnd - lineStart;
        candidates++;
        if (length >= 40 && length <= 100) wrappedLike++;
        if (length > 120) return false;
      }
    }
    lineStart = start;
    lineEnd = end;
    if (end >= source.length) break;
    start = end + (source.charCodeAt(end) === 13 && source.charCodeAt(end + 1) === 10 ? 2 : 1);
  }
  return candidates >= 3 && wrappedLike / candidates >= 0.7;
}

/** Where `mark` next occurs from `from` on, or the text's length. */
function nextAt(source: string, mark: string, from: number): number {
  const at = source.indexOf(mark, from);
  return at < 0 ? source.length : at;
}
