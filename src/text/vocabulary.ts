import { packWord, SLOT, SLOT_ID, SLOT_LENGTH, SLOT_PACK, UNPACKED } from './packed-slots.js';
import type { TokenStore } from './tokens.js';

/*
 * The process's vocabulary: each distinct token text has a small id, the same in every document, so that
 * a stage keeps what it knows of a word by its id (the recognizer's features, the attribution tagger's
 * sums) and a document's tokens are looked up once for all stages rather than hashed and compared again
 * by each. Bounded: past VOCABULARY_BOUND words it is cleared, between sentences or documents only, and
 * its generation counts the clearings: ids of another generation name other words.
 */

/**
 * `TokenStore.hash(i)` is FNV-1a over the token's UTF-16 code units from the offset basis xor this seed:
 * the vocabulary keys words by that hash, and the tokenizer, which reads every character anyway, spares
 * it hashing each word's string again.
 */
export const TOKEN_HASH_SEED = 2;
const FNV_BASIS = 0x811c9dc5;
export const FNV_PRIME = 0x01000193;
/** Where the tokenizer's hash of a token starts. */
export const TOKEN_HASH_BASIS = (FNV_BASIS ^ TOKEN_HASH_SEED) >>> 0;

/**
 * FNV-1a over a string's UTF-16 code units, from the offset basis xor `seed`: how tokens, the
 * recognizer's features and the attribution tagger's features hash words (`TokenStore.hash(i)` is this
 * with TOKEN_HASH_SEED over the token's text).
 */
export const hashText = (s: string, seed = 0): number => hashRange(s, 0, s.length, seed);

