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
  return e === source[1] ? source : [source[0], e];
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

// Words that open an adverbial phrase or clause before a sentence's subject: "In 1986, the court ...".
const OPENERS = new Set(
  'in on at after before when while though although as if since by for during despite because with under amid following unlike like once until over earlier later last this'.split(
    ' ',
  ),
);
const IMPERSONAL = new Set(
  'be been being is was were are seem seems seemed appear appears appeared expected'.split(' '),
);
const CONJUNCTIONS = new Set(['but', 'and', 'so', 'yet', 'still', 'however', 'meanwhile', 'instead']);

/**
 * The subject of a cue's sentence, for a cue far from its speaker: "Hillary Clinton spoke out
 * Tuesday ..., arguing that", "Rival Hillary Clinton had mocked the complaint, saying". It is the
 * phrase that opens the sentence, after a conjunction or an opening phrase closed by a comma: a
 * pronoun, or a run of names and determiners. A passive or impersonal cue ("was accused of", "seemed")
 * names no speaker, so it gets none.
 */
export function sentenceSubject(
  text: TextLayer,
  cue: TokenRange,
  sentence: TokenRange,
  taken: (i: number) => boolean,
): TokenRange | undefined {
  for (let i = cue[0]; i < cue[1]; i++) if (IMPERSONAL.has(tokenForm(text, i))) return undefined;
  let s = sentence[0];
  for (let moved = true; moved && s < cue[0]; ) {
    const form = tokenForm(text, s);
    // "Recently, it ...", "Perhaps, ...": a sentence adverb set off by a comma is no subject.
    moved =
      CONJUNCTIONS.has(form) ||
      form === ',' ||
      ((form.endsWith('ly') || form === 'perhaps') && tokenForm(text, s + 1) === ',');
    if (moved) s++;
    else if (OPENERS.has(form)) {
      let comma = s + 1;
      while (comma < cue[0] && comma - s < 16 && tokenForm(text, comma) !== ',') comma++;
      if (comma >= cue[0] || tokenForm(text, comma) !== ',') return undefined;
      s = comma + 1;
      moved = true;
    }
  }
  if (s >= cue[0] - 1 || taken(s) || !isWord(text, s)) return undefined;
  const form = tokenForm(text, s);
  if (PRONOUNS.has(form)) return [s, s + 1];
  if (!isCapital(text, s) && !DETERMINERS.has(form)) return undefined;
  let e = s + 1;
  while (
    e < cue[0] &&
    e - s < 6 &&
    !taken(e) &&
    (isCapital(text, e) || DETERMINERS.has(tokenForm(text, e))) &&
    !BETWEEN.has(tokenForm(text, e))
  )
    e++;
  return [s, e];
}

/**
 * "Citing an unfounded theory, Trump said ...", "Lamenting their luck, Mexicans often say ...": a
 * participle opening its sentence reports for the subject after the comma that closes its phrase, a
 * pronoun or a run of names.
 */
export function openingParticipleSubject(
  text: TextLayer,
  cue: TokenRange,
  sentence: TokenRange,
  taken: (i: number) => boolean,
): TokenRange | undefined {
  const form = tokenForm(text, cue[0]);
  if (cue[0] !== sentence[0] || !isWord(text, cue[0]) || form.length < 6 || !form.endsWith('ing'))
    return undefined;
  let comma = cue[1];
  while (comma < sentence[1] && comma - cue[1] < 20 && tokenForm(text, comma) !== ',') comma++;
  const s = comma + 1;
  if (s >= sentence[1] || tokenForm(text, comma) !== ',' || taken(s) || !isWord(text, s)) return undefined;
  if (PRONOUNS.has(tokenForm(text, s))) return [s, s + 1];
  let e = DETERMINERS.has(tokenForm(text, s)) ? s + 1 : s;
  const names = e;
  while (e < sentence[1] && e - s < 6 && !taken(e) && isWord(text, e) && isCapital(text, e)) e++;
  return e > names ? [s, e] : undefined;
}
