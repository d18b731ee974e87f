/**
 * Days named relative to an anchor: "today", "yesterday", "tomorrow", "tonight", "last night",
 * "this morning", "yesterday afternoon", and to the story's own time: "the previous day",
 * "the next day", "the day before", "that day".
 */

import { date, followedBy, isPunct, isWord, lower, proposal, skipHyphen } from '../grammar.js';
import { PARTS_OF_DAY } from '../lexicon.js';
import type { ParseContext, Parser, Proposal } from '../result.js';
import { Kind } from '../tokens.js';

const DAYS = new Map([
  ['today', 0],
  ['yesterday', -1],
  ['tomorrow', 1],
  ['tonight', 0],
]);

const NARRATIVE = new Map([
  ['previous', -1],
  ['next', 1],
  ['following', 1],
  ['same', 0],
  ['preceding', -1],
]);

export const relativeDayParser: Parser = {
  name: 'relative-day-parser',
  triggers: [
    'today',
    'yesterday',
    'tomorrow',
    'tonight',
    'last',
    'this',
    'mid',
    ...followedBy('the', [...NARRATIVE.keys(), 'day']),
    ...followedBy('that', ['day']),
  ],
  parse(c: ParseContext, i: number): Proposal | undefined {
    const rule = this.name;
    const w = lower(c, i) ?? '';
    const n = DAYS.get(w);
    if (n !== undefined) {
      const shift = n === 0 ? {} : { shift: { unit: 'day' as const, n } };
      const part = PARTS_OF_DAY.get(lower(c, i + 1) ?? '');
      if (part && w !== 'tonight')
        return proposal(c, i, i + 2, rule, date({ gran: 'time', partOfDay: part, ...shift }), 0.95);
      // "today's" keeps its apostrophe out; "Today Show" is a name
      return proposal(c, i, i + 1, rule, date({ gran: 'day', ...shift }), 0.95);
    }
    // "mid-afternoon", "mid morning yesterday": a part of the day, of the anchor's day unless a day follows
    if (w === 'mid') {
      const j = skipHyphen(c, i + 1);
      const part = PARTS_OF_DAY.get(lower(c, j) ?? '');
      if (part !== 'MO' && part !== 'AF') return undefined;
      const day = DAYS.get(lower(c, j + 1) ?? '');
      const shift = day ? { shift: { unit: 'day' as const, n: day } } : {};
      const end = day === undefined ? j + 1 : j + 2;
      return proposal(c, i, end, rule, date({ gran: 'time', partOfDay: part, ...shift }), 0.85);
    }
    if (w === 'last' && isWord(c, i + 1, 'night')) {
      return proposal(
        c,
        i,
        i + 2,
        rule,
        date({ gran: 'time', partOfDay: 'NI', shift: { unit: 'day', n: -1 } }),
        0.9,
      );
    }
    if (w === 'this') {
      const part = PARTS_OF_DAY.get(lower(c, i + 1) ?? '');
      if (part) return proposal(c, i, i + 2, rule, date({ gran: 'time', partOfDay: part }), 0.9);
      return undefined;
    }
    if (w === 'that' && isWord(c, i + 1, 'day')) {
      return proposal(c, i, i + 2, rule, date({ gran: 'day', base: 'narrative' }), 0.7);
    }
    if (w !== 'the') return undefined;
    // the previous day, the next morning, the same day
    const shift = NARRATIVE.get(lower(c, i + 1) ?? '');
    if (shift !== undefined) {
      const what = lower(c, i + 2) ?? '';
      if (what === 'day') {
        return proposal(
          c,
          i,
          i + 3,
          rule,
          date({ gran: 'day', base: 'narrative', ...(shift ? { shift: { unit: 'day', n: shift } } : {}) }),
          0.9,
        );
      }
      const part = PARTS_OF_DAY.get(what);
      if (part && shift !== 0) {
        const n = part === 'NI' && shift < 0 ? -1 : shift;
        return proposal(
          c,
          i,
          i + 3,
          rule,
          date({ gran: 'time', partOfDay: part, base: 'narrative', shift: { unit: 'day', n } }),
          0.85,
        );
      }
      return undefined;
    }
    // the day before, the day after: only when nothing follows that they relate to
    if (isWord(c, i + 1, 'day') && isWord(c, i + 2, 'before', 'after')) {
      const after = c.tokens.at(i + 3);
      if (after && after.kind !== Kind.Punct && !isWord(c, i + 3, 'yesterday', 'and', 'but'))
        return undefined;
      if (after && isPunct(c, i + 3, '-')) return undefined;
      const n = isWord(c, i + 2, 'before') ? -1 : 1;
      return proposal(
        c,
        i,
        i + 3,
        rule,
        date({ gran: 'day', base: 'narrative', shift: { unit: 'day', n } }),
        0.85,
      );
    }
    return undefined;
  },
};
