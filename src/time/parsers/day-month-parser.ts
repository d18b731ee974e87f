/** Day-first dates: "24 October", "24 Oct. 2025", "the 24th of October". */
import {
  date,
  followedBy,
  isPunct,
  isWord,
  ORDINAL_STARTS,
  proposal,
  readDay,
  readMonth,
  readYear,
  tok,
} from '../grammar.js';
import type { ParseContext, Parser, Proposal } from '../result.js';
import { Kind, touches } from '../tokens.js';

/** A capitalized word, a word joined on or "of". */
function mayFollowDay(c: ParseContext, i: number): boolean {
  if (c.tokens.kind(i) !== Kind.Word) return false;
  const first = c.tokens.code(i);
  return (first >= 65 && first <= 90) || touches(c.tokens, i) || isWord(c, i, 'of');
}

export const dayMonthParser: Parser = {
  name: 'day-month-parser',
  triggers: ['#', ...followedBy('the', ORDINAL_STARTS)],
  parse(c: ParseContext, i: number): Proposal | undefined {
    // a day in digits has at most two, and a month, a suffix or "of" after it: "24 October", "24th", "24 of"
    if (c.tokens.kind(i) === Kind.Number && (c.tokens.width(i) > 2 || !mayFollowDay(c, i + 1)))
      return undefined;
    let j = i;
    if (isWord(c, j, 'the')) j++;
    const day = readDay(c, j);
    if (!day) return undefined;
    if (j > i && day.next === j + 1 && tok(c, j)?.kind === Kind.Number) return undefined; // "the 24 October"
    let k = day.next;
    if (isWord(c, k, 'of')) k++;
    else if (j > i) return undefined;
    if (!c.tokens.capitalized(k)) return undefined;
    const month = readMonth(c, k);
    if (!month) return undefined;
    const rule = this.name;
    const comma = isPunct(c, month.next, ',') ? 1 : 0;
    const y = readYear(c, month.next + comma);
    if (y && tok(c, month.next + comma)?.kind === Kind.Number) {
      return proposal(
        c,
        i,
        y.next,
        rule,
        date({ gran: 'day', year: y.value, month: month.value, day: day.value }),
        0.95,
      );
    }
    return proposal(
      c,
      i,
      month.next,
      rule,
      date({ gran: 'day', month: month.value, day: day.value, direction: 'tense' }),
      0.9,
    );
  },
};
