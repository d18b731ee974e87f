/*
 * Hash slots that hold their word packed, for the tables that find a token's word by its hash (the
 * vocabulary, the attribution scorer's forms): a slot is the word's hash, its id + 1 (0 when empty), its
 * length and its pack. A word of up to PACKED ASCII characters is kept as PACK_WORDS int32, four
 * characters to each at 7 bits: equal lengths and packs are equal words, so a token is told from the slot
 * and the source alone, without reading the word's string. Words of 20 characters or fewer are all but
 * 0.01% of a text's. 32 bytes, so a slot never straddles two cache lines.
 */
export const SLOT = 8;
export const SLOT_ID = 1;
export const SLOT_LENGTH = 2;
export const SLOT_PACK = 3;
export const PACK_WORDS = SLOT - SLOT_PACK;
export const PACKED = 4 * PACK_WORDS;
/** The length a slot gives a word that is not packed (longer, or with characters outside ASCII). */
export const UNPACKED = -1;

/** Writes `word`'s length and pack into the slot at `at` of `slots`. */
export function packWord(word: string, slots: Int32Array, at: number): void {
  slots.fill(0, at + SLOT_PACK, at + SLOT);
  slots[at + SLOT_LENGTH] = UNPACKED;
  if (word.length > PACKED) return;
  for (let j = 0; j < word.length; j++) if (word.charCodeAt(j) >= 0x80) return;
  slots[at + SLOT_LENGTH] = word.length;
  for (let j = 0; j < word.length; j++) {
    const k = at + SLOT_PACK + (j >> 2);
    slots[k] = (slots[k] as number) | (word.charCodeAt(j) << (7 * (j & 3)));
  }
}
