/** Closed-class English words the claim and event finders use to see where phrases end. */

export const DETERMINERS = new Set([
  'a',
  'an',
  'the',
  'this',
  'that',
  'these',
  'those',
  'its',
  'their',
  'his',
  'her',
  'our',
  'my',
  'your',
  'every',
  'each',
  'all',
  'both',
  'any',
  'another',
]);

export const PREPOSITIONS = new Set([
  'in',
  'on',
  'at',
  'to',
  'for',
  'from',
  'by',
  'with',
  'of',
  'into',
  'onto',
  'since',
  'during',
  'over',
  'under',
  'after',
  'before',
  'between',
  'across',
  'against',
  'among',
  'amid',
  'per',
  'via',
  'through',
  'as',
  'than',
  'like',
  'near',
  'toward',
  'towards',
  'within',
  'without',
  'until',
  'despite',
  'about',
  'around',
  'behind',
  'beyond',
  'along',
  'alongside',
  'including',
  'following',
  'off',
  'out',
  'up',
  'down',
  'upon',
]);

export const CONJUNCTIONS = new Set([
  'and',
  'or',
  'but',
  'nor',
  'while',
  'whereas',
  'when',
  'where',
  'because',
  'if',
  'whether',
  'although',
  'though',
  'so',
  'yet',
  'unless',
  'once',
]);

export const PRONOUNS = new Set([
  'who',
  'whom',
  'whose',
  'which',
  'what',
  'he',
  'she',
  'it',
  'they',
  'we',
  'i',
  'you',
  'him',
  'them',
  'us',
  'me',
  'there',
  'here',
]);

/** Auxiliaries and modals: never the head of a noun phrase, never the main verb when a verb follows. */
export const AUXILIARIES = new Set([
  'is',
  'are',
  'was',
  'were',
  'be',
  'been',
  'being',
  "'s",
  'am',
  'has',
  'have',
  'had',
  'having',
  'do',
  'does',
  'did',
  'will',
  'would',
  'shall',
  'should',
  'may',
  'might',
  'can',
  'could',
  'must',
  'wo',
  'ca',
]);

export const MODALS = new Set(['will', 'would', 'shall', 'should', 'may', 'might', 'can', 'could', 'must']);

export const NEGATIONS = new Set(['not', "n't", 'never', 'no', 'neither']);

export const MONTHS = new Set([
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
  'jan.',
  'feb.',
  'mar.',
  'apr.',
  'jun.',
  'jul.',
  'aug.',
  'sep.',
  'sept.',
  'oct.',
  'nov.',
  'dec.',
]);

/** Nouns that count time: a number before them is a duration or an age, not a claim. */
export const TIME_NOUNS = new Set([
  'year',
  'years',
  'month',
  'months',
  'week',
  'weeks',
  'day',
  'days',
  'hour',
  'hours',
  'minute',
  'minutes',
  'second',
  'seconds',
  'decade',
  'decades',
  'century',
  'centuries',
  'a.m.',
  'p.m.',
  'am',
  'pm',
  "o'clock",
  'gmt',
  'utc',
  'kst',
  'bc',
  'ad',
]);

/** Plural nouns without a plural -s: "300 people", "2,000 police". */
export const PLURAL_HEADS = new Set([
  'people',
  'police',
  'children',
  'men',
  'women',
  'personnel',
  'staff',
  'cattle',
  'livestock',
  'sheep',
  'fish',
  'deer',
  'aircraft',
  'crew',
  'infantry',
  'militia',
  'youth',
  'feet',
  'teeth',
  'geese',
  'mice',
  'dead',
  'injured',
  'wounded',
]);

/**
 * `word` in lower case, as `toLowerCase` gives it, without the copy it makes of a word already so: most
 * callers pass the text layer's lower-cased words, and a long text is a two-byte string whenever one
 * character needs it, whose copies are slow.
 */
export function lowerCase(word: string): string {
  for (let k = 0; k < word.length; k++) {
    const c = word.charCodeAt(k);
    if ((c >= 0x41 && c <= 0x5a) || c > 0x7f) return word.toLowerCase();
  }
  return word;
}

export const isPlainWord = (w: string) => {
  for (let k = 0; k < w.length; k++) {
    const c = w.charCodeAt(k);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c > 0x7f;
    if (!letter && c !== 0x2d && c !== 0x27 && c !== 0x2019) return false;
  }
  return w.length > 0;
};

/** A plural ending: "troops", "soldiers", "casualties"; not "bus", "glass", "crisis", "its". */
export function looksPlural(word: string): boolean {
  const w = lowerCase(word);
  if (PLURAL_HEADS.has(w)) return true;
  if (w.length < 4 || !w.endsWith('s')) return false;
  return !(w.endsWith('ss') || w.endsWith('us') || w.endsWith('is') || w.endsWith("'s"));
}
