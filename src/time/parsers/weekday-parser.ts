/** Weekday names, alone or with a part of the day: "Friday", "Tuesday morning", "Sunday night". */

import { date, fixed, lower, proposal, tok } from '../grammar.js';
import { PARTS_OF_DAY, WEEKDAYS } from '../lexicon.js';
import type { ParseContext, Parser, Proposal } from '../result.js';

/** Names that are not days: "Good Friday" is a holiday, "Black Friday" a sale. */
const NAMED = new Set([
  'good',
  'black',
  'bloody',
  'ash',
  'palm',
  'holy',
  'easter',
  'cyber',
  'super',
  'maundy',
]);

/** "nights" -> NI: a part of the day in the plural. */
const pluralPart = (w: string): string | undefined =>
  w.endsWith('s') ? PARTS_OF_DAY.get(w.slice(0, -1)) : undefined;

export const weekdayParser: Parser = {
  name: 'weekday-parser',
  triggers: [...WEEKDAYS.keys()],
  parse(c: ParseContext, i: number): Proposal | undefined {
    const t = tok(c, i);
    if (!t || !c.tokens.capitalized(i)) return undefined;
    const wd = WEEKDAYS.get(t.lower);
    if (wd === undefined) return undefined;
    if (NAMED.has(lower(c, i - 1) ?? '') && c.tokens.capitalized(i - 1)) return undefined;
    const after = lower(c, i + 1) ?? '';
    // "Tuesday nights", "Sunday mornings": every one of them; "Monday and Tuesday nights": both
    const shared = (after === 'and' || after === 'or') && WEEKDAYS.has(lower(c, i + 2) ?? '');
    const parts = pluralPart(shared ? (lower(c, i + 3) ?? '') : after);
    if (parts) {
      const value = `XXXX-WXX-${wd}T${parts}`;
      return proposal(
        c,
        i,
        shared ? i + 1 : i + 2,
        this.name,
        fixed('SET', value, ['weekday', 'partOfDay']),
        0.85,
      );
    }
    const part = PARTS_OF_DAY.get(after);
    if (part) {
      return proposal(
        c,
        i,
        i + 2,
        this.name,
        date({ gran: 'time', weekday: wd, partOfDay: part, direction: 'tense' }),
        0.9,
      );
    }
    return proposal(c, i, i + 1, this.name, date({ gran: 'day', weekday: wd, direction: 'tense' }), 0.9);
  },
};
