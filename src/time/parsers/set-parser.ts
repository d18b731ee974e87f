/**
 * Recurring times: "every week", "each year", "daily", "twice a month", "every Monday", "every two years",
 * "each July".
 */

import { pad } from '../calendar.js';
import { fixed, hyphenAt, isWord, lower, proposal, readNumber, readUnit } from '../grammar.js';
import { durationValue, FREQUENCY_ADVERBS, MONTHS, WEEKDAYS } from '../lexicon.js';
import type { ParseContext, Parser, Proposal } from '../result.js';

export const setParser: Parser = {
  name: 'set-parser',
  triggers: ['every', 'each', 'once', 'twice', 'per', ...FREQUENCY_ADVERBS.keys()],
  parse(c: ParseContext, i: number): Proposal | undefined {
    const rule = this.name;
    const w = lower(c, i) ?? '';
    const freq = FREQUENCY_ADVERBS.get(w);
    if (freq) {
      if (hyphenAt(c, i + 1)) return undefined;
      return proposal(c, i, i + 1, rule, fixed('SET', freq), 0.85);
    }
    if (w === 'every' || w === 'each') {
      let j = i + 1;
      let n = 1;
      if (isWord(c, j, 'other')) {
        n = 2;
        j++;
      } else {
        const num = readNumber(c, j, false);
        if (num && num.value > 1) {
          n = num.value;
          j = num.next;
        }
      }
      const wd = WEEKDAYS.get(lower(c, j) ?? '');
      if (wd !== undefined && n === 1)
        return proposal(c, i, j + 1, rule, fixed('SET', `XXXX-WXX-${wd}`, ['weekday']), 0.9);
      const month = MONTHS.get(lower(c, j) ?? '');
      if (month !== undefined && n === 1 && c.tokens.capitalized(j))
        return proposal(c, i, j + 1, rule, fixed('SET', `XXXX-${pad(month)}`, ['month']), 0.9);
      const u = readUnit(c, j);
      if (!u) return undefined;
      return proposal(c, i, u.next, rule, fixed('SET', durationValue(u.value, n)), 0.9);
    }
    // once a week, twice a year, three times a month
    if (w === 'once' || w === 'twice') {
      if (!isWord(c, i + 1, 'a', 'an', 'per', 'every', 'each')) return undefined;
      const u = readUnit(c, i + 2);
      if (!u) return undefined;
      return proposal(c, i, u.next, rule, fixed('SET', durationValue(u.value, 1)), 0.85);
    }
    if (w === 'per') {
      const u = readUnit(c, i + 1);
      if (!u || u.value === 'second' || u.value === 'minute') return undefined;
      return proposal(c, i, u.next, rule, fixed('SET', durationValue(u.value, 1)), 0.6);
    }
    return undefined;
  },
};
