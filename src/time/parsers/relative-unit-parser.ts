/**
 * Calendar periods named relative to the anchor: "last week", "this year", "next month",
 * "the past year", "the current quarter", "last Friday", "next August", "this summer",
 * "the weekend", "the latest quarter", "the year-earlier quarter".
 */

import {
  date,
  fixed,
  followedBy,
  hyphenAt,
  isWord,
  lower,
  proposal,
  readDay,
  readMonth,
} from '../grammar.js';
import { SEASONS, WEEKDAYS } from '../lexicon.js';
import type { DateSpec, Granularity, ParseContext, Parser, Proposal } from '../result.js';

/** Relative words and the shift they make; `narrative` ones count from the story's time. */
const SHIFTS = new Map<string, { n: number; narrative?: boolean }>([
  ['last', { n: -1 }],
  ['past', { n: -1 }],
  ['this', { n: 0 }],
  ['current', { n: 0 }],
  ['next', { n: 1 }],
  ['coming', { n: 1 }],
  ['previous', { n: -1, narrative: true }],
  ['following', { n: 1, narrative: true }],
  ['present', { n: 0 }],
  ['upcoming', { n: 1 }],
]);

const UNIT_GRAN = new Map<string, Granularity>([
  ['week', 'week'],
  ['month', 'month'],
  ['year', 'year'],
  ['quarter', 'quarter'],
  ['weekend', 'weekend'],
  ['decade', 'decade'],
  ['century', 'century'],
  ['half', 'half'],
]);

function unitSpec(gran: Granularity, n: number, narrative: boolean): DateSpec {
  const unit = gran === 'weekend' ? 'weekend' : gran === 'half' ? 'month' : gran;
  const shift =
    n === 0
      ? undefined
      : { unit: unit as NonNullable<DateSpec['shift']>['unit'], n: gran === 'half' ? 6 * n : n };
  return date({ gran, ...(shift ? { shift } : {}), ...(narrative ? { base: 'narrative' as const } : {}) });
}

