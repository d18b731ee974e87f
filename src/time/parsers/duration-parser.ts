/**
 * Amounts of time: "90 days", "five years", "a decade", "two-year", "the past two months",
 * "the first nine months", "a few days", "for years"; and the dates they measure from an anchor:
 * "five years ago", "two days later", "a year earlier", "one year ago from today".
 */

import {
  date,
  fixed,
  followedBy,
  hyphenAt,
  isPlural,
  isPunct,
  isWord,
  lower,
  proposal,
  readAndAHalf,
  readNumber,
  readUnit,
  readVague,
  skipHyphen,
  tok,
} from '../grammar.js';
import { durationValue, NUMBER_WORDS, UNITS, type Unit, VAGUE_AMOUNTS } from '../lexicon.js';
import type { DateSpec, Granularity, ParseContext, Parser, Proposal } from '../result.js';
import { Kind, wordSet } from '../tokens.js';

const LEAD = new Set([
  'past',
  'last',
  'next',
  'first',
  'coming',
  'previous',
  'final',
  'initial',
  'latest',
  'following',
  'remaining',
  'second',
  'third',
  'fourth',
  'same',
]);
const HUNDREDS = new Set(['dozens', 'hundreds', 'thousands', 'millions', 'tens']);
/** `LEAD` and `HUNDREDS` looked up in place: the parser asks them of most tokens it is tried at. */
const LEAD_TABLE = wordSet(LEAD);
const HUNDREDS_TABLE = wordSet(HUNDREDS);

/** The granularity of a date reached by moving `unit`s from an anchor. */
const GRAN_OF: Partial<Record<Unit, Granularity>> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
  year: 'year',
  decade: 'year',
  century: 'year',
};

function shiftUnit(unit: Unit, n: number): { unit: Unit; n: number } {
  if (unit === 'decade') return { unit: 'year', n: 10 * n };
  if (unit === 'century') return { unit: 'year', n: 100 * n };
  return { unit, n };
}

const BARE_PLURAL_CUES = new Set([
  'for',
  'in',
  'within',
  'over',
  'after',
  'took',
  'take',
  'takes',
  'lasted',
  'last',
  'spent',
  'spend',
]);

/** Words between an amount and its unit: two more weeks, eight trading days, an additional year. */
const EXTENT_WORDS = [
  'more',
  'additional',
  'extra',
  'trading',
  'business',
  'working',
  'straight',
  'consecutive',
  'full',
];

const EXTENT_TABLE = wordSet(EXTENT_WORDS);

/** What can follow "a" in an amount of time: a few, a hundred, a and a half, a to, an extra, a-, a unit. */
const AFTER_ARTICLE = [
  ...VAGUE_AMOUNTS,
  ...NUMBER_WORDS.keys(),
  'and',
  'to',
  'or',
  ...EXTENT_WORDS,
  '-',
  '\u2010',
  '\u2011',
  ...UNITS.keys(),
];

