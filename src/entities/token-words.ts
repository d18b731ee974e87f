import { keptSlots } from '../document/kept.js';
import type { TextLayer } from '../text/text-layer.js';
import { wordOf } from '../text/vocabulary.js';

const WORDS = new WeakMap<TextLayer, readonly string[]>();

/** Every token's text, built once per document and shared by the entity stages. */
export function tokenWords(text: TextLayer): readonly string[] {
  let words = WORDS.get(text);
  if (!words) {
    const { tokens } = text;
    // Kept until resolve-entities is done with them (see kept.ts). The vocabulary's strings: nothing is
    // cut, and equal words are one string.
    const out = keptSlots<string>(tokens.count);
    const ids = tokens.wordIds();
    if (ids) for (let i = 0; i < tokens.count; i++) out[i] = wordOf(ids[i] as number);
    else for (let i = 0; i < tokens.count; i++) out[i] = tokens.text(i);
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
