/**
 * Month-first dates: "October 24, 2025", "Oct. 24", "October 2025", "October of 2024",
 * "October last year", and a bare "August" (its year from the tense of the clause).
 */

import {
  date,
  isPunct,
  isWord,
  lower,
  proposal,
  readDay,
  readMonth,
  readSpokenYear,
  readYear,
  tok,
} from '../grammar.js';
import { MONTH_ABBREVIATIONS, MONTHS, TIME_PREPOSITIONS } from '../lexicon.js';
import type { DateSpec, ParseContext, Parser, Proposal } from '../result.js';
import { Kind } from '../tokens.js';

const RELATIVE_YEAR = new Map([
  ['last', -1],
  ['this', 0],
  ['next', 1],
  ['previous', -1],
]);

/** "May" and "March" are verbs too: bare, they need a preposition of time before them. */
const VERB_MONTHS = new Set(['may', 'march']);

/** ", 2025" or " 2025" after a month or a day. */
function yearAfter(c: ParseContext, i: number): { year: number; next: number } | undefined {
  const j = isPunct(c, i, ',') ? i + 1 : i;
  // "January nineteen ninety-seven", as broadcasts say it
  const spoken = readSpokenYear(c, j);
  if (spoken) return spoken;
  const y = readYear(c, j);
  if (!y) return undefined;
  if (tok(c, j)?.kind === Kind.Number || j === i) return { year: y.value, next: y.next };
  return undefined;
}

/** "last year", "this year", "of last year", "of 2024". */
function relativeYearAfter(
  c: ParseContext,
  i: number,
): { spec: Partial<DateSpec>; next: number } | undefined {
  let j = i;
  if (isWord(c, j, 'of')) j++;
  const shift = RELATIVE_YEAR.get(lower(c, j) ?? '');
  if (shift !== undefined && isWord(c, j + 1, 'year')) {
    return { spec: shift === 0 ? {} : { shift: { unit: 'year', n: shift } }, next: j + 2 };
  }
  if (j > i) {
    const y = readYear(c, j);
    if (y) return { spec: { year: y.value }, next: y.next };
  }
  return undefined;
}

export const monthNameParser: Parser = {
  name: 'month-name-parser',
  triggers: [...MONTHS.keys(), ...MONTH_ABBREVIATIONS.keys()],
  parse(c: ParseContext, i: number): Proposal | undefined {
    const t = tok(c, i);
    if (!t || !c.tokens.capitalized(i)) return undefined;
    const month = readMonth(c, i);
    if (!month) return undefined;
    const rule = this.name;
    const m = month.value;
    // Month Day[, Year]
    const day = readDay(c, month.next);
    if (day && !isPunct(c, day.next, '%') && !isWord(c, day.next, 'percent')) {
      const y = yearAfter(c, day.next);
      if (y)
        return proposal(
          c,
          i,
          y.next,
          rule,
          date({ gran: 'day', year: y.year, month: m, day: day.value }),
          0.95,
        );
      const rel = relativeYearAfter(c, day.next);
      if (rel)
        return proposal(
          c,
          i,
          rel.next,
          rule,
          date({ gran: 'day', month: m, day: day.value, ...rel.spec }),
          0.9,
        );
      return proposal(
        c,
        i,
        day.next,
        rule,
        date({ gran: 'day', month: m, day: day.value, direction: 'tense' }),
        0.9,
      );
    }
    // Month Year
    const y = yearAfter(c, month.next);
    if (y) return proposal(c, i, y.next, rule, date({ gran: 'month', year: y.year, month: m }), 0.95);
    const rel = relativeYearAfter(c, month.next);
    if (rel) return proposal(c, i, rel.next, rule, date({ gran: 'month', month: m, ...rel.spec }), 0.9);
    // bare month
    const prev = lower(c, i - 1) ?? '';
    if (VERB_MONTHS.has(t.lower) && !TIME_PREPOSITIONS.has(prev)) return undefined;
    if (MONTH_ABBREVIATIONS.has(t.lower) && !MONTHS.has(t.lower)) return undefined;
    return proposal(c, i, month.next, rule, date({ gran: 'month', month: m, direction: 'tense' }), 0.8);
  },
};
