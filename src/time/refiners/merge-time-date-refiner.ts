/**
 * Joins a clock time and the day it falls on into one TIME: "5 p.m. EST Nov. 9", "midnight Friday",
 * "noon Saturday", "Friday at 3 p.m.", "Oct. 24, 10:35 a.m.".
 */
import type { DateSpec, Proposal, RefineContext, Refiner } from '../result.js';

const DAY_RULES = new Set([
  'weekday-parser',
  'month-name-parser',
  'day-month-parser',
  'relative-day-parser',
  'numeric-date-parser',
  'relative-unit-parser',
]);

function dayOf(p: Proposal): DateSpec | undefined {
  if (p.spec.kind !== 'date' || p.spec.gran !== 'day' || !DAY_RULES.has(p.rule) || p.spec.mod)
    return undefined;
  return p.spec;
}

function clockOf(p: Proposal): DateSpec | undefined {
  return p.rule === 'time-of-day-parser' && p.spec.kind === 'date' && p.spec.hour !== undefined
    ? p.spec
    : undefined;
}

export const mergeTimeDateRefiner: Refiner = {
  name: 'merge-time-date-refiner',
  refine(c: RefineContext, proposals: readonly Proposal[]): readonly Proposal[] {
    const out: Proposal[] = [];
    for (let k = 0; k < proposals.length; k++) {
      const a = proposals[k] as Proposal;
      const b = proposals[k + 1];
      if (b) {
        // only a short gap can join two times (", at" is the longest); lowering a long one copies it for nothing
        const gap = c.text.slice(a.end, b.start).trim();
        const between = gap.length <= 4 ? gap.toLowerCase() : gap;
        const joinable = between === '' || between === ',' || between === 'at' || between === ', at';
        const clockFirst = clockOf(a) && dayOf(b);
        const dayFirst =
          dayOf(a) &&
          clockOf(b) &&
          (between === 'at' || between === ',' || between === ', at' || between === '');
        if (joinable && (clockFirst || dayFirst)) {
          const day = (clockFirst ? dayOf(b) : dayOf(a)) as DateSpec;
          const clock = (clockFirst ? clockOf(a) : clockOf(b)) as DateSpec;
          const { base: _base, ...dayFields } = day;
          const spec: DateSpec = {
            ...dayFields,
            gran: 'time',
            ...(clock.hour !== undefined ? { hour: clock.hour } : {}),
            ...(clock.minute !== undefined ? { minute: clock.minute } : {}),
            ...(clock.zone ? { zone: clock.zone } : {}),
            ...(clock.mod ? { mod: clock.mod } : {}),
            ...(day.base ? { base: day.base } : {}),
          };
          out.push({
            ...a,
            end: b.end,
            last: b.last,
            rule: (clockFirst ? b : a).rule,
            spec,
            confidence: Math.min(a.confidence, b.confidence),
          });
          k++;
          continue;
        }
      }
      // Friday, Oct. 24: one date; the weekday only confirms it
      if (
        b &&
        a.rule === 'weekday-parser' &&
        a.spec.kind === 'date' &&
        a.spec.gran === 'day' &&
        (b.rule === 'month-name-parser' || b.rule === 'day-month-parser') &&
        b.spec.kind === 'date' &&
        b.spec.day !== undefined
      ) {
        const between = c.text.slice(a.end, b.start).trim();
        if (between === ',' || between === '') {
          const { direction: _d, ...rest } = b.spec;
          const spec: DateSpec = {
            ...rest,
            weekday: a.spec.weekday,
            ...(b.spec.year === undefined ? { direction: 'tense' as const } : {}),
          };
          out.push({ ...a, end: b.end, last: b.last, rule: b.rule, spec, confidence: b.confidence });
          k++;
          continue;
        }
      }
      out.push(a);
    }
    return out;
  },
};
