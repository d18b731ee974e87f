/**
 * The time grammar's tokens: runs of letters, runs of digits, and single other characters, found in
 * one pass over the text (or taken from the text layer's tokens). Parsers match token sequences, so no
 * regex ever rescans the text. Tokens keep their offsets; `lower` is the lower-case form used for
 * lexicon look-ups.
 */
import { TokenFlag, type TokenStore } from '../text/tokens.js';

export enum Kind {
  Word = 0,
  Number = 1,
  Punct = 2,
}

/** A token of the text. Its `text` and `lower` are cut from the source the first time they are read. */
export class Token {
  private cachedText: string | undefined = undefined;
  private cachedLower: string | undefined = undefined;

  constructor(
    private readonly source: string,
    readonly start: number,
    readonly end: number,
    readonly kind: Kind,
    /** The text is its own lower case. */
    private readonly plain: boolean,
  ) {}

  get text(): string {
    if (this.cachedText === undefined) this.cachedText = this.source.slice(this.start, this.end);
    return this.cachedText;
  }

  get lower(): string {
    if (this.plain) return this.text;
    if (this.cachedLower === undefined) this.cachedLower = this.text.toLowerCase();
    return this.cachedLower;
  }
}

/** Length (capped at 31) and first and last ASCII character codes in 19 bits. */
export const shapeOf = (length: number, first: number, last: number): number =>
  (Math.min(length, 31) << 14) | (first << 7) | last;

/** The shape of a lower-case key, or -1 when it is not ASCII at both ends. */
export const keyShape = (key: string): number =>
  key.charCodeAt(0) > 127 || key.charCodeAt(key.length - 1) > 127
    ? -1
    : shapeOf(key.length, key.charCodeAt(0), key.charCodeAt(key.length - 1));

/**
 * A bit per shape of a word list: a token whose shape has no bit is none of the words. Marks past ASCII
 * ("’", "—") have no shape: they have a bit by their code.
 */
export class ShapeSet {
  private readonly bits = new Uint32Array(1 << 14);
  private readonly marks = new Uint32Array(1 << 11);
  /** Other words not ASCII at both ends set no bit: callers let other tokens of no shape through. */
  constructor(words: Iterable<string>) {
    for (const word of words) {
      const shape = keyShape(word);
      if (shape >= 0) this.bits[shape >> 5] = (this.bits[shape >> 5] as number) | (1 << (shape & 31));
      else if (word.length === 1) {
        const code = word.charCodeAt(0);
        this.marks[code >> 5] = (this.marks[code >> 5] as number) | (1 << (code & 31));
      }
    }
  }
  has(shape: number): boolean {
    return ((this.bits[shape >> 5] as number) & (1 << (shape & 31))) !== 0;
  }
  /** Whether the mark of code `code` (past ASCII) is one of the words. */
  hasMark(code: number): boolean {
    return ((this.marks[code >> 5] as number) & (1 << (code & 31))) !== 0;
  }
}

/**
 * Values by lower-case word, looked up by token without cutting the token's text: the token's shape
 * finds the few keys of its length and first and last characters, and its characters are compared with
 * them in place. Tokens of no shape (not all ASCII) are looked up by their lower case.
 */
export class WordTable<T> {
  private readonly all: ReadonlyMap<string, T>;
  /**
   * The keys of one character by its code: a mark past ASCII ("’", "—") is a token of no shape, one code
   * unit that is its own lower case, and is looked up by its code rather than by cutting its text.
   */
  private readonly marks = new Map<number, T>();
  /** Open addressing by shape: the shape in a slot (-1: empty), and where its keys are in `words`. */
  private readonly shapes: Int32Array;
  private readonly firsts: Int32Array;
  private readonly ends: Int32Array;
  /** The keys of a shape next to each other, and their values. */
  private readonly words: string[] = [];
  private readonly values: T[] = [];
  private readonly shift: number;

  constructor(entries: Iterable<readonly [string, T]>) {
    this.all = new Map(entries);
    const byShape = new Map<number, string[]>();
    for (const [key, value] of this.all) {
      if (key.length === 1) this.marks.set(key.charCodeAt(0), value);
      const shape = keyShape(key);
      if (shape < 0) continue;
      const list = byShape.get(shape) ?? [];
      list.push(key);
      byShape.set(shape, list);
    }
    // at most a quarter full, so that a word of no key mostly meets an empty slot at once
    let bits = 4;
    while (1 << bits < byShape.size * 4) bits++;
    this.shift = 32 - bits;
    this.shapes = new Int32Array(1 << bits).fill(-1);
    this.firsts = new Int32Array(1 << bits);
    this.ends = new Int32Array(1 << bits);
    for (const [shape, keys] of byShape) {
      let slot = this.slotOf(shape);
      while (this.shapes[slot] !== -1) slot = (slot + 1) & (this.shapes.length - 1);
      this.shapes[slot] = shape;
      this.firsts[slot] = this.words.length;
      for (const key of keys) {
        this.words.push(key);
        this.values.push(this.all.get(key) as T);
      }
      this.ends[slot] = this.words.length;
    }
  }