export const relativeUnitParser: Parser = {
  name: 'relative-unit-parser',
  triggers: [
    ...followedBy('the', [
      'weekend',
      'quarter',
      'latest',
      'year',
      'fiscal',
      'full',
      'week',
      ...SHIFTS.keys(),
    ]),
    'this',
    ...followedBy('that', [...UNIT_GRAN.keys(), ...WEEKDAYS.keys(), 'fiscal']),
    ...SHIFTS.keys(),
    'latest',
    'year',
  ],
  parse(c: ParseContext, i: number): Proposal | undefined {
    const rule = this.name;
    let j = i;
    const hasThe = isWord(c, j, 'the');
    if (hasThe) j++;
    const w = lower(c, j) ?? '';
    // the weekend
    if (hasThe && w === 'weekend')
      return proposal(c, i, j + 1, rule, date({ gran: 'weekend', direction: 'tense' }), 0.85);
    // the latest quarter / the quarter / the latest period: the last quarter reported
    if (hasThe && (w === 'quarter' || (w === 'latest' && isWord(c, j + 1, 'quarter')))) {
      const end = w === 'quarter' ? j + 1 : j + 2;
      if (isWord(c, end, 'of', 'ended', 'ending', 'ends') || hyphenAt(c, end)) return undefined;
      // "the quarter a year ago": the same quarter of the year before
      if (isWord(c, end, 'a') && isWord(c, end + 1, 'year') && isWord(c, end + 2, 'ago', 'earlier'))
        return proposal(
          c,
          i,
          end + 3,
          rule,
          date({ gran: 'quarter', shift: { unit: 'quarter', n: -5 } }),
          0.7,
        );
      return proposal(c, i, end, rule, date({ gran: 'quarter', shift: { unit: 'quarter', n: -1 } }), 0.7);
    }
    // the year-earlier quarter, the year-ago period
    if (hasThe && w === 'year' && hyphenAt(c, j + 1) && isWord(c, j + 2, 'earlier', 'ago')) {
      if (isWord(c, j + 3, 'quarter', 'period')) {
        return proposal(
          c,
          i,
          j + 4,
          rule,
          date({ gran: 'quarter', shift: { unit: 'quarter', n: -5 } }),
          0.75,
        );
      }
      return undefined;
    }
    if (!hasThe && w === 'year' && hyphenAt(c, j + 1) && isWord(c, j + 2, 'earlier', 'ago')) {
      return proposal(
        c,
        i,
        j + 3,
        rule,
        date({ gran: 'year', shift: { unit: 'year', n: -1 }, sameTerm: true }),
        0.7,
      );
    }
    // the year ended Sept. 30, the fiscal year ending June 30: a year-long period
    if (hasThe && isWord(c, j, 'year', 'fiscal', 'full') && (w === 'year' || isWord(c, j + 1, 'year'))) {
      const y = w === 'year' ? j : j + 1;
      if (isWord(c, y + 1, 'ended', 'ending', 'ends', 'to'))
        return proposal(c, i, y + 1, rule, fixed('DURATION', 'P1Y'), 0.7);
      if (w === 'full' || w === 'fiscal') return proposal(c, i, y + 1, rule, date({ gran: 'year' }), 0.6);
    }
    // year-end, year end, year's end
    if (
      w === 'year' &&
      !hasThe &&
      (isWord(c, j + 1, 'end') ||
        (hyphenAt(c, j + 1) && isWord(c, j + 2, 'end')) ||
        (c.tokens.at(j + 1)?.text === "'" && isWord(c, j + 2, 's') && isWord(c, j + 3, 'end')))
    ) {
      const end = isWord(c, j + 1, 'end') ? j + 2 : hyphenAt(c, j + 1) ? j + 3 : j + 4;
      return proposal(c, i, end, rule, date({ gran: 'year', mod: 'END' }), 0.7);
    }
    // the latest period
    if (hasThe && w === 'latest' && isWord(c, j + 1, 'period')) {
      return proposal(c, i, j + 2, rule, date({ gran: 'quarter', shift: { unit: 'quarter', n: -1 } }), 0.6);
    }
    // the week: this one
    if (
      hasThe &&
      w === 'week' &&
      !isWord(c, j + 1, 'of', 'before', 'after', 'that', 'when', 'ended', 'ending', 'earlier', 'later') &&
      !hyphenAt(c, j + 1)
    ) {
      return proposal(c, i, j + 1, rule, date({ gran: 'week' }), 0.5);
    }
    // the year (this one)
    if (
      hasThe &&
      w === 'year' &&
      !isWord(c, j + 1, 'before', 'after', 'of', 'in', 'when', 'that', 'ended', 'ending') &&
      !hyphenAt(c, j + 1)
    ) {
      return proposal(c, i, j + 1, rule, date({ gran: 'year' }), 0.5);
    }
    let shift = SHIFTS.get(w);
    let k = j + 1;
    if (w === 'this' && isWord(c, k, 'past')) {
      shift = { n: -1 };
      k++;
    } else if (w === 'that' && !hasThe) {
      shift = { n: 0, narrative: true };
    } else if (w === 'latest' || w === 'same') {
      return undefined;
    }
    if (!shift) return undefined;
    if (hasThe && w === 'this') return undefined;
    // the current fiscal year
    if (isWord(c, k, 'fiscal') && isWord(c, k + 1, 'year')) k++;
    const what = lower(c, k) ?? '';
    // last week, this year, next month, the past year
    const gran = UNIT_GRAN.get(what);
    if (gran) {
      if (hyphenAt(c, k + 1)) return undefined; // "this year-end", "last year-earlier"
      if (gran === 'half' && !isWord(c, k + 1, 'of')) {
        // "the past half" is rare; "the second half" is the quarter parser's
      }
      if (gran === 'decade' && shift.n !== 0) {
        return proposal(c, i, k + 1, rule, fixed('DURATION', 'P10Y', []), 0.75);
      }
      if (w === 'past' && gran !== 'year' && gran !== 'quarter') {
        const value =
          { week: 'P1W', month: 'P1M', weekend: 'P2D', century: 'P100Y', half: 'P6M' }[gran as string] ??
          'P1Y';
        return proposal(c, i, k + 1, rule, fixed('DURATION', value, []), 0.7);
      }
      return proposal(
        c,
        i,
        k + 1,
        rule,
        unitSpec(gran, shift.n, shift.narrative === true),
        hasThe ? 0.8 : 0.9,
      );
    }
    if (shift.narrative) {
      // the previous Friday: before the day the story is at
      const day = WEEKDAYS.get(what);
      if (day === undefined || shift.n === 0) return undefined;
      return proposal(
        c,
        i,
        k + 1,
        rule,
        date({
          gran: 'day',
          weekday: day,
          base: 'narrative',
          direction: shift.n < 0 ? 'past' : 'future',
          strict: true,
        }),
        0.85,
      );
    }
    // last Friday, next Tuesday, this Monday
    const wd = WEEKDAYS.get(what);
    if (wd !== undefined) {
      if (shift.n === 0)
        return proposal(c, i, k + 1, rule, date({ gran: 'day', weekday: wd, direction: 'tense' }), 0.9);
      return proposal(
        c,
        i,
        k + 1,
        rule,
        date({ gran: 'day', weekday: wd, direction: shift.n < 0 ? 'past' : 'future', strict: true }),
        0.9,
      );
    }
    // last August, next spring, this summer
    const month = readMonth(c, k);
    if (month && (c.tokens.at(k)?.text.charCodeAt(0) ?? 0) <= 90) {
      // last Oct. 23: a day
      const day = readDay(c, month.next);
      if (day && shift.n !== 0) {
        return proposal(
          c,
          i,
          day.next,
          rule,
          date({
            gran: 'day',
            month: month.value,
            day: day.value,
            direction: shift.n < 0 ? 'past' : 'future',
            strict: true,
          }),
          0.9,
        );
      }
      if (shift.n === 0)
        return proposal(c, i, month.next, rule, date({ gran: 'month', month: month.value }), 0.9);
      return proposal(
        c,
        i,
        month.next,
        rule,
        date({ gran: 'month', month: month.value, direction: shift.n < 0 ? 'past' : 'future', strict: true }),
        0.9,
      );
    }
    const season = SEASONS.get(what);
    if (season) {
      if (shift.n === 0) return proposal(c, i, k + 1, rule, date({ gran: 'season', season }), 0.9);
      return proposal(
        c,
        i,
        k + 1,
        rule,
        date({ gran: 'season', season, direction: shift.n < 0 ? 'past' : 'future', strict: true }),
        0.9,
      );
    }
    return undefined;
  },
};
