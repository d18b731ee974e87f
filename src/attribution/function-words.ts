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

/** A phrase with words, every one of them a function word. */
export function onlyFunctionWords(phrase: string): boolean {
  const words = phraseWords(phrase);
  return words.length > 0 && words.every(isFunctionWord);
}
