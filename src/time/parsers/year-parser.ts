/**
 * Years and longer calendar periods written as numbers: "1990", "fiscal 1989", "the 1990s", "'80s",
 * "the 20th century", "the eighties".
 */
import {
  date,
  followedBy,
  isApostrophe,
  isPunct,
  isWord,
  lower,
  mayBeYearOrOrdinal,
  ORDINAL_STARTS,
  proposal,
  readNumber,
  readOrdinal,
  readSpokenYear,
  readYear,
  skipHyphen,
  tok,
} from '../grammar.js';
import type { ParseContext, Parser, Proposal } from '../result.js';
import { Kind, touches, WordTable } from '../tokens.js';

const DECADE_WORDS = new Map([
  ['twenties', 2],
  ['thirties', 3],
  ['forties', 4],
  ['fifties', 5],
  ['sixties', 6],
  ['seventies', 7],
  ['eighties', 8],
  ['nineties', 9],
]);

const MOD_WORDS = new Map([
  ['early', 'START'],
  ['mid', 'MID'],
  ['late', 'END'],
]);

/** The two lists looked up in place at every token the parser is tried at. */
const DECADE_TABLE = new WordTable(DECADE_WORDS);
const MOD_TABLE = new WordTable(MOD_WORDS);

/** Words after a number that make it a count, not a year: "2000 troops", "1990 levels" stays a year. */
const NOT_AFTER_YEAR = new Set([
  'percent',
  'per',
  'pct',
  'people',
  'troops',
  'soldiers',
  'shares',
  'tons',
  'tonnes',
  'km',
  'miles',
  'meters',
  'metres',
  'feet',
  'yards',
  'dollars',
  'won',
  'yen',
  'yuan',
  'euros',
  'pounds',
  'points',
  'units',
  'cars',
  'workers',
  'employees',
  'jobs',
  'members',
  'students',
  'cases',
  'deaths',
  'votes',
  'barrels',
  'acres',
  'hectares',
  'kilometers',
  'kilometres',
  'hours',
  'minutes',
  'seconds',
  'days',
  'weeks',
  'months',
  'years',
  'times',
  'rounds',
  'pages',
  'words',
  'residents',
  'families',
  'homes',
  'houses',
  'children',
  'men',
  'women',
  'officers',
  'police',
  'vehicles',
  'civilians',
  'refugees',
  'prisoners',
  'patients',
  'calories',
  'degrees',
]);

const NOT_BEFORE_YEAR = new Set([
  'no',
  'number',
  'nos',
  'flight',
  'route',
  'page',
  'room',
  'highway',
  'interstate',
  'model',
  'type',
  'version',
  'resolution',
  'article',
  'section',
  'chapter',
  'rule',
  'about',
  'nearly',
  'some',
  'over',
  'than',
  'approximately',
  'roughly',
  'around',
  'only',
  'just',
  'almost',
]);
const YEAR_CUES = new Set([
  'in',
  'since',
  'of',
  'until',
  'till',
  'by',
  'from',
  'during',
  'before',
  'after',
  'year',
  'circa',
  'through',
  'early',
  'late',
  'mid',
  'to',
  'and',
  'fiscal',
  'between',
  'throughout',
  'spring',
  'summer',
  'autumn',
  'fall',
  'winter',
]);

const AGE_OWNERS = ['his', 'her', 'their', 'my', 'your', 'our'];

/** A decade: "1990s", "'80s", "the eighties" (its word). */
export function decadeAt(c: ParseContext, i: number): { decade: number; next: number } | undefined {
  // kinds, widths and last digits first, in place: most tokens asked are no decade
  const kind = c.tokens.kind(i);
  if (kind === -1) return undefined;
  // 1990s
  if (
    kind === Kind.Number &&
    c.tokens.width(i) === 4 &&
    c.tokens.lastCode(i) === 48 &&
    isWord(c, i + 1, 's') &&
    touches(c.tokens, i + 1)
  ) {
    return { decade: Number(tok(c, i)?.text.slice(0, 3)), next: i + 2 };
  }
  // '80s, 80s
  const apostrophe = isApostrophe(c, i);
  const j = apostrophe ? i + 1 : i;
  if (
    c.tokens.kind(j) === Kind.Number &&
    c.tokens.width(j) === 2 &&
    c.tokens.lastCode(j) === 48 &&
    (!apostrophe || touches(c.tokens, j)) &&
    isWord(c, j + 1, 's') &&
    touches(c.tokens, j + 1)
  ) {
    const yy = Number(tok(c, j)?.text);
    return { decade: yy < 30 ? 200 + yy / 10 : 190 + yy / 10, next: j + 2 };
  }
  const w = DECADE_TABLE.get(c.tokens, i);
  if (w !== undefined) return { decade: 190 + w, next: i + 1 };
  return undefined;
}

