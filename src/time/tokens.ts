/**
 * The time grammar's tokens: runs of letters, runs of digits, and single other characters, found in
 * one pass over the text. Parsers match token sequences, so no regex ever rescans the text.
 * Tokens keep their offsets; `lower` is the lower-case form used for lexicon look-ups.
 */
export enum Kind {
  Word = 0,
  Number = 1,
  Punct = 2,
}

export interface Token {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly lower: string;
  readonly kind: Kind;
}

const isLetter = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isSpace = (c: number) =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  (c >= 0x2000 && c <= 0x200b) ||
  c === 0x202f ||
  c === 0x3000;

export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
      continue;
    }
    let j = i + 1;
    let kind: Kind;
    if (isLetter(c)) {
      while (j < n && isLetter(text.charCodeAt(j))) j++;
      kind = Kind.Word;
    } else if (isDigit(c)) {
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      kind = Kind.Number;
    } else {
      kind = Kind.Punct;
    }
    const t = text.slice(i, j);
    tokens.push({ start: i, end: j, text: t, lower: kind === Kind.Word ? t.toLowerCase() : t, kind });
    i = j;
  }
  return tokens;
}

/** True when token `i` follows token `i - 1` with no character between them. */
export function touches(tokens: readonly Token[], i: number): boolean {
  const a = tokens[i - 1];
  const b = tokens[i];
  return a !== undefined && b !== undefined && a.end === b.start;
}

export function isCapitalized(token: Token | undefined): boolean {
  if (!token || token.kind !== Kind.Word) return false;
  const c = token.text.charCodeAt(0);
  return c >= 65 && c <= 90;
}
