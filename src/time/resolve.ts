/**
 * Turns a date spec into a TIMEX3 value against an anchor date: applies the shift, fills what the
 * text did not state from the anchor (choosing the year on the side the tense points to) and writes
 * the value at the spec's granularity. Pure; no clock is read.
 */
import type { Writable } from '../document/analysis.js';
import {
  addDays,
  addMonths,
  type CalDate,
  compare,
  isoDate,
  isoWeek,
  isValidDate,
  pad,
  quarterOf,
  weekday,
} from './calendar.js';
import type { DateSpec, Field, TimeSpec, TimexType } from './result.js';

export type Tense = 'past' | 'present' | 'future';

export interface Resolved {
  readonly type: TimexType;
  readonly value: string;
  readonly mod?: string;
  readonly stated: readonly Field[];
  readonly implied: readonly Field[];
  /** The day a day-level value names, for later relative expressions ("the next day"). */
  readonly day?: CalDate;
  readonly anchored: boolean;
}

/** A `Resolved` being filled in, field by field. */
type Draft = Partial<Writable<Resolved>>;

const SEASON_START: Record<string, number> = { SP: 3, SU: 6, FA: 9, WI: 12 };

function shiftDate(a: CalDate, unit: string, n: number): CalDate {
  switch (unit) {
    case 'day':
      return addDays(a, n);
    case 'week':
    case 'weekend':
      return addDays(a, 7 * n);
    case 'month':
      return addMonths(a, n);
    case 'quarter':
      return addMonths(a, 3 * n);
    case 'year':
      return addMonths(a, 12 * n);
    case 'decade':
      return addMonths(a, 120 * n);
    case 'century':
      return addMonths(a, 1200 * n);
    case 'hour':
    case 'minute':
    case 'second':
      return a;
    default:
      return a;
  }
}

/** The year that puts `month`/`day` on the `past` or `future` side of the anchor. */
function chooseYear(
  a: CalDate,
  month: number,
  day: number | undefined,
  past: boolean,
  strict: boolean,
): number {
  const probe = { y: a.y, m: month, d: day ?? (strict ? a.d : a.d) };
  const cmp = day === undefined ? month - a.m : compare(probe, a);
  if (past) return cmp < 0 || (cmp === 0 && !strict) ? a.y : a.y - 1;
  return cmp > 0 || (cmp === 0 && !strict) ? a.y : a.y + 1;
}

function statedFields(spec: DateSpec): Field[] {
  // one named read per field, in this order: a loop of keyed reads is slow on specs of many shapes
  const out: Field[] = [];
  if (spec.century !== undefined) out.push('century');
  if (spec.decade !== undefined) out.push('decade');
  if (spec.year !== undefined) out.push('year');
  if (spec.half !== undefined) out.push('half');
  if (spec.quarter !== undefined) out.push('quarter');
  if (spec.season !== undefined) out.push('season');
  if (spec.month !== undefined) out.push('month');
  if (spec.weekday !== undefined) out.push('weekday');
  if (spec.day !== undefined) out.push('day');
  if (spec.partOfDay !== undefined) out.push('partOfDay');
  if (spec.hour !== undefined) out.push('hour');
  if (spec.minute !== undefined) out.push('minute');
  return out;
}

const FIELDS_OF: Record<DateSpec['gran'], Field[]> = {
  century: ['century'],
  decade: ['century', 'decade'],
  year: ['year'],
  half: ['year', 'half'],
  quarter: ['year', 'quarter'],
  season: ['year', 'season'],
  month: ['year', 'month'],
  week: ['year', 'week'],
  weekend: ['year', 'week'],
  day: ['year', 'month', 'day'],
  time: ['year', 'month', 'day', 'partOfDay'],
};

export interface Cue {
  readonly tense: Tense;
  readonly strong: boolean;
  readonly distance: number;
  readonly deadline?: boolean;
}

const MONTH_WEAK_DISTANCE = 10;
const DAY_WEAK_DISTANCE = 2;

const NO_CUE: Cue = { tense: 'present', strong: false, distance: Number.POSITIVE_INFINITY };

