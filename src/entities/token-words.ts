import type { TextLayer } from '../text/text-layer.js';

const WORDS = new WeakMap<TextLayer, readonly string[]>();

/** Every token's text, built once per document and shared by the entity stages. */
export function tokenWords(text: TextLayer): readonly string[] {
  let words = WORDS.get(text);
  if (!words) {
    const { tokens } = text;
    const out = new Array<string>(tokens.count);
    for (let i = 0; i < tokens.count; i++) out[i] = tokens.text(i);
    words = out;
    WORDS.set(text, words);
  }
  return words;
}