  private slotOf(shape: number): number {
    return Math.imul(shape, 0x9e3779b1) >>> this.shift;
  }

  /** Every key. */
  keys(): IterableIterator<string> {
    return this.all.keys();
  }

  /** The value of `key`. */
  key(key: string): T | undefined {
    return this.all.get(key);
  }

  /** The value of token `i`'s lower case, if it is a key. */
  get(tokens: Tokens, i: number): T | undefined {
    const shape = tokens.shape(i);
    if (shape < 0) {
      if (tokens.kind(i) === Kind.Punct) return this.marks.get(tokens.code(i));
      const t = tokens.at(i);
      return t && this.all.get(t.lower);
    }
    const mask = this.shapes.length - 1;
    let slot = this.slotOf(shape);
    for (;;) {
      const s = this.shapes[slot] as number;
      if (s === shape) break;
      if (s === -1) return undefined;
      slot = (slot + 1) & mask;
    }
    for (let k = this.firsts[slot] as number, end = this.ends[slot] as number; k < end; k++)
      if (tokens.isLower(i, this.words[k] as string)) return this.values[k];
    return undefined;
  }

  has(tokens: Tokens, i: number): boolean {
    return this.get(tokens, i) !== undefined;
  }
}

/** A `WordTable` of words alone. */
export const wordSet = (words: Iterable<string>): WordTable<true> =>
  new WordTable(Array.from(words, (w) => [w, true] as const));

const asciiLower = (c: number): number => (c >= 65 && c <= 90 ? c + 32 : c);

/** Packed per token in `codes`: the kind in 2 bits, then PLAIN and ASCII, then the shape (-1: none). */
const PLAIN = 4;
const ASCII = 8;
const SHAPE_SHIFT = 4;
/** How many tokens `Tokens.at` keeps made (a power of two). */
const MADE = 64;

/**
 * The tokens of one text as offsets and packed codes; a `Token` object is made only for the tokens a
 * parser or refiner looks at closely, which are a few around each time expression.
 */
export class Tokens {
  /**
   * The tokens last made, by index modulo their number: parsers and refiners look at a few tokens around
   * each expression, many times each, and keep none of them.
   */
  private readonly made: (Token | undefined)[] = new Array<Token | undefined>(MADE).fill(undefined);

  constructor(
    private readonly source: string,
    private readonly starts: Int32Array,
    private readonly ends: Int32Array,
    private readonly codes: Int32Array,
    readonly length: number,
  ) {}

  at(i: number): Token | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const start = this.starts[i] as number;
    const t = this.made[i & (MADE - 1)];
    if (t !== undefined && t.start === start) return t;
    const code = this.codes[i] as number;
    const made = new Token(this.source, start, this.ends[i] as number, code & 3, (code & PLAIN) !== 0);
    this.made[i & (MADE - 1)] = made;
    return made;
  }

  /**
   * The first token from `i` on that is a number, a word of no shape, or has one of `shapes` or is one of
   * its marks (`length` when none is): the tokens that may start an expression whose first words
   * `shapes` holds. Most marks past ASCII in news are quote marks and dashes, and some texts are all of
   * them (a script other than Latin).
   */
  nextStart(i: number, shapes: ShapeSet): number {
    const codes = this.codes;
    for (let k = i; k < this.length; k++) {
      const code = codes[k] as number;
      if ((code & 3) === Kind.Number) return k;
      if (
        code >= 0
          ? shapes.has(code >> SHAPE_SHIFT)
          : (code & 3) !== Kind.Punct || shapes.hasMark(this.code(k))
      )
        return k;
    }
    return this.length;
  }

  /** The kind of token `i`, or -1 outside the text. */
  kind(i: number): Kind | -1 {
    return i >= 0 && i < this.length ? (this.codes[i] as number) & 3 : -1;
  }

  start(i: number): number {
    return this.starts[i] as number;
  }

  end(i: number): number {
    return this.ends[i] as number;
  }

  /** The number of characters of token `i`, 0 outside the text: the digits of a number. */
  width(i: number): number {
    return i >= 0 && i < this.length ? (this.ends[i] as number) - (this.starts[i] as number) : 0;
  }

  /** The last character code of token `i` (which must be in the text). */
  lastCode(i: number): number {
    return this.source.charCodeAt((this.ends[i] as number) - 1);
  }

  /** The first character code of token `i`, or -1 outside the text. */
  code(i: number): number {
    return i >= 0 && i < this.length ? this.source.charCodeAt(this.starts[i] as number) : -1;
  }

  /** Whether token `i` is a word with an ASCII capital first (read in place: no token is made). */
  capitalized(i: number): boolean {
    if (this.kind(i) !== Kind.Word) return false;
    const c = this.source.charCodeAt(this.starts[i] as number);
    return c >= 65 && c <= 90;
  }

  /**
   * `lower`'s length and first and last characters packed by `shapeOf`; -1 when it is not all ASCII, and
   * outside the text.
   */
  shape(i: number): number {
    return i >= 0 && i < this.length ? (this.codes[i] as number) >> SHAPE_SHIFT : -1;
  }

  /**
   * Whether token `i` in lower case is `word` (lower-case ASCII). A character past ASCII is compared as it
   * is: none of the tokenizer's letters lower-cases to an ASCII letter alone.
   */
  isLower(i: number, word: string): boolean {
    const start = this.starts[i] as number;
    if ((this.ends[i] as number) - start !== word.length) return false;
    for (let k = 0; k < word.length; k++)
      if (asciiLower(this.source.charCodeAt(start + k)) !== word.charCodeAt(k)) return false;
    return true;
  }
}