export const durationParser: Parser = {
  name: 'duration-parser',
  triggers: [
    '#',
    ...followedBy('a', AFTER_ARTICLE),
    ...followedBy('an', AFTER_ARTICLE),
    'one',
    'two',
    'three',
    'four',
    'five',
    'six',
    'seven',
    'eight',
    'nine',
    'ten',
    'eleven',
    'twelve',
    'thirteen',
    'fourteen',
    'fifteen',
    'sixteen',
    'seventeen',
    'eighteen',
    'nineteen',
    'twenty',
    'thirty',
    'forty',
    'fifty',
    'sixty',
    'seventy',
    'eighty',
    'ninety',
    'hundred',
    'half',
    ...followedBy('the', [
      ...LEAD,
      'coming',
      'recent',
      'a',
      'an',
      'one',
      'half',
      ...VAGUE_AMOUNTS,
      ...HUNDREDS,
      ...NUMBER_WORDS.keys(),
      ...UNITS.keys(),
      '#',
      '-',
      '\u2010',
      '\u2011',
    ]),
    'several',
    'few',
    'couple',
    'many',
    'some',
    'dozens',
    'hundreds',
    'thousands',
    'recent',
    'coming',
    // "day-long", "decades-long"
    ...[...UNITS.keys()].flatMap((u) => followedBy(u, ['-', '\u2010', '\u2011'])),
    'years',
    'months',
    'weeks',
    'days',
    'decades',
    'hours',
    'centuries',
    ...LEAD,
  ],
  parse(c: ParseContext, i: number): Proposal | undefined {
    if (c.tokens.kind(i) === Kind.Number && !mayGoOnToUnit(c, i + 1)) return undefined;
    const rule = this.name;
    let j = i;
    const hasThe = isWord(c, j, 'the');
    if (hasThe) j++;
    let lead: string | undefined;
    if (LEAD_TABLE.has(c.tokens, j)) {
      lead = lower(c, j);
      j++;
    }
    // "a decades-long battle", "their third day-long meeting": a length as an adjective
    if (!hasThe && !lead) {
      const u = readUnit(c, j);
      if (u && hyphenAt(c, u.next) && isWord(c, u.next + 1, 'long'))
        return proposal(
          c,
          i,
          u.next + 2,
          rule,
          fixed('DURATION', durationValue(u.value, isPlural(c, j) ? undefined : 1)),
          0.75,
        );
    }
    // over the years, through the decades: a stretch of time of no stated length
    if (hasThe && !lead && isWord(c, i - 1, 'over', 'through', 'throughout') && isPlural(c, j)) {
      const u = readUnit(c, j);
      if (
        u &&
        (u.value === 'year' || u.value === 'decade' || u.value === 'century') &&
        !isWord(c, u.next, 'of')
      )
        return proposal(c, i, u.next, rule, fixed('DURATION', durationValue(u.value, undefined)), 0.7);
    }
    // coming weeks, coming months
    if (isWord(c, j, 'coming') && !lead) {
      const u = readUnit(c, j + 1);
      if (u && isPlural(c, j + 1) && u.value !== 'second' && u.value !== 'minute') {
        return proposal(c, i, u.next, rule, fixed('DURATION', durationValue(u.value, undefined)), 0.7);
      }
    }
    // recent years, recent days: the recent past
    if (isWord(c, j, 'recent') && !lead) {
      const u = readUnit(c, j + 1);
      if (!u || !isPlural(c, j + 1)) return undefined;
      if (u.value === 'year' || u.value === 'day')
        return proposal(c, i, u.next, rule, fixed('DATE', 'PAST_REF'), 0.8);
      return proposal(c, i, u.next, rule, fixed('DURATION', durationValue(u.value, undefined)), 0.8);
    }
    let n: number | undefined;
    let vague = false;
    let couple = false;
    const v = readVague(c, j);
    if (v !== undefined && isWord(c, v - 2, 'couple') && isWord(c, v - 1, 'of')) {
      // TimeML reads "a couple of years" as two
      n = 2;
      couple = true;
      j = v;
    } else if (v !== undefined) {
      vague = true;
      j = v;
    } else if (HUNDREDS_TABLE.has(c.tokens, j) && isWord(c, j + 1, 'of')) {
      vague = true;
      j += 2;
    } else {
      const num = readNumber(c, j);
      if (num) {
        n = num.value;
        j = readAndAHalf(c, num.next);
        if (j > num.next) n += 0.5;
        // two to three weeks, 10-15 years
        if (
          (isWord(c, j, 'to', 'or') || (isPunct(c, j, '-') && c.tokens.kind(j + 1) === Kind.Number)) &&
          readNumber(c, j + 1, false)
        ) {
          const second = readNumber(c, j + 1, false);
          if (second && readUnit(c, second.next)) j = second.next;
        }
      }
    }
    const hasAmount = vague || n !== undefined;
    // two more weeks, eight trading days, an additional year
    if (hasAmount && EXTENT_TABLE.has(c.tokens, j) && readUnit(c, j + 1)) j++;
    const joined = hyphenAt(c, j);
    j = skipHyphen(c, j);
    const u = readUnit(c, j);
    if (!u) return undefined;
    // "three-quarters of the vote", "more than a quarter of the market" are fractions
    if (u.value === 'quarter' && (isPlural(c, j) ? joined : isWord(c, u.next, 'of'))) return undefined;
    let end = u.next;
    const unit = u.value;
    // "a two-day-long meeting": the adjective's "-long" is part of it
    const long = hyphenAt(c, end) && isWord(c, end + 1, 'long');
    // "60 Minutes" (a title), "a second betrayal" (an ordinal)
    if (c.tokens.capitalized(j) && j > i && !c.tokens.capitalized(i)) return undefined;
    if (
      unit === 'second' &&
      isWord(c, i, 'a') &&
      j === i + 1 &&
      tok(c, end)?.kind === Kind.Word &&
      !isWord(c, end, 'later', 'earlier', 'ago', 'or', 'and')
    )
      return undefined;
    // "a year-earlier loss", "year-ago": the relative-unit parser's
    if (hyphenAt(c, end) && isWord(c, end + 1, 'earlier', 'ago')) return undefined;
    if (!hasAmount) {
      // the days before the vote, the weeks that followed: the span is the unit alone
      if (
        hasThe &&
        !lead &&
        isPlural(c, j) &&
        (isWord(c, end, 'before', 'after', 'since', 'ahead', 'following', 'preceding') ||
          (isWord(c, end, 'that') && isWord(c, end + 1, 'followed')))
      ) {
        if (unit === 'day' || unit === 'week' || unit === 'month' || unit === 'year')
          return proposal(c, j, end, rule, fixed('DURATION', durationValue(unit, undefined)), 0.6);
      }
      // the coming years, the next months
      if (
        hasThe &&
        (lead === 'coming' || lead === 'next' || lead === 'past' || lead === 'last') &&
        isPlural(c, j) &&
        unit !== 'second' &&
        unit !== 'minute'
      ) {
        return proposal(c, i, end, rule, fixed('DURATION', durationValue(unit, undefined)), 0.7);
      }
      if (isPlural(c, j) && !lead && !hasThe && isWord(c, end, 'ago')) {
        return proposal(c, i, end + 1, rule, fixed('DATE', 'PAST_REF'), 0.7);
      }
      // bare plural: "for years", "in weeks", "the past years" is rare
      if (!isPlural(c, j) || lead || hasThe) {
        // "the past year" is the relative-unit parser's
        return undefined;
      }
      if (
        !BARE_PLURAL_CUES.has(lower(c, i - 1) ?? '') ||
        isWord(c, end, 'of', 'ago', 'old') ||
        hyphenAt(c, end)
      )
        return undefined;
      if (unit === 'second' || unit === 'minute' || unit === 'quarter') return undefined;
      return proposal(c, i, end, rule, fixed('DURATION', durationValue(unit, undefined)), 0.6);
    }
    // a year and a half: the count before "and a half" decides the unit's number
    const counted = n;
    const half = readAndAHalf(c, end);
    if (half > end) {
      n = (n ?? 1) + 0.5;
      end = half;
    }
    // "1988 quarter", "5 second": a count above one takes a plural unit unless joined ("two-year")
    if (n !== undefined && n >= 1000 && !joined && !isPlural(c, j) && !vague) return undefined;
    // "five year" without a noun after it is not English; "a five year low" is
    if (
      counted !== undefined &&
      counted > 1 &&
      !joined &&
      !isPlural(c, j) &&
      tok(c, u.next)?.kind !== Kind.Word
    )
      return undefined;
    // "a day" needs a singular unit; "a years" is not English
    const first = lower(c, hasThe ? i + 1 : i);
    if ((first === 'a' || first === 'an') && isPlural(c, j) && !vague && !couple) return undefined;
    // ages: "a 32-year-old", "five years old" are not times here
    if (isWord(c, end, 'old') || (hyphenAt(c, end) && isWord(c, end + 1, 'old'))) return undefined;
    // "the first half" / "two-thirds" etc. handled elsewhere
    const count = vague ? undefined : n;
    // "Islam will one day be", "hopes to one day lead": some day to come, not a day long
    if (first === 'one' && unit === 'day' && !isPlural(c, j) && isWord(c, i - 1, ...MODALS))
      return proposal(c, i, end, rule, fixed('DATE', 'FUTURE_REF'), 0.7);
    // dates measured from an anchor
    if (!lead && !hasThe) {
      const dated = measured(c, end, unit, count);
      if (dated) return proposal(c, i, dated.next, rule, dated.spec, 0.9);
    }
    if (joined && !hasAmount) return undefined;
    if (lead === 'second' || lead === 'third' || lead === 'fourth' || lead === 'same') return undefined;
    // "the two-week trip", "a year-long siege": the article belongs to the noun, not to the time
    const from = (hasThe && !lead && joined) || (long && first === 'a' && j === i + 1) ? i + 1 : i;
    return proposal(
      c,
      from,
      long ? end + 2 : end,
      rule,
      fixed('DURATION', durationValue(unit, count)),
      hasThe || lead ? 0.85 : 0.8,
    );
  },
};

