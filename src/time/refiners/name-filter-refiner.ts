/**
 * Drops month, season and weekday readings that are parts of names: "Spring Street", "Arab Spring",
 * "Theresa May", "August Wilson". A bare month or season directly before or after another capitalized
 * word is a name unless a preposition of time introduces it ("In August North Korea held...").
 */
import { firstWhere } from '../../document/span-index.js';
import { TIME_PREPOSITIONS } from '../lexicon.js';
import type { Proposal, RefineContext, Refiner } from '../result.js';
import { Kind } from '../tokens.js';

const BARE = new Set(['month-name-parser', 'season-parser', 'weekday-parser']);
const TIME_WORDS = new Set(['morning', 'afternoon', 'evening', 'night', 'and', 'or']);

function isSentenceStart(c: RefineContext, i: number): boolean {
  const prev = c.tokens.at(i - 1);
  if (!prev) return true;
  if (
    prev.kind === Kind.Punct &&
    (prev.text === '.' ||
      prev.text === '"' ||
      prev.text === '\u201c' ||
      prev.text === '?' ||
      prev.text === '!' ||
      prev.text === ':')
  )
    return true;
  return opensSentence(c, c.tokens.at(i)?.start);
}

/** Whether a sentence starts at `offset`: by bisection, the sentences being in order. */
function opensSentence(c: RefineContext, offset: number | undefined): boolean {
  if (offset === undefined) return false;
  return c.sentences[firstWhere(c.sentences, (s) => s.start >= offset)]?.start === offset;
}

/** Relative days and units ("this week", "last night") that a title capitalizes: ABC's "This Week". */
const TITLED = new Set(['relative-unit-parser', 'relative-day-parser']);

/** Every word capitalized, the first one not by a sentence start: a title, not a time. */
function isTitle(c: RefineContext, p: Proposal): boolean {
  if (!TITLED.has(p.rule) || p.last - p.first < 2) return false;
  for (let i = p.first; i < p.last; i++) if (!c.tokens.capitalized(i)) return false;
  const prev = c.tokens.at(p.first - 1);
  if (!prev || prev.text === '.' || prev.text === '?' || prev.text === '!') return false;
  return !opensSentence(c, c.tokens.at(p.first)?.start);
}

export const nameFilterRefiner: Refiner = {
  name: 'name-filter-refiner',
  refine(c: RefineContext, proposals: readonly Proposal[]): readonly Proposal[] {
    return proposals.filter((p) => {
      if (isTitle(c, p)) return false;
      if (!BARE.has(p.rule) || p.last - p.first !== 1) return true;
      const prevTok = c.tokens.at(p.first - 1);
      const nextTok = c.tokens.at(p.last);
      const introduced = TIME_PREPOSITIONS.has(prevTok?.lower ?? '');
      if (
        nextTok &&
        c.tokens.capitalized(p.last) &&
        nextTok.start === (c.tokens.at(p.last - 1)?.end ?? 0) + 1 &&
        !TIME_WORDS.has(nextTok.lower)
      ) {
        if (!introduced) return false;
        if (p.rule === 'season-parser') return false;
      }
      if (
        prevTok &&
        c.tokens.capitalized(p.first - 1) &&
        !isSentenceStart(c, p.first - 1) &&
        !introduced &&
        p.rule !== 'weekday-parser'
      )
        return false;
      return true;
    });
  },
};