const isLetter = (c: number) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
const isSpace = (c: number) =>
  c === 32 ||
  (c >= 9 && c <= 13) ||
  c === 0xa0 ||
  (c >= 0x2000 && c <= 0x200b) ||
  c === 0x202f ||
  c === 0x3000;

/** Character classes by code unit, looked up rather than tested: the tokenizer asks of every character. */
const OTHER = 0;
const SPACE = 1;
const LOWER = 2;
const UPPER = 3;
/** Latin letters past ASCII: "é", "ł". */
const ACCENTED = 4;
const DIGIT = 5;
const CLASS = new Uint8Array(0x10000);
for (let c = 0; c < CLASS.length; c++) {
  CLASS[c] = isSpace(c)
    ? SPACE
    : c >= 97 && c <= 122
      ? LOWER
      : c >= 65 && c <= 90
        ? UPPER
        : isLetter(c)
          ? ACCENTED
          : c >= 48 && c <= 57
            ? DIGIT
            : OTHER;
}

/**
 * Token offsets and codes being filled. The three arrays are views of one buffer: each buffer costs an
 * allocation outside the heap and a sweep after it, and every text makes one (unless it is lent one).
 */
export class Columns {
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly codes: Int32Array;
  constructor(readonly capacity: number) {
    const buffer = new ArrayBuffer(capacity * 12);
    this.starts = new Int32Array(buffer, 0, capacity);
    this.ends = new Int32Array(buffer, capacity * 4, capacity);
    this.codes = new Int32Array(buffer, capacity * 8, capacity);
  }
  /** The same columns in twice the room. */
  grown(): Columns {
    const b = new Columns(this.capacity * 2);
    b.starts.set(this.starts);
    b.ends.set(this.ends);
    b.codes.set(this.codes);
    return b;
  }
}

/** Tokens up to this many leave their columns to the next text: a longer text's are let go. */
const ROOM_BOUND = 1 << 15;

/**
 * Columns that one text's tokens leave to the next text's (see `tokensOf`): a caller that tags texts one
 * after another and keeps no tokens past a text spares a buffer outside the heap per text.
 */
export class TokenRoom {
  columns: Columns | undefined = undefined;
}

/** Tokens of one text being made, from its characters or taken from the text layer's tokens. */
class Builder {
  private columns: Columns;
  private count = 0;

  constructor(
    private readonly text: string,
    capacity: number,
    lent: Columns | undefined,
  ) {
    this.columns = lent && lent.capacity >= capacity ? lent : new Columns(capacity);
  }

  /** Leaves the columns to `room` for the next text's tokens, unless they are past its bound. */
  leave(room: TokenRoom): void {
    if (this.columns.capacity <= ROOM_BOUND) room.columns = this.columns;
  }

