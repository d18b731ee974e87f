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

/**
 * A token of the text. Its `text` and `lower` are cut from the source the first time they are read:
 * most tokens are only ever looked at through their `shape`.
 */
export class Token {
  private cachedText: string | undefined = undefined;
  private cachedLower: string | undefined = undefined;

  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
    readonly kind: Kind,
    /** `PLAIN` set: the text is its own lower case; `ASCII` set: all of it is ASCII. */
    private readonly form: number,
    /**
     * `lower`'s length and first and last characters packed by `shapeOf`, or -1 when the token is not all
     * ASCII: a key for rejecting tokens without cutting their text.
     */
    readonly shape: number,
  ) {}

  get text(): string {
    if (this.cachedText === undefined) this.cachedText = this.source.slice(this.start, this.end);
    return this.cachedText;
  }

  get lower(): string {
    if (this.form & PLAIN) return this.text;
    if (this.cachedLower === undefined) this.cachedLower = this.text.toLowerCase();
    return this.cachedLower;
  }
}

/** Length (capped at 31) and first and last ASCII character codes in 19 bits. */
export const shapeOf = (length: number, first: number, last: number): number =>
  (Math.min(length, 31) << 14) | (first << 7) | last;

const asciiLower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

const PLAIN = 1;
const ASCII = 2;

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
    let form = PLAIN | ASCII;
    if (isLetter(c)) {
      if (c <= 90) form = ASCII;
      else if (c >= 0xc0) form = 0;
      for (; j < n; j++) {
        const d = text.charCodeAt(j);
        if (d >= 97 && d <= 122) continue;
        if (!isLetter(d)) break;
        if (d <= 90) form &= ~PLAIN;
        else form = 0;
      }
      kind = Kind.Word;
    } else if (isDigit(c)) {
      while (j < n && isDigit(text.charCodeAt(j))) j++;
      kind = Kind.Number;
    } else {
      kind = Kind.Punct;
      if (c > 127) form = PLAIN;
    }
    const shape = form & ASCII ? shapeOf(j - i, asciiLower(c), asciiLower(text.charCodeAt(j - 1))) : -1;
    tokens.push(new Token(text, i, j, kind, form, shape));
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