export const yearParser: Parser = {
  name: 'year-parser',
  triggers: [
    '#',
    ...followedBy("'", ['#']),
    ...followedBy('\u2019', ['#']),
    'fiscal',
    'fy',
    ...followedBy('the', [
      ...MOD_WORDS.keys(),
      ...DECADE_WORDS.keys(),
      ...ORDINAL_STARTS,
      "'",
      '\u2019',
      'year',
    ]),
    'early',
    'mid',
    'late',
    'nineteen',
    'eighteen',
    ...DECADE_WORDS.keys(),
  ],
  parse(c: ParseContext, i: number): Proposal | undefined {
    // a number is a year of four digits, or has a word joined on: "80s", "20th century"
    if (c.tokens.kind(i) === Kind.Number && !mayBeYearOrOrdinal(c, i)) return undefined;
    const rule = this.name;
    let j = i;
    const hasThe = isWord(c, j, 'the');
    if (hasThe) j++;
    // the early/mid/late 1990s, mid-1990s
    let mod: string | undefined;
    const m = MOD_TABLE.get(c.tokens, j);
    if (m) {
      mod = m;
      j = skipHyphen(c, j + 1);
    }
    const dec = decadeAt(c, j);
    if (dec) {
      if (DECADE_TABLE.has(c.tokens, j) && !hasThe) return undefined;
      // "in his 30s", "their early twenties": an age
      if (isWord(c, i - 1, ...AGE_OWNERS) && tok(c, j)?.text.length !== 4) return undefined;
      return proposal(
        c,
        i,
        dec.next,
        rule,
        date({ gran: 'decade', decade: dec.decade, ...(mod ? { mod } : {}) }),
        0.9,
      );
    }
    // the 20th century, the twenty-first century
    const ord = readOrdinal(c, j);
    if (ord && ord.value > 0 && isWord(c, ord.next, 'century') && (hasThe || ord.value > 9)) {
      return proposal(
        c,
        i,
        ord.next + 1,
        rule,
        date({ gran: 'century', century: ord.value - 1, ...(mod ? { mod } : {}) }),
        0.9,
      );
    }
    // the year two thousand
    if (hasThe && isWord(c, j, 'year')) {
      const n = readNumber(c, j + 1, false);
      if (n && n.value >= 1000 && n.value <= 2100 && Number.isInteger(n.value))
        return proposal(c, i, n.next, rule, date({ gran: 'year', year: n.value }), 0.85);
      const spoken = readSpokenYear(c, j + 1);
      if (spoken) return proposal(c, i, spoken.next, rule, date({ gran: 'year', year: spoken.year }), 0.85);
    }
    // the 1988 period
    if (hasThe) {
      const y = readYear(c, j);
      if (y && tok(c, j)?.kind === Kind.Number && isWord(c, y.next, 'period', 'quarter')) {
        return proposal(c, i, y.next + 1, rule, date({ gran: 'year', year: y.value, sameTerm: true }), 0.8);
      }
      return undefined;
    }
    // fiscal 1989, fiscal year 1989, FY 2024
    if (isWord(c, i, 'fiscal', 'fy')) {
      let k = i + 1;
      if (isWord(c, k, 'year')) k++;
      const y = readYear(c, k);
      if (!y) return undefined;
      return proposal(c, i, y.next, rule, date({ gran: 'year', year: y.value }), 0.9);
    }
    if (mod) {
      // early 1990, mid-1996
      const y = readYear(c, j);
      if (!y || tok(c, j)?.kind !== Kind.Number) return undefined;
      return proposal(c, i, y.next, rule, date({ gran: 'year', year: y.value, mod }), 0.9);
    }
    const spoken = readSpokenYear(c, i);
    if (spoken) return proposal(c, i, spoken.next, rule, date({ gran: 'year', year: spoken.year }), 0.8);
    const t = tok(c, i);
    if (t?.kind !== Kind.Number || t.text.length !== 4) return undefined;
    const y = readYear(c, i);
    if (!y) return undefined;
    const prev = tok(c, i - 1);
    const before = prev?.lower ?? '';
    if (prev && touches(c.tokens, i) && /[$#£€¥\-/.:]/.test(prev.text)) return undefined;
    if (NOT_BEFORE_YEAR.has(before)) return undefined;
    if (before === '.' && NOT_BEFORE_YEAR.has(lower(c, i - 2) ?? '')) return undefined; // "No. 1990"
    if (before === '#') return undefined;
    const after = lower(c, y.next) ?? '';
    if (NOT_AFTER_YEAR.has(after)) return undefined;
    const next = tok(c, y.next);
    if (
      next &&
      touches(c.tokens, y.next) &&
      (next.text === '%' ||
        next.text === ':' ||
        (next.text === '-' && tok(c, y.next + 1)?.kind === Kind.Number))
    )
      return undefined;
    if (y.value < 1900 || y.value > 2099) {
      if (!YEAR_CUES.has(before)) return undefined;
    }
    // "1,990" was refused by readYear; "5 1990" after another number is a count
    if (prev?.kind === Kind.Number && !touches(c.tokens, i)) return undefined;
    if (isPunct(c, i - 1, '$')) return undefined;
    return proposal(
      c,
      i,
      y.next,
      rule,
      date({ gran: 'year', year: y.value }),
      YEAR_CUES.has(before) ? 0.9 : 0.75,
    );
  },
};
