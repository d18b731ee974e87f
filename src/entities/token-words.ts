import { keptSlots } from '../document/kept.js';
import type { TextLayer } from '../text/text-layer.js';
import { hashText, TOKEN_HASH_SEED, type TokenStore } from '../text/tokens.js';

const WORDS = new WeakMap<TextLayer, readonly string[]>();

/** Every token's text, built once per document and shared by the entity stages. */
export function tokenWords(text: TextLayer): readonly string[] {
  let words = WORDS.get(text);
  if (!words) {
    const { tokens } = text;
    // Kept until resolve-entities is done with them (see kept.ts). Cut from the text: finding the word
    // table's own string for each instead was slower, slices of short words being cheap to make.
    const out = keptSlots<string>(tokens.count);
    for (let i = 0; i < tokens.count; i++) out[i] = tokens.text(i);
    words = out as string[];
    WORDS.set(text, words);
  }
  return words;
}

/**
 * Lets a document's token texts go once the last entity stage has read them: a batch keeps its documents'
 * text layers until every stage is done, and words kept that long are promoted to the old space, whose
 * size V8 then multiplies. A later call of `tokenWords` builds them again.
 */
export function releaseTokenWords(text: TextLayer): void {
  WORDS.delete(text);
}

/**
 * A filter of words by their hash as the tokenizer keeps it (`TokenStore.hash`), a bit for each value of
 * its low 16 bits: a rule that looks for a few words in every token passes over most tokens on the hash,
 * read in a row, without reading their texts. Never false for a word added.
 */
export class WordHashes {
  private readonly bits = new Int32Array(1 << 11);

  constructor(words: Iterable<string> = []) {
    for (const w of words) this.add(w);
  }

  add(word: string): void {
    const h = hashText(word, TOKEN_HASH_SEED);
    this.bits[(h >>> 5) & 2047] = (this.bits[(h >>> 5) & 2047] as number) | (1 << (h & 31));
  }

  clear(): void {
    this.bits.fill(0);
  }

  /** False when the word of hash `hash` is surely none of the words added. */
  mayHold(hash: number): boolean {
    return ((this.bits[(hash >>> 5) & 2047] as number) & (1 << (hash & 31))) !== 0;
  }

  /**
   * `mayHold` for word `i` of `w`, the texts of `tokens` when given (`tokenWords`): the hash is then
   * read rather than computed.
   */
  mayHoldWord(w: readonly string[], i: number, tokens: TokenStore | undefined): boolean {
    return this.mayHold(tokens ? tokens.hash(i) : hashText(w[i] as string, TOKEN_HASH_SEED));
  }
}