/** `hashText(s.slice(from, to), seed)`, without the slice: a new word's prefix and suffixes. */
export function hashRange(s: string, from: number, to: number, seed: number): number {
  let h = (FNV_BASIS ^ seed) >>> 0;
  for (let i = from; i < to; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * `word` in a string of its own, for tables that keep words after their document. A token's text of 13
 * characters or more is the engine's view of a slice of the document's text, which a kept word would hold
 * in memory for as long as it is kept; joined and cut again, it is copied out.
 */
export const ownString = (word: string): string => (word.length < 13 ? word : `${word} `.slice(0, -1));

/** Ids are below this bound; id 0 names no word (a stage's padding past a sentence's edge). */
export const VOCABULARY_BOUND = 1 << 16;

let wordsById: string[] = [''];
/** The words in lower case by id, made as they are asked for (`lowerOf`). */
let lowerById: (string | undefined)[] = [];
/**
 * The ids by hash, open addressing, at most half the slots used: packed slots (packed-slots.ts) of the
 * words' hashes (`TokenStore.hash`'s) and ids, so that a document's look-ups read one cache line each,
 * not the word's string too.
 */
const slots = new Int32Array(2 * VOCABULARY_BOUND * SLOT);
const SLOT_MASK = 2 * VOCABULARY_BOUND - 1;
let generation = 0;

/** Counts the clearings: an id is valid while this is what it was when the id was given. */
export const vocabularyGeneration = (): number => generation;

/** The text of word `id` (of the current generation). */
export const wordOf = (id: number): string => wordsById[id] as string;

/** Word `id` in lower case: several stages compare the same words, in every document. */
export function lowerOf(id: number): string {
  let lower = lowerById[id];
  if (lower === undefined) {
    lower = (wordsById[id] as string).toLowerCase();
    lowerById[id] = lower;
  }
  return lower;
}

/** Makes room for `n` new words, clearing the vocabulary when they might not fit. */
export function reserveWords(n: number): void {
  if (wordsById.length + n > VOCABULARY_BOUND) clear();
}

function clear(): void {
  wordsById = [''];
  lowerById = [];
  slots.fill(0);
  generation++;
}

/** The id of `w`, given one if it has none: the caller has reserved room. `wh`: its hash, if known. */
export function wordIdOf(w: string, wh = hashText(w, TOKEN_HASH_SEED)): number {
  let at = (wh & SLOT_MASK) * SLOT;
  for (; slots[at + SLOT_ID] !== 0; at = (at + SLOT) & (slots.length - 1))
    if (slots[at] === (wh | 0) && wordsById[slots[at + SLOT_ID] as number] === w)
      return slots[at + SLOT_ID] as number;
  const id = wordsById.length;
  wordsById.push(ownString(w));
  slots[at] = wh;
  slots[at + SLOT_ID] = id;
  packWord(w, slots, at);
  return id;
}

/** Per-word scratch of `wordIdsOf`. */
let hashes = new Int32Array(256);
/**
 * What `wordIdsOf` read ahead, summed and kept in an object the engine cannot prove unread, so that it
 * keeps the reads.
 */
const readAhead = { sum: 0 };

/**
 * The ids of the words `words[from..to)` into `out` from `row`, given as `wordIdOf` does (the caller has
 * reserved room); with `tokens`, `words[i]` is the text of token `i`, whose hash is read from it. Most
 * words are found at the first slot they hash to: that slot is read for every word before any is
 * compared, so that the cache misses of the words overlap rather than wait on each other.
 */
export function wordIdsOf(
  words: readonly string[],
  from: number,
  to: number,
  out: Int32Array,
  row: number,
  tokens?: TokenStore,
): void {
  const n = to - from;
  if (hashes.length < n) hashes = new Int32Array(Math.max(n, hashes.length * 2));
  for (let i = 0; i < n; i++) {
    const wh = tokens ? tokens.hash(from + i) | 0 : hashText(words[from + i] as string, TOKEN_HASH_SEED) | 0;
    hashes[i] = wh;
    const at = (wh & SLOT_MASK) * SLOT;
    // Id 0 names no word: not found at that slot (free, or holding another hash).
    out[row + i] = slots[at] === wh ? (slots[at + SLOT_ID] as number) : 0;
  }
  // Then, for the same reason, each word found's text, which the compare below reads.
  let touched = 0;
  for (let i = 0; i < n; i++) touched += (wordsById[out[row + i] as number] as string).length;
  readAhead.sum = touched;
  for (let i = 0; i < n; i++) {
    const w = words[from + i] as string;
    const id = out[row + i] as number;
    if (id === 0 || wordsById[id] !== w) out[row + i] = wordIdOf(w, (hashes[i] as number) >>> 0);
  }
}

/**
 * The ids of every token of `tokens` into `out` (`TokenStore.wordIds` keeps them), or false for a document
 * of more distinct words than the vocabulary holds: its stages look its words up by sentence.
 */
export function documentWordIds(tokens: TokenStore, out: Int32Array): boolean {
  // A document's new words are far fewer than its tokens: room is made only when they fill the
  // vocabulary, and then its ids are given again from the start.
  if (idsFromSource(tokens, out)) return true;
  clear();
  return idsFromSource(tokens, out);
}

/**
 * `wordIdsOf` for all of `tokens`, telling the words kept from the source's characters by their slots'
 * packs: no token's text is cut but a new word's. False when the vocabulary filled first.
 */
function idsFromSource(tokens: TokenStore, out: Int32Array): boolean {
  const n = tokens.count;
  // Every token's slot first, so that their cache misses overlap.
  for (let i = 0; i < n; i++) {
    const wh = tokens.hash(i) | 0;
    const at = (wh & SLOT_MASK) * SLOT;
    out[i] = slots[at] === wh ? (slots[at + SLOT_ID] as number) : 0;
  }
  const { source } = tokens;
  for (let i = 0; i < n; i++) {
    const id = out[i] as number;
    if (id !== 0) {
      const at = (tokens.hash(i) & SLOT_MASK) * SLOT;
      const start = tokens.start(i);
      const length = tokens.end(i) - start;
      const kept = slots[at + SLOT_LENGTH] as number;
      if (
        kept === UNPACKED
          ? sameText(wordsById[id] as string, source, start, length)
          : samePack(at, kept, source, start, length)
      )
        continue;
    }
    if (wordsById.length === VOCABULARY_BOUND) return false;
    out[i] = wordIdOf(source.slice(tokens.start(i), tokens.end(i)), tokens.hash(i));
  }
  return true;
}

/** Whether `word` is the `length` characters of `source` from `start`. */
function sameText(word: string, source: string, start: number, length: number): boolean {
  if (word.length !== length) return false;
  for (let j = 0; j < length; j++) if (word.charCodeAt(j) !== source.charCodeAt(start + j)) return false;
  return true;
}

/** Whether the word packed in the slot at `at`, of `kept` characters, is the `length` of `source` from `start`. */
function samePack(at: number, kept: number, source: string, start: number, length: number): boolean {
  if (kept !== length) return false;
  let word = 0;
  for (let j = 0; j < length; j++) {
    const c = source.charCodeAt(start + j);
    if (c >= 0x80) return false;
    word |= c << (7 * (j & 3));
    if ((j & 3) === 3) {
      if (slots[at + SLOT_PACK + (j >> 2)] !== word) return false;
      word = 0;
    }
  }
  return (length & 3) === 0 || slots[at + SLOT_PACK + (length >> 2)] === word;
}
