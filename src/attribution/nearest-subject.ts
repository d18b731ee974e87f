import type { TextLayer } from '../text/text-layer.js';
import { TokenFlag, TokenKind } from '../text/tokens.js';
import { tokenForm } from './features.js';
import type { TokenRange } from './relations.js';

const PRONOUNS = new Set(['he', 'she', 'they', 'we', 'i', 'it', 'you']);
// Auxiliaries and adverbs that stand between a subject and its cue: "Trump has also said".
const BETWEEN = new Set(
  'also has have had was were is are will would could may might did does do later earlier previously then repeatedly recently once again never not just first reportedly already still'.split(
    ' ',
  ),
);
const DETERMINERS = new Set(
  'the a an some many most several two three four other another his her their its our this these those one both all'.split(
    ' ',
  ),
);
// Common nouns that name unnamed sources: "officials said", "a source said".
const SOURCE_NOUNS =
  /^(?:officials?|sources?|aides?|advisers?|advisors?|experts?|analysts?|critics?|supporters?|voters?|spokes(?:man|woman|person)|polls?|surveys?|reports?|statement|campaign|police|authorities|democrats|republicans|lawmakers|leaders?|people|residents|witnesses|media|agency|ministry|government|observers|researchers|studies|study|data|documents?|letter|memo|emails?|people)$/;

const isWord = (text: TextLayer, i: number) => text.tokens.kind(i) === TokenKind.Word;
const isCapital = (text: TextLayer, i: number) =>
  text.tokens.has(i, TokenFlag.Capitalised) || tokenForm(text, i) === "'s";

/** A source without the adverbs and auxiliaries it caught at its end ("the spy agency earlier"). */
export function trimSource(text: TextLayer, source: TokenRange): TokenRange {
  let e = source[1];
  while (e - 1 > source[0] && BETWEEN.has(tokenForm(text, e - 1))) e--;
  return [source[0], e];
}

/**
 * The speaker a cue's sentence names when the tagger marked none: the pronoun, name or sourcing noun
 * phrase right before the cue ("Trump has said", "a campaign aide said"), or right after it in the
 * inverted order of news style (", said Sen. Ted Cruz").
 */
export function nearestSubject(
  text: TextLayer,
  cue: TokenRange,
  sentence: TokenRange,
  taken: (i: number) => boolean,
): TokenRange | undefined {
  let j = cue[0] - 1;
  let skipped = 0;
  while (j >= sentence[0] && skipped < 3 && BETWEEN.has(tokenForm(text, j))) {
    j--;
    skipped++;
  }
  if (j >= sentence[0] && !taken(j) && isWord(text, j)) {
    const form = tokenForm(text, j);
    if (PRONOUNS.has(form)) return [j, j + 1];
    let s = j;
    if (isCapital(text, j)) {
      while (s - 1 >= sentence[0] && j - s < 6 && !taken(s - 1) && isCapital(text, s - 1)) s--;
      if (s - 1 >= sentence[0] && DETERMINERS.has(tokenForm(text, s - 1))) s--;
      return [s, j + 1];
    }
    if (SOURCE_NOUNS.test(form)) {
      while (s - 1 >= sentence[0] && j - s < 5 && !taken(s - 1) && isWord(text, s - 1)) {
        const prev = tokenForm(text, s - 1);
        if (BETWEEN.has(prev) || prev === 'that' || prev === 'and' || prev === 'but') break;
        s--;
        if (DETERMINERS.has(prev)) break;
      }
      return [s, j + 1];
    }
  }
  const k = cue[1];
  if (k < sentence[1] && !taken(k) && isWord(text, k) && cue[0] > sentence[0]) {
    const before = tokenForm(text, cue[0] - 1);
    if (before === ',' || before === '</q>') {
      let e = k;
      const determined = DETERMINERS.has(tokenForm(text, e));
      if (determined) e++;
      while (
        e < sentence[1] &&
        e - k < 6 &&
        isWord(text, e) &&
        !taken(e) &&
        (determined || isCapital(text, e) || e === k)
      )
        e++;
      if (e > k) return [k, e];
    }
  }
  return undefined;
}
