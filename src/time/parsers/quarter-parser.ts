/**
 * Fiscal and calendar quarters and halves: "the third quarter", "third-quarter", "the first half of
 * 2024", "the fourth quarter of last year", "Q3 2025".
 */
import {
  date,
  followedBy,
  hyphenAt,
  isNumber,
  isPunct,
  isWord,
  lower,
  mayBeYearOrOrdinal,
  ORDINAL_STARTS,
  proposal,
  readOrdinal,
  readYear,
  skipHyphen,
  tok,
} from '../grammar.js';
import type { DateSpec, ParseContext, Parser, Proposal } from '../result.js';
import { Kind, touches } from '../tokens.js';
import { decadeAt } from './year-parser.js';

const RELATIVE_YEAR = new Map([
  ['last', -1],
  ['this', 0],
  ['next', 1],
  ['previous', -1],
  ['the', 0],
]);

/** "of 2024", "2024", "of fiscal 2024", "of last year", "of the year". */
function yearAfter(c: ParseContext, i: number): { spec: Partial<DateSpec>; next: number } | undefined {
  let j = i;
  const of = isWord(c, j, 'of', 'in');
  if (of) j++;
  if (isWord(c, j, 'fiscal')) j++;
  if (isWord(c, j, 'year') && j > i) j++;
  const y = readYear(c, j);
  if (y && tok(c, j)?.kind === Kind.Number) return { spec: { year: y.value }, next: y.next };
  const rel = RELATIVE_YEAR.get(lower(c, j) ?? '');
  if (of && rel !== undefined && isWord(c, j + 1, 'year')) {
    return { spec: rel === 0 ? {} : { shift: { unit: 'year', n: rel } }, next: j + 2 };
  }
  return undefined;
}

export const quarterParser: Parser = {
  name: 'quarter-parser',
  triggers: [
    ...followedBy('the', [...ORDINAL_STARTS, "'", '\u2019', 'this', 'last', 'next', 'year', 'fiscal']),
    'first',
    'second',
    'third',
    'fourth',
    'last',
    'q',
    'fiscal',
    'this',
    'next',
    'year',
    '#',
  ],
  parse(c: ParseContext, i: number): Proposal | undefined {
    // a number is a year of four digits ("1988 third quarter") or an ordinal ("3rd quarter")
    if (c.tokens.kind(i) === Kind.Number && !mayBeYearOrOrdinal(c, i)) return undefined;
    const rule = this.name;
    let j = i;
    // Q3, Q3 2025
    if (isWord(c, j, 'q') && isNumber(c, j + 1) && touches(c.tokens, j + 1)) {
      const q = Number(tok(c, j + 1)?.text);
      if (q < 1 || q > 4 || tok(c, j)?.text !== 'Q') return undefined;
      const y = yearAfter(c, j + 2);
      return proposal(
        c,
        i,
        y ? y.next : j + 2,
        rule,
        date({ gran: 'quarter', quarter: q, ...(y ? y.spec : { direction: 'past' as const }) }),
        0.85,
      );
    }
    let fiscalYear: number | undefined;
    if (isWord(c, j, 'fiscal')) {
      const y = readYear(c, j + 1);
      if (!y) return undefined;
      fiscalYear = y.value;
      j = y.next;
    }
    if (isWord(c, j, 'the')) j++;
    // the 1988 third quarter, this year's first half, the year-earlier second quarter
    let yearSpec: Partial<DateSpec> | undefined;
    const stated = readYear(c, j);
    if (stated && tok(c, j)?.kind === Kind.Number && fiscalYear === undefined) {
      yearSpec = { year: stated.value };
      j = stated.next;
    } else if (
      isWord(c, j, 'this', 'last', 'next') &&
      isWord(c, j + 1, 'year') &&
      tok(c, j + 2)?.text === "'" &&
      isWord(c, j + 3, 's')
    ) {
      const n = RELATIVE_YEAR.get(lower(c, j) ?? '') ?? 0;
      yearSpec = n === 0 ? {} : { shift: { unit: 'year', n } };
      j += 4;
    } else if (isWord(c, j, 'year') && hyphenAt(c, j + 1) && isWord(c, j + 2, 'earlier', 'ago')) {
      yearSpec = { shift: { unit: 'year', n: -1 } };
      j += 3;
    }
    if (yearSpec && isPunct(c, j, "'") && isWord(c, j + 1, 's')) j += 2;
    // last year's quarter, the year-ago period: the same quarter a year before
    if (yearSpec?.shift && isWord(c, j, 'quarter', 'period')) {
      return proposal(c, i, j + 1, rule, date({ gran: 'year', ...yearSpec, sameTerm: true }), 0.75);
    }
    if (isWord(c, j, 'fiscal')) j++;
    const ord = readOrdinal(c, j);
    if (!ord) return undefined;
    // "the first two quarters of 1990": a half
    if (
      (ord.value === 1 || ord.value === -1) &&
      isWord(c, ord.next, 'two') &&
      isWord(c, ord.next + 1, 'quarters')
    ) {
      const y = yearAfter(c, ord.next + 2);
      const half = ord.value === 1 ? 1 : 2;
      if (y) return proposal(c, i, y.next, rule, date({ gran: 'half', half, ...y.spec }), 0.85);
      return undefined;
    }
    const k = skipHyphen(c, ord.next);
    const what = lower(c, k) ?? '';
    // "the last half of the '80s": the decade's end
    if (what === 'half' && isWord(c, k + 1, 'of')) {
      const d = decadeAt(c, isWord(c, k + 2, 'the') ? k + 3 : k + 2);
      if (d && (ord.value === 1 || ord.value === 2 || ord.value === -1)) {
        const mod = ord.value === 1 ? 'START' : 'END';
        return proposal(c, i, d.next, rule, date({ gran: 'decade', decade: d.decade, mod }), 0.85);
      }
    }
    if (what !== 'quarter' && what !== 'half') return undefined;
    const max = what === 'quarter' ? 4 : 2;
    const n = ord.value === -1 ? max : ord.value;
    if (n < 1 || n > max) return undefined;
    const gran = what === 'quarter' ? ('quarter' as const) : ('half' as const);
    const field = gran === 'quarter' ? { quarter: n } : { half: n };
    if (yearSpec) {
      const shifted = yearSpec.shift ? { ...yearSpec, direction: 'past' as const } : yearSpec;
      return proposal(c, i, k + 1, rule, date({ gran, ...field, ...shifted }), 0.9);
    }
    // "the third-quarter results": the article goes with "results"
    const adjective = hyphenAt(c, ord.next) && i < j && isWord(c, i, 'the') && !isWord(c, k + 1, 'of');
    const from = adjective && fiscalYear === undefined ? i + 1 : i;
    const y = fiscalYear !== undefined ? { spec: { year: fiscalYear }, next: k + 1 } : yearAfter(c, k + 1);
    if (y) return proposal(c, from, y.next, rule, date({ gran, ...field, ...y.spec }), 0.9);
    return proposal(c, from, k + 1, rule, date({ gran, ...field, direction: 'past' }), 0.85);
  },
};
