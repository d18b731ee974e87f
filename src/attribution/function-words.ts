/**
 * Closed-class words: determiners, pronouns, relative and question words, quantifiers, prepositions
 * and conjunctions. A phrase of these alone names no one and says nothing: it is a fragment the tagger
 * cut ("The", "which", "both") or a pronoun the entity layer must resolve, never a source or a content.
 */
const FUNCTION_WORDS = new Set(
  (
    'the a an this that these those it its itself they them their theirs themselves he him his himself ' +
    'she her hers herself we us our ours i me my mine you your yours one ones who whom whose which what ' +
    'whoever whatever where when why how there here all both some any each every either neither none ' +
    'many much few several most more less other others another such no anyone anything someone something ' +
    'everyone everything nobody nothing to of in on at by for from with as than and or but nor if while ' +
    'so not'
  ).split(' '),
);

export const isFunctionWord = (word: string) => FUNCTION_WORDS.has(word.toLowerCase());

/** `isFunctionWord` of a word already lower-cased (a token's `lower`), which needs no case mapping. */
export const isLowerFunctionWord = (lower: string) => FUNCTION_WORDS.has(lower);

/**
 * The words of a phrase, apostrophes kept ("it's"), punctuation and brackets dropped. A phrase in
 * ASCII, whose letters and digits are [A-Za-z0-9], needs no Unicode regex.
 */
export function phraseWords(phrase: string): string[] {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the range is all of ASCII.
  if (!/[^\x00-\x7f]/.test(phrase))
    return (phrase.match(/[A-Za-z0-9'-]+/g) ?? []).filter((w) => /[A-Za-z0-9]/.test(w));
  return phrase.split(/[^\p{L}\p{N}'’-]+/u).filter((w) => /[\p{L}\p{N}]/u.test(w));
}

/**
 * A phrase with words, every one of them a function word. A phrase in ASCII is read in place, word by
 * word as `phraseWords` cuts them, and the first word that is not a function word answers.
 */
export function onlyFunctionWords(phrase: string): boolean {
  let any = false;
  let start = -1;
  let alphanumeric = false;
  for (let j = 0; j <= phrase.length; j++) {
    const c = j < phrase.length ? phrase.charCodeAt(j) : 0x20;
    if (c >= 0x80) {
      const words = phraseWords(phrase);
      return words.length > 0 && words.every(isFunctionWord);
    }
    const letter = (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a;
    const digit = c >= 0x30 && c <= 0x39;
    if (letter || digit || c === 0x27 || c === 0x2d) {
      if (start < 0) start = j;
      alphanumeric ||= letter || digit;
      continue;
    }
    if (start >= 0 && alphanumeric) {
      if (!isFunctionWord(phrase.slice(start, j))) return false;
      any = true;
    }
    start = -1;
    alphanumeric = false;
  }
  return any;
}