  /**
   * Takes the tokens of `store` (see `tokensOf`): most as they are, their code from the store's flags and
   * their first and last characters; the others, and the gaps that are not one " ", from their characters.
   */
  take(store: TokenStore): void {
    const text = this.text;
    let { starts, ends, codes } = this.columns;
    let count = this.count;
    let from = 0; // the text before it has its tokens
    for (let t = 0; t < store.count; t++) {
      const start = store.start(t);
      const end = store.end(t);
      if (start > from && !(start === from + 1 && text.charCodeAt(from) === 32)) {
        this.count = count;
        this.scan(from, start);
        count = this.count;
        ({ starts, ends, codes } = this.columns);
      }
      from = end;
      const flags = store.flags(t);
      const first = text.charCodeAt(start);
      let code: number;
      if ((flags & TokenFlag.AsciiRun) !== 0) {
        const last = text.charCodeAt(end - 1);
        code =
          (flags & TokenFlag.AsciiLetter) !== 0
            ? (shapeOf(end - start, first | 32, last | 32) << SHAPE_SHIFT) |
              ((flags & TokenFlag.AsciiUpper) !== 0 ? 0 : PLAIN) |
              ASCII |
              Kind.Word
            : (shapeOf(end - start, first, last) << SHAPE_SHIFT) | PLAIN | ASCII | Kind.Number;
      } else if (end === start + 1 && first < 128)
        code = (shapeOf(1, first, first) << SHAPE_SHIFT) | PLAIN | ASCII | Kind.Punct;
      else {
        this.count = count;
        this.scan(start, end);
        count = this.count;
        ({ starts, ends, codes } = this.columns);
        continue;
      }
      if (count === this.columns.capacity) {
        this.columns = this.columns.grown();
        ({ starts, ends, codes } = this.columns);
      }
      starts[count] = start;
      ends[count] = end;
      codes[count] = code;
      count++;
    }
    this.count = count;
    this.scan(from, text.length);
  }

  /** Tokenizes the characters from `from` to `to`, which must not cut a token of the whole text. */
  scan(from: number, to: number): void {
    const text = this.text;
    let { starts, ends, codes } = this.columns;
    let count = this.count;
    let i = from;
    while (i < to) {
      const c = text.charCodeAt(i);
      const cls = CLASS[c] as number;
      if (cls === SPACE) {
        i++;
        continue;
      }
      let j = i + 1;
      let code: number;
      if (cls >= LOWER && cls <= ACCENTED) {
        let form = cls === LOWER ? PLAIN | ASCII : cls === UPPER ? ASCII : 0;
        for (; j < to; j++) {
          const d = CLASS[text.charCodeAt(j)] as number;
          if (d === LOWER) continue;
          if (d === UPPER) form &= ~PLAIN;
          else if (d === ACCENTED) form = 0;
          else break;
        }
        // `| 32` lower-cases an ASCII letter
        const shape = form & ASCII ? shapeOf(j - i, c | 32, text.charCodeAt(j - 1) | 32) : -1;
        code = (shape << SHAPE_SHIFT) | form | Kind.Word;
      } else if (cls === DIGIT) {
        while (j < to && CLASS[text.charCodeAt(j)] === DIGIT) j++;
        code = (shapeOf(j - i, c, text.charCodeAt(j - 1)) << SHAPE_SHIFT) | PLAIN | ASCII | Kind.Number;
      } else {
        code =
          c > 127
            ? (-1 << SHAPE_SHIFT) | PLAIN | Kind.Punct
            : (shapeOf(1, c, c) << SHAPE_SHIFT) | PLAIN | ASCII | Kind.Punct;
      }
      if (count === this.columns.capacity) {
        this.columns = this.columns.grown();
        ({ starts, ends, codes } = this.columns);
      }
      starts[count] = i;
      ends[count] = j;
      codes[count] = code;
      count++;
      // most tokens have a space after them: skipped here rather than by a turn of the loop
      i = j < to && text.charCodeAt(j) === 32 ? j + 1 : j;
    }
    this.count = count;
  }

  tokens(): Tokens {
    const { starts, ends, codes } = this.columns;
    return new Tokens(this.text, starts, ends, codes, this.count);
  }
}

export function tokenize(text: string): Tokens {
  // a token takes at least one character and all but the last one a space after it: most texts need a
  // quarter of their length, and the arrays double when one needs more
  const b = new Builder(text, (text.length >> 2) + 16, undefined);
  b.scan(0, text.length);
  return b.tokens();
}

/**
 * The tokens `tokenize` makes of the text of `store` (the text layer's tokens), most taken from the store
 * as they are: no text-layer token ends inside a run of letters or of digits, so a token of ASCII letters
 * alone or digits alone, or of one ASCII mark, is one token here too. Other tokens, and the spaces between
 * tokens other than one " ", are tokenized from their characters.
 */
export function tokensOf(store: TokenStore, room?: TokenRoom): Tokens {
  const b = new Builder(store.source, store.count + (store.count >> 3) + 16, room?.columns);
  b.take(store);
  if (room) b.leave(room);
  return b.tokens();
}

/** True when token `i` follows token `i - 1` with no character between them. */
export function touches(tokens: Tokens, i: number): boolean {
  return i > 0 && i < tokens.length && tokens.end(i - 1) === tokens.start(i);
}
