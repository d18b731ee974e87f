import type { TokenStore } from './tokens.js';

/** 0-25 for an ASCII letter of either case, 26 for any other ASCII code unit or none (past the end). */
function slot(code: number): number {
  const k = (code | 0x20) - 0x61;
  return k >= 0 && k < 26 ? k : 26;
}

/** A word's length as one bit of a 32-bit set, all lengths past 31 sharing the last: the filters' tables hold these. */
export const lengthBit = (length: number) => 1 << Math.min(length, 31);
const NONE = 0x20; // stands for a missing letter: its slot is 26, as for any non-letter

/**
 * A filter before looking a token up in a word list: the lengths the list's words have for each first
 * two, each last two, and each third and fourth letters. Stages ask of nearly every token whether it is
 * one of a few hundred words, and most are not; this tells most of those apart from a few characters of
 * the source, without making or hashing the token's lower-cased string. It is never wrong about a token
 * whose lower-cased form is in the list: `mayHoldToken` is false only for tokens outside it.
 */
export class WordShapes {
  private readonly heads = new Uint32Array(27 * 27);
  private readonly tails = new Uint32Array(27 * 27);
  private readonly middles = new Uint32Array(27 * 27);

  /** `words`: lower case, as the text layer's `lower` gives them. */
  constructor(words: Iterable<string>) {
    for (const w of words) {
      const n = w.length;
      const head = slot(w.charCodeAt(0)) * 27 + slot(n > 1 ? w.charCodeAt(1) : NONE);
      const tail = slot(n > 1 ? w.charCodeAt(n - 2) : NONE) * 27 + slot(w.charCodeAt(n - 1));
      const middle = slot(n > 2 ? w.charCodeAt(2) : NONE) * 27 + slot(n > 3 ? w.charCodeAt(3) : NONE);
      this.heads[head] = (this.heads[head] as number) | lengthBit(n);
      this.tails[tail] = (this.tails[tail] as number) | lengthBit(n);
      this.middles[middle] = (this.middles[middle] as number) | lengthBit(n);
      // Lower-casing keeps a token's length and each ASCII character's place, save for "İ", which
      // becomes "i" and a combining dot (U+0307): a list word holding that dot could be missed.
      // Then every table holds every length, and the filter lets every token through.
      if (w.includes('\u0307')) {
        for (const table of [this.heads, this.tails, this.middles]) table.fill(0xffffffff);
        break;
      }
    }
  }

  /** False when the lower-cased token `i` is surely not in the list; true when it may be. */
  mayHoldToken(tokens: TokenStore, i: number): boolean {
    return this.mayHoldText(tokens.source, tokens.start(i), tokens.end(i));
  }

  /** False when `source` from `start` to `end` (not empty), lower-cased, is surely not in the list. */
  mayHoldText(source: string, start: number, end: number): boolean {
    const n = end - start;
    const bit = lengthBit(n);
    // Each table is asked as soon as its two characters are read: most tokens fail the first. A character
    // outside ASCII may lower-case to a letter ("K" as the Kelvin sign), so a pair holding one is not asked.
    const a = source.charCodeAt(start);
    const b = n > 1 ? source.charCodeAt(start + 1) : NONE;
    if ((a | b) < 0x80 && ((this.heads[slot(a) * 27 + slot(b)] as number) & bit) === 0) return false;
    const c = n > 1 ? source.charCodeAt(end - 2) : NONE;
    const d = source.charCodeAt(end - 1);
    if ((c | d) < 0x80 && ((this.tails[slot(c) * 27 + slot(d)] as number) & bit) === 0) return false;
    const e = n > 2 ? source.charCodeAt(start + 2) : NONE;
    const f = n > 3 ? source.charCodeAt(start + 3) : NONE;
    return (e | f) >= 0x80 || ((this.middles[slot(e) * 27 + slot(f)] as number) & bit) !== 0;
  }
}

/**
 * Lower-case words asked of in any case (`has`): most words are passed by their shape, without
 * lower-casing.
 */
export class CaselessWords {
  private readonly shapes: WordShapes;

  constructor(private readonly words: ReadonlySet<string>) {
    this.shapes = new WordShapes(words);
  }

  /** Whether `word`, lower-cased, is one of the words. */
  has(word: string): boolean {
    return word !== '' && this.shapes.mayHoldText(word, 0, word.length) && this.words.has(word.toLowerCase());
  }
}