export function resolveSpec(spec: TimeSpec, anchor: CalDate | undefined, cue: Cue = NO_CUE): Resolved {
  if (spec.kind === 'fixed') {
    const r: Draft = { type: spec.type, value: spec.value };
    if (spec.mod) r.mod = spec.mod;
    r.stated = spec.stated;
    r.implied = [];
    r.anchored = false;
    return r as Resolved;
  }
  const stated = statedFields(spec);
  const implied = FIELDS_OF[spec.gran].filter(
    (f) => !stated.includes(f) && !(f === 'day' && stated.includes('weekday')),
  );
  const type: TimexType = spec.gran === 'time' ? 'TIME' : 'DATE';
  // the result with these fields first, in this order, whatever the branch (no spreading: it is slow)
  const done = (value: string, anchored: boolean, day?: CalDate): Resolved => {
    const r: Draft = { type, stated, implied };
    if (spec.mod) r.mod = spec.mod;
    r.value = value;
    if (day) r.day = day;
    r.anchored = anchored;
    return r as Resolved;
  };
  if (!anchor) {
    // Nothing to anchor to: keep what was stated, X for the rest.
    return done(unanchoredValue(spec), false);
  }
  // A weekday of news is in the past unless an auxiliary or a nearby plan says otherwise ("will meet
  // Friday", "scheduled to close Monday"). A month or a date follows an auxiliary, or a verb right
  // before it ("ended March 31"); otherwise it lies on whichever side is nearer.
  const weekdayOnly = spec.weekday !== undefined && spec.month === undefined;
  let tense: Tense;
  if (cue.deadline) tense = weekdayOnly ? 'future' : 'present';
  else if (weekdayOnly)
    tense = cue.tense === 'future' && (cue.strong || cue.distance <= 4) ? 'future' : 'past';
  else if (spec.day === undefined)
    tense = cue.strong || cue.distance <= MONTH_WEAK_DISTANCE ? cue.tense : 'present';
  else tense = cue.strong || cue.distance <= DAY_WEAK_DISTANCE ? cue.tense : 'present';
  const past = spec.direction === 'future' ? false : spec.direction === 'past' ? true : tense !== 'future';
  const nearest = spec.direction === 'tense' && tense === 'present';
  const strict = spec.strict === true;
  const a = spec.shift ? shiftDate(anchor, spec.shift.unit, spec.shift.n) : anchor;
  const relativeYear = spec.year === undefined && spec.shift === undefined && spec.direction !== undefined;
  switch (spec.gran) {
    case 'century':
      return done(pad(spec.century ?? Math.floor(a.y / 100), 2), spec.century === undefined);
    case 'decade':
      return done(String(spec.decade ?? Math.floor(a.y / 10)), spec.decade === undefined);
    case 'year':
      return done(pad(spec.year ?? a.y, 4), spec.year === undefined);
    case 'half': {
      const h = spec.half ?? (a.m <= 6 ? 1 : 2);
      let y = spec.year ?? a.y;
      if (relativeYear && spec.half !== undefined) {
        const cur = a.m <= 6 ? 1 : 2;
        if (past && h > cur) y--;
        if (!past && h < cur) y++;
      }
      return done(`${pad(y, 4)}-H${h}`, true);
    }
    case 'quarter': {
      const q = spec.quarter ?? quarterOf(a.m);
      let y = spec.year ?? a.y;
      if (relativeYear && spec.quarter !== undefined) {
        const cur = quarterOf(a.m);
        if (past && (q > cur || (strict && q === cur))) y--;
        if (!past && (q < cur || (strict && q === cur))) y++;
      }
      return done(`${pad(y, 4)}-Q${q}`, true);
    }
    case 'season': {
      const s = spec.season ?? 'SU';
      let y = spec.year ?? a.y;
      if (relativeYear) {
        const start = SEASON_START[s] ?? 6;
        const cur = a.m === 12 || a.m <= 2 ? 12 : a.m - ((a.m - 3) % 3);
        // winter belongs to the year it starts in; January's winter started last year
        const curYear = a.m <= 2 ? a.y - 1 : a.y;
        y = curYear;
        if (past && (start > cur || (strict && start === cur))) y = curYear - 1;
        if (!past && (start < cur || (strict && start === cur))) y = curYear + 1;
      }
      return done(`${pad(y, 4)}-${s}`, true);
    }
    case 'month': {
      const m = spec.month ?? a.m;
      const y =
        spec.year ??
        (relativeYear && spec.month !== undefined
          ? nearest
            ? nearestYear(a, m, 15)
            : chooseYear(a, m, undefined, past, strict)
          : a.y);
      return done(`${pad(y, 4)}-${pad(m)}`, spec.year === undefined);
    }
    case 'week': {
      const w = isoWeek(a);
      return done(`${pad(w.year, 4)}-W${pad(w.week)}`, true);
    }
    case 'weekend': {
      // the weekend of the anchor's week, or the nearest one on the tense's side
      const wd = weekday(a);
      const sat =
        wd >= 6
          ? addDays(a, 6 - wd)
          : past && spec.shift === undefined
            ? addDays(a, -(wd + 1))
            : addDays(a, 6 - wd);
      const w = isoWeek(sat);
      return done(`${pad(w.year, 4)}-W${pad(w.week)}-WE`, true);
    }
    case 'day':
    case 'time': {
      const day = resolveDay(spec, a, past, strict, nearest);
      if (!day) return done(unanchoredValue(spec), false);
      let value = isoDate(day);
      if (spec.gran === 'time') value += timePart(spec);
      return done(value, spec.year === undefined, day);
    }
  }
}

