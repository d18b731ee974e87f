import { TokenFlag, type TokenStore } from './tokens.js';
import { hashText, TOKEN_HASH_SEED } from './vocabulary.js';
import { WordShapes } from './word-shapes.js';

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

/** A token of ASCII letters alone with no capital has these of the flags: its text is its lower case. */
const PLAIN_MASK = TokenFlag.AsciiRun | TokenFlag.AsciiLetter | TokenFlag.AsciiUpper;
const PLAIN = TokenFlag.AsciiRun | TokenFlag.AsciiLetter;

/**
 * A filter before looking a token up in a word list, by the hash the text layer keeps of each token's
 * text: most tokens are lower-case ASCII words, whose text is their lower case, and one bit per hash of
 * the list's words tells most of those apart by one read of the token's hash, where `WordShapes` reads
 * its characters. Other tokens ("Said", "élysée", "sit-in") are asked of the list's `WordShapes`. Never
 * wrong about a token whose lower case is in the list: false only for tokens outside it.
 */
export class WordFilter {
  private readonly hashes: WordHashes;
  private readonly shapes: WordShapes;

  /** `words`: lower case, as the text layer's `lower` gives them. */
  constructor(words: Iterable<string>) {
    const list = [...words];
    this.shapes = new WordShapes(list);
    this.hashes = new WordHashes(list);
  }

  /** False when the lower-cased token `i` is surely not in the list; true when it may be. */
  mayHoldToken(tokens: TokenStore, i: number): boolean {
    if ((tokens.flags(i) & PLAIN_MASK) !== PLAIN) return this.shapes.mayHoldToken(tokens, i);
    return this.hashes.mayHold(tokens.hash(i));
  }
}

/**
 * Values by lower-case word, looked up by token: a lower-case ASCII word is found by its hash and its
 * characters compared in place, with no lower-cased copy made or hashed; other tokens by their lower case.
 */
export class TokenTable<T> {
  private readonly filter: WordFilter;
  private readonly all: ReadonlyMap<string, T>;
  /** Open addressing by hash: 1 + the key's place in `keys`, 0 for an empty slot. */
  private readonly slots: Int32Array;
  private readonly shift: number;
  private readonly hashes: Uint32Array;
  private readonly keys: string[] = [];
  private readonly values: T[] = [];

  constructor(entries: Iterable<readonly [string, T]>) {
    this.all = new Map(entries);
    this.filter = new WordFilter(this.all.keys());
    // at most a quarter full, so that a word the filter lets through mostly meets an empty slot at once
    let bits = 4;
    while (1 << bits < this.all.size * 4) bits++;
    this.shift = 32 - bits;
    this.slots = new Int32Array(1 << bits);
    this.hashes = new Uint32Array(this.all.size);
    for (const [key, value] of this.all) {
      const h = hashText(key, TOKEN_HASH_SEED);
      let slot = this.slotOf(h);
      while (this.slots[slot] !== 0) slot = (slot + 1) & (this.slots.length - 1);
      this.hashes[this.keys.length] = h;
      this.keys.push(key);
      this.values.push(value);
      this.slots[slot] = this.keys.length;
    }
  }

  private slotOf(h: number): number {
    return Math.imul(h, 0x85ebca6b) >>> this.shift;
  }

  /** The value of token `i`'s lower case, if it is a key. Small, so that it is inlined into scans. */
  get(tokens: TokenStore, i: number): T | undefined {
    return this.filter.mayHoldToken(tokens, i) ? this.find(tokens, i) : undefined;
  }

  private find(tokens: TokenStore, i: number): T | undefined {
    if ((tokens.flags(i) & PLAIN_MASK) !== PLAIN) return this.all.get(tokens.lower(i));
    const h = tokens.hash(i);
    const start = tokens.start(i);
    const length = tokens.end(i) - start;
    const mask = this.slots.length - 1;
    for (let slot = this.slotOf(h); ; slot = (slot + 1) & mask) {
      const k = (this.slots[slot] as number) - 1;
      if (k < 0) return undefined;
      const key = this.keys[k] as string;
      if (this.hashes[k] === h && key.length === length && tokens.source.startsWith(key, start))
        return this.values[k];
    }
  }
}
