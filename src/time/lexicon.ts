/** Word lists of the English time grammar, keyed by lower-case token. */
import { TENS, UNITS as UNIT_WORDS } from '../text/number-words.js';

export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1],
  ['february', 2],
  ['march', 3],
  ['april', 4],
  ['may', 5],
  ['june', 6],
  ['july', 7],
  ['august', 8],
  ['september', 9],
  ['october', 10],
  ['november', 11],
  ['december', 12],
]);

/** Abbreviations, accepted only when followed by a period or a day number. */
export const MONTH_ABBREVIATIONS: ReadonlyMap<string, number> = new Map([
  ['jan', 1],
  ['feb', 2],
  ['mar', 3],
  ['apr', 4],
  ['jun', 6],
  ['jul', 7],
  ['aug', 8],
  ['sep', 9],
  ['sept', 9],
  ['oct', 10],
  ['nov', 11],
  ['dec', 12],
]);

export const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['monday', 1],
  ['tuesday', 2],
  ['wednesday', 3],
  ['thursday', 4],
  ['friday', 5],
  ['saturday', 6],
  ['sunday', 7],
]);

export const WEEKDAY_ABBREVIATIONS: ReadonlyMap<string, number> = new Map([
  ['mon', 1],
  ['tue', 2],
  ['tues', 2],
  ['wed', 3],
  ['thu', 4],
  ['thur', 4],
  ['thurs', 4],
  ['fri', 5],
  ['sat', 6],
  ['sun', 7],
]);

export const SEASONS: ReadonlyMap<string, string> = new Map([
  ['spring', 'SP'],
  ['summer', 'SU'],
  ['fall', 'FA'],
  ['autumn', 'FA'],
  ['winter', 'WI'],
]);

export const PARTS_OF_DAY: ReadonlyMap<string, string> = new Map([
  ['morning', 'MO'],
  ['afternoon', 'AF'],
  ['evening', 'EV'],
  ['night', 'NI'],
  ['overnight', 'NI'],
]);

export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ...[...UNIT_WORDS].filter(([, n]) => n > 0),
  ...TENS,
  ['hundred', 100],
  ['thousand', 1000],
  ['dozen', 12],
]);

export const ORDINALS: ReadonlyMap<string, number> = new Map([
  ['first', 1],
  ['second', 2],
  ['third', 3],
  ['fourth', 4],
  ['fifth', 5],
  ['sixth', 6],
  ['seventh', 7],
  ['eighth', 8],
  ['ninth', 9],
  ['tenth', 10],
  ['eleventh', 11],
  ['twelfth', 12],
  ['thirteenth', 13],
  ['fourteenth', 14],
  ['fifteenth', 15],
  ['sixteenth', 16],
  ['seventeenth', 17],
  ['eighteenth', 18],
  ['nineteenth', 19],
  ['twentieth', 20],
  ['twenty-first', 21],
  ['last', -1],
  ['final', -1],
]);

/** Vague amounts: the count is unknown (`X`) in TIMEX3. */
export const VAGUE_AMOUNTS: ReadonlySet<string> = new Set(['few', 'several', 'many', 'some', 'couple']);

export type Unit =
  | 'second'
  | 'minute'
  | 'hour'
  | 'day'
  | 'week'
  | 'month'
  | 'quarter'
  | 'year'
  | 'decade'
  | 'century';

export const UNITS: ReadonlyMap<string, Unit> = new Map([
  ['second', 'second'],
  ['seconds', 'second'],
  ['sec', 'second'],
  ['secs', 'second'],
  ['minute', 'minute'],
  ['minutes', 'minute'],
  ['min', 'minute'],
  ['mins', 'minute'],
  ['hour', 'hour'],
  ['hours', 'hour'],
  ['hr', 'hour'],
  ['hrs', 'hour'],
  ['day', 'day'],
  ['days', 'day'],
  ['week', 'week'],
  ['weeks', 'week'],
  ['month', 'month'],
  ['months', 'month'],
  ['quarter', 'quarter'],
  ['quarters', 'quarter'],
  ['year', 'year'],
  ['years', 'year'],
  ['decade', 'decade'],
  ['decades', 'decade'],
  ['century', 'century'],
  ['centuries', 'century'],
]);

/** TIMEX3 duration of `n` units (`n` undefined: unknown count). */
/** The unit a fraction of `unit` is written in, and how many of it make one: "2 1/2 years" is `P2Y6M`. */
const SUBUNIT: Partial<Record<Unit, { unit: Unit; per: number }>> = {
  year: { unit: 'month', per: 12 },
  month: { unit: 'day', per: 30 },
  day: { unit: 'hour', per: 24 },
  hour: { unit: 'minute', per: 60 },
  minute: { unit: 'second', per: 60 },
};

export function durationValue(unit: Unit, n: number | undefined): string {
  const sub = SUBUNIT[unit];
  if (n !== undefined && sub && !Number.isInteger(n) && Number.isInteger((n % 1) * sub.per)) {
    const whole = Math.floor(n);
    const rest = durationValue(sub.unit, (n % 1) * sub.per);
    const head = whole > 0 ? durationValue(unit, whole) : '';
    // the time part of a value starts once: P1DT12H, PT5H30M
    if (!head) return rest;
    return head + (head.includes('T') && rest.startsWith('PT') ? rest.slice(2) : rest.slice(1));
  }
  const count = (k: number) => (n === undefined ? 'X' : String(Math.round(n * k * 1000) / 1000));
  switch (unit) {
    case 'second':
      return `PT${count(1)}S`;
    case 'minute':
      return `PT${count(1)}M`;
    case 'hour':
      return `PT${count(1)}H`;
    case 'day':
      return `P${count(1)}D`;
    case 'week':
      return `P${count(1)}W`;
    case 'month':
      return `P${count(1)}M`;
    case 'quarter':
      return `P${count(1)}Q`;
    case 'year':
      return `P${count(1)}Y`;
    // TimeBank counts decades in years ("two decades": P20Y, "decades-long": PXY) and writes an
    // uncounted span of centuries with TIMEX2's letter: PXC
    case 'decade':
      return n === undefined ? 'PXY' : `P${count(10)}Y`;
    case 'century':
      return n === undefined ? 'PXC' : `P${count(100)}Y`;
  }
}

/** `P1D` for "daily" and friends: the period of a SET. */
export const FREQUENCY_ADVERBS: ReadonlyMap<string, string> = new Map([
  ['hourly', 'PT1H'],
  ['daily', 'P1D'],
  ['nightly', 'P1D'],
  ['weekly', 'P1W'],
  ['biweekly', 'P2W'],
  ['monthly', 'P1M'],
]);

/** Words that never start a time but make the next word one: the prepositions of time. */
export const TIME_PREPOSITIONS: ReadonlySet<string> = new Set([
  'in',
  'on',
  'since',
  'until',
  'till',
  'by',
  'from',
  'during',
  'through',
  'throughout',
  'before',
  'after',
  'of',
  'early',
  'late',
  'mid',
  'last',
  'next',
  'this',
  'each',
  'every',
  'between',
  'to',
  'and',
  'or',
  'at',
  'for',
  'around',
  'about',
  'circa',
  'past',
  'that',
  'till',
  'into',
  'as',
  'than',
  'within',
  'toward',
  'towards',
  'ahead',
]);