/** The words that may follow a count in digits: "90 days", "2 and a half", "10 to 15", "two more weeks". */
const AFTER_DIGITS = wordSet([...UNITS.keys(), 'and', 'to', 'or', ...EXTENT_WORDS]);

/**
 * Whether the token after a number may lead on to a unit: one of `AFTER_DIGITS`, a number ("2 1/2") or
 * a mark of "1,000", "2.5", "10-15" and "two-year"; most numbers are followed by something else ("5%",
 * "5 percent", "(3)", "9/11").
 */
function mayGoOnToUnit(c: ParseContext, i: number): boolean {
  const kind = c.tokens.kind(i);
  if (kind === Kind.Word) return AFTER_DIGITS.has(c.tokens, i);
  if (kind !== Kind.Punct) return kind === Kind.Number;
  const mark = c.tokens.code(i);
  return mark === 44 || mark === 46 || mark === 45 || mark === 0x2010 || mark === 0x2011;
}

const MODALS = ['will', 'would', 'could', 'may', 'might', 'can', 'should', 'to'];

/** "ago", "earlier", "later", "from now", "ago from today" after an amount of time. */
function measured(
  c: ParseContext,
  i: number,
  unit: Unit,
  n: number | undefined,
): { spec: DateSpec | ReturnType<typeof fixed>; next: number } | undefined {
  const w = lower(c, i);
  const gran = GRAN_OF[unit];
  if (w === 'ago' || w === 'earlier' || w === 'later' || w === 'before' || w === 'hence') {
    if (w === 'before' && tok(c, i + 1)?.kind === Kind.Word && !isWord(c, i + 1, 'that', 'then'))
      return undefined;
    const sign = w === 'later' || w === 'hence' ? 1 : -1;
    // "a few days later", "an hour later": no day to count to, so the amount of time it measures
    if ((w === 'later' || w === 'earlier') && (n === undefined || !gran || !Number.isInteger(n)))
      return undefined;
    if (n === undefined) return { spec: fixed('DATE', sign < 0 ? 'PAST_REF' : 'FUTURE_REF'), next: i + 1 };
    if (!gran || !Number.isInteger(n))
      return { spec: fixed('DATE', sign < 0 ? 'PAST_REF' : 'FUTURE_REF'), next: i + 1 };
    // "one year ago from today": measured from a day, so a day
    if (w === 'ago' && isWord(c, i + 1, 'from') && isWord(c, i + 2, 'today', 'now')) {
      return { spec: date({ gran: 'day', shift: shiftUnit(unit, -n) }), next: i + 3 };
    }
    const base = w === 'ago' ? {} : { base: 'narrative' as const };
    // "a year ago"/"a year earlier" in a report on a quarter: the same quarter a year before
    const sameTerm = unit === 'year' && n === 1 && sign < 0 ? { sameTerm: true } : {};
    return { spec: date({ gran, shift: shiftUnit(unit, sign * n), ...base, ...sameTerm }), next: i + 1 };
  }
  if (w === 'from' && isWord(c, i + 1, 'now', 'today')) {
    if (n === undefined || !gran || !Number.isInteger(n))
      return { spec: fixed('DATE', 'FUTURE_REF'), next: i + 2 };
    return {
      spec: date({ gran: isWord(c, i + 1, 'today') ? 'day' : gran, shift: shiftUnit(unit, n) }),
      next: i + 2,
    };
  }
  return undefined;
}
