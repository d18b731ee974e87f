import { TokenFlag, type TokenStore } from './tokens.js';

/**
 * Marks the tokens that begin a paragraph. A blank line always does. A single line break does too,
 * unless the text is hard-wrapped (wire copy at ~70 columns), where only an indented line starts one.
 */
export function paragraphStarts(tokens: TokenStore, from = 0): Uint8Array {
  const starts = new Uint8Array(tokens.count);
  const wrapped = isHardWrapped(tokens.source);
  const src = tokens.source;
  for (let i = from; i < tokens.count; i++) {
    if (i === from || tokens.has(i, TokenFlag.ParagraphBefore)) {
      starts[i] = 1;
      continue;
    }
    if (!tokens.has(i, TokenFlag.NewlineBefore)) continue;
    if (!wrapped) {
      starts[i] = 1;
      continue;
    }
    const lineStart = src.lastIndexOf('\n', tokens.start(i)) + 1;
    if (tokens.start(i) - lineStart >= 2) starts[i] = 1;
  }
  return starts;
}

function isHardWrapped(source: string): boolean {
  const lines = source.split(/\r\n|\r|\n/);
  let candidates = 0;
  let wrappedLike = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    const line = (lines[i] as string).trimEnd();
    const next = (lines[i + 1] as string).trim();
    if (line.trim() === '' || next === '') continue;
    candidates++;
    if (line.length >= 40 && line.length <= 100) wrappedLike++;
    if (line.length > 120) return false;
  }
  return candidates >= 3 && wrappedLike / candidates >= 0.7;
}
