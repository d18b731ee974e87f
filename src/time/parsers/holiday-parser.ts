/**
 * Named days: "Christmas", "Christmas Eve", "New Year's Day", "Thanksgiving (Day)", "Election Day",
 * "Independence Day", "Labor Day", "Memorial Day", "Halloween", "Valentine's Day". Fixed ones are a
 * month and day; the others the n-th weekday of a month, computed for the year chosen.
 */
import { date, isPunct, lower, proposal, readYear, tok } from '../grammar.js';
import type { ParseContext, Parser, Proposal } from '../result.js';
import { Kind } from '../tokens.js';

interface Holiday {
  readonly words: readonly string[];
  readonly month: number;
  /** A fixed day, or the n-th (negative: from the end) weekday of the month. */
  readonly day?: number;
  readonly nth?: { readonly n: number; readonly weekday: number; readonly plus?: number };
}

const HOLIDAYS: readonly Holiday[] = [
  { words: ['christmas', 'eve'], month: 12, day: 24 },
  { words: ['christmas', 'day'], month: 12, day: 25 },
  { words: ['christmas'], month: 12, day: 25 },
  { words: ['new', 'year', "'", 's', 'eve'], month: 12, day: 31 },
  { words: ['new', 'year', "'", 's', 'day'], month: 1, day: 1 },
  { words: ['independence', 'day'], month: 7, day: 4 },
  { words: ['halloween'], month: 10, day: 31 },
  { words: ['valentine', "'", 's', 'day'], month: 2, day: 14 },
  { words: ['thanksgiving', 'day'], month: 11, nth: { n: 4, weekday: 4 } },
  { words: ['thanksgiving'], month: 11, nth: { n: 4, weekday: 4 } },
  { words: ['labor', 'day'], month: 9, nth: { n: 1, weekday: 1 } },
  { words: ['memorial', 'day'], month: 5, nth: { n: -1, weekday: 1 } },
  { words: ['election', 'day'], month: 11, nth: { n: 1, weekday: 1, plus: 1 } },
];

function matchWords(c: ParseContext, i: number, words: readonly string[]): number | undefined {
  let j = i;
  for (const w of words) {
    const t = tok(c, j);
    if (!t || (t.lower !== w && !(w === "'" && t.text === '\u2019'))) return undefined;
    j++;
  }
  return j;
}

export const holidayParser: Parser = {
  name: 'holiday-parser',
  triggers: [
    'christmas',
    'new',
    'independence',
    'halloween',
    'valentine',
    'thanksgiving',
    'labor',
    'memorial',
    'election',
    'last',
    'next',
    'this',
  ],
  parse(c: ParseContext, i: number): Proposal | undefined {
    let j = i;
    const rel = lower(c, i);
    const relative = rel === 'last' || rel === 'next' || rel === 'this';
    if (relative) j++;
    if (!c.tokens.capitalized(j)) return undefined;
    for (const h of HOLIDAYS) {
      const end = matchWords(c, j, h.words);
      if (end === undefined) continue;
      const comma = isPunct(c, end, ',') ? 1 : 0;
      const y = readYear(c, end + comma);
      const year = y && tok(c, end + comma)?.kind === Kind.Number ? y.value : undefined;
      const last = year !== undefined ? (y?.next ?? end) : end;
      const direction =
        rel === 'last'
          ? { direction: 'past' as const, strict: true }
          : rel === 'next'
            ? { direction: 'future' as const, strict: true }
            : { direction: 'tense' as const };
      const when = year !== undefined ? { year } : direction;
      if (h.nth) {
        return proposal(
          c,
          i,
          last,
          this.name,
          date({ gran: 'day', month: h.month, nth: h.nth, ...when }),
          0.85,
        );
      }
      return proposal(
        c,
        i,
        last,
        this.name,
        date({ gran: 'day', month: h.month, day: h.day as number, ...when }),
        0.9,
      );
    }
    return undefined;
  },
};