/** The year that puts `month`/`day` nearest the anchor (ties: the past). */
function nearestYear(a: CalDate, month: number, day: number): number {
  let best = a.y;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const y of [a.y - 1, a.y, a.y + 1]) {
    const d = Math.abs((y - a.y) * 372 + (month - a.m) * 31 + (day - a.d));
    if (d < bestDistance) {
      best = y;
      bestDistance = d;
    }
  }
  return best;
}

/** Within a week of the anchor in the anchor's own year. */
function closeBy(a: CalDate, month: number, day: number): boolean {
  return Math.abs((month - a.m) * 31 + (day - a.d)) <= 7;
}

/** The n-th weekday of a month (n < 0 counts from its end). */
export function nthWeekdayOf(y: number, m: number, n: number, wd: number): number {
  if (n > 0) {
    const first = weekday({ y, m, d: 1 });
    return 1 + ((wd - first + 7) % 7) + 7 * (n - 1);
  }
  const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const last = weekday({ y, m, d: lastDay });
  return lastDay - ((last - wd + 7) % 7) + 7 * (n + 1);
}

function resolveDay(
  spec: DateSpec,
  a: CalDate,
  past: boolean,
  strict: boolean,
  nearest: boolean,
): CalDate | undefined {
  if (spec.month !== undefined && spec.nth) {
    const { n, weekday: wd, plus = 0 } = spec.nth;
    const month = spec.month;
    const on = (y: number): CalDate => ({ y, m: month, d: nthWeekdayOf(y, month, n, wd) + plus });
    if (spec.year !== undefined) return on(spec.year);
    const candidates = [on(a.y - 1), on(a.y), on(a.y + 1)];
    if (nearest) {
      const dist = (x: CalDate) => Math.abs((x.y - a.y) * 372 + (x.m - a.m) * 31 + (x.d - a.d));
      return candidates.reduce((b, x) => (dist(x) < dist(b) ? x : b));
    }
    if (past)
      return [...candidates].reverse().find((x) => compare(x, a) < 0 || (!strict && compare(x, a) === 0));
    return candidates.find((x) => compare(x, a) > 0 || (!strict && compare(x, a) === 0));
  }
  if (spec.month !== undefined && spec.day !== undefined) {
    const y =
      spec.year ??
      (spec.shift
        ? a.y
        : nearest || closeBy(a, spec.month, spec.day)
          ? nearestYear(a, spec.month, spec.day)
          : chooseYear(a, spec.month, spec.day, past, strict));
    return isValidDate(y, spec.month, spec.day) ? { y, m: spec.month, d: spec.day } : undefined;
  }
  if (spec.weekday !== undefined) {
    const wd = weekday(a);
    if (spec.shift && (spec.shift.unit === 'week' || spec.shift.unit === 'weekend')) {
      // "Friday of last week": the weekday inside the shifted week
      return addDays(a, spec.weekday - wd);
    }
    if (spec.direction === undefined && !strict) {
      // "this Friday" without tense: the one in the anchor's week
      return addDays(a, spec.weekday - wd);
    }
    if (past) {
      let back = (wd - spec.weekday + 7) % 7;
      if (back === 0 && strict) back = 7;
      return addDays(a, -back);
    }
    let fwd = (spec.weekday - wd + 7) % 7;
    if (fwd === 0 && strict) fwd = 7;
    return addDays(a, fwd);
  }
  if (spec.day !== undefined) {
    // "the 24th": this month
    return isValidDate(a.y, a.m, spec.day) ? { y: a.y, m: a.m, d: spec.day } : undefined;
  }
  return a;
}

function timePart(spec: DateSpec): string {
  if (spec.hour !== undefined) return `T${pad(spec.hour)}:${pad(spec.minute ?? 0)}${spec.zone ?? ''}`;
  return `T${spec.partOfDay ?? 'XX'}`;
}

function unanchoredValue(spec: DateSpec): string {
  const y = spec.year !== undefined ? pad(spec.year, 4) : 'XXXX';
  switch (spec.gran) {
    case 'century':
      return spec.century !== undefined ? pad(spec.century, 2) : 'XX';
    case 'decade':
      return spec.decade !== undefined ? String(spec.decade) : 'XXX';
    case 'year':
      return y;
    case 'half':
      return `${y}-H${spec.half ?? 'X'}`;
    case 'quarter':
      return `${y}-Q${spec.quarter ?? 'X'}`;
    case 'season':
      return `${y}-${spec.season ?? 'XX'}`;
    case 'month':
      return `${y}-${spec.month !== undefined ? pad(spec.month) : 'XX'}`;
    case 'week':
      return `${y}-WXX`;
    case 'weekend':
      return `${y}-WXX-WE`;
    case 'day':
    case 'time': {
      let v =
        spec.weekday !== undefined && spec.month === undefined
          ? `XXXX-WXX-${spec.weekday}`
          : `${y}-${spec.month !== undefined ? pad(spec.month) : 'XX'}-${spec.day !== undefined ? pad(spec.day) : 'XX'}`;
      if (spec.gran === 'time') v += timePart(spec);
      return v;
    }
  }
}
