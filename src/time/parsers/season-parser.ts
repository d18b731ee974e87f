/** Seasons: "summer", "the early summer", "spring 2025", "winter of 1998", "in the fall". */

import {
  date,
  followedBy,
  isPunct,
  isWord,
  lower,
  proposal,
  readSpokenYear,
  readYear,
  tok,
} from '../grammar.js';
import { SEASONS, TIME_PREPOSITIONS } from '../lexicon.js';
import type { ParseContext, Parser, Proposal } from '../result.js';
import { Kind } from '../tokens.js';

export const seasonParser: Parser = {
  name: 'season-parser',
  triggers: [...SEASONS.keys(), ...followedBy('the', SEASONS.keys())],
  parse(c: ParseContext, i: number): Proposal | undefined {
    const rule = this.name;
    let j = i;
    const hasThe = isWord(c, j, 'the');
    if (hasThe) j++;
    const t = tok(c, j);
    const season = SEASONS.get(t?.lower ?? '');
    if (!t || !season) return undefined;
    const prev = lower(c, i - 1) ?? '';
    // "fall" is mostly a verb or "the fall of": a season only after a time word
    if (
      t.lower === 'fall' &&
      !(hasThe ? TIME_PREPOSITIONS.has(prev) : false) &&
      !isWord(c, j + 1, 'of') &&
      tok(c, j + 1)?.kind !== Kind.Number
    ) {
      if (!hasThe || !TIME_PREPOSITIONS.has(prev)) return undefined;
    }
    if (isWord(c, j + 1, 'of') && t.lower === 'fall' && !(tok(c, j + 2)?.kind === Kind.Number))
      return undefined;
    // "Spring" capitalized in mid-sentence is usually a name ("Arab Spring", "Spring Street")
    if (
      c.tokens.capitalized(j) &&
      !hasThe &&
      !TIME_PREPOSITIONS.has(prev) &&
      !isPunct(c, i - 1, '.') &&
      i > 0
    )
      return undefined;
    let k = j + 1;
    const spoken = readSpokenYear(c, isWord(c, k, 'of') ? k + 1 : k);
    if (spoken)
      return proposal(c, i, spoken.next, rule, date({ gran: 'season', season, year: spoken.year }), 0.85);
    if (isWord(c, k, 'of') && tok(c, k + 1)?.kind === Kind.Number) k++;
    const y = readYear(c, k);
    if (y && tok(c, k)?.kind === Kind.Number)
      return proposal(c, i, y.next, rule, date({ gran: 'season', season, year: y.value }), 0.9);
    if (isWord(c, j + 1, 'of') || isWord(c, j + 1, 'session', 'semester', 'term', 'collection', 'line'))
      return undefined;
    return proposal(
      c,
      i,
      j + 1,
      rule,
      date({ gran: 'season', season, direction: 'tense' }),
      hasThe ? 0.75 : 0.7,
    );
  },
};
