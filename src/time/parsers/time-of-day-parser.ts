/** Clock times and named times of day: "3 p.m.", "10:35 a.m. EDT", "noon", "midnight", "9 o'clock". */
import { date, isPunct, isWord, lower, proposal, tok } from '../grammar.js';
import type { ParseContext, Parser, Proposal } from '../result.js';
import { Kind, type Token, touches, wordSet } from '../tokens.js';

const ZONES = new Set([
  'edt',
  'est',
  'cdt',
  'cst',
  'mdt',
  'mst',
  'pdt',
  'pst',
  'gmt',
  'utc',
  'bst',
  'cet',
  'cest',
  'kst',
  'jst',
]);
const CLOCK_CUES = new Set([
  'at',
  'by',
  'until',
  'till',
  'before',
  'after',
  'around',
  'about',
  'since',
  'from',
  'to',
]);

/** The words that may follow the hour of a clock time without minutes. */
const CLOCK_WORDS = wordSet(['am', 'pm', 'a', 'p', 'o', 'in']);

/** "a.m."/"p.m."/"am"/"pm" starting at `i`: whether it is p.m. and the next token index. */
function meridiem(c: ParseContext, i: number): { pm: boolean; next: number } | undefined {
  const w = lower(c, i);
  if (w === 'am' || w === 'pm')
    return { pm: w === 'pm', next: isPunct(c, i + 1, '.') && touches(c.tokens, i + 1) ? i + 2 : i + 1 };
  if (
    (w === 'a' || w === 'p') &&
    isPunct(c, i + 1, '.') &&
    isWord(c, i + 2, 'm') &&
    touches(c.tokens, i + 2)
  ) {
    const next = isPunct(c, i + 3, '.') && touches(c.tokens, i + 3) ? i + 4 : i + 3;
    return { pm: w === 'p', next };
  }
  return undefined;
}

export const timeOfDayParser: Parser = {
  name: 'time-of-day-parser',
  triggers: ['#', 'noon', 'midnight', 'midday'],
  parse(c: ParseContext, i: number): Proposal | undefined {
    const rule = this.name;
    const kind = c.tokens.kind(i);
    if (kind === Kind.Word) {
      const t = tok(c, i) as Token;
      if (isWord(c, i - 1, 'high')) return undefined; // "High Noon"
      if (t.lower === 'noon' || t.lower === 'midday')
        return proposal(
          c,
          i,
          i + 1,
          rule,
          date({ gran: 'time', hour: 12, minute: 0, base: 'narrative' }),
          0.85,
        );
      if (t.lower === 'midnight')
        return proposal(
          c,
          i,
          i + 1,
          rule,
          date({ gran: 'time', hour: 24, minute: 0, base: 'narrative' }),
          0.85,
        );
      return undefined;
    }
    // a clock time goes on with ":" or a word: "3 p.m.", "9 o'clock", "4 in the morning"
    // asked before the token is made: most numbers are none
    if (
      kind !== Kind.Number ||
      c.tokens.width(i) > 2 ||
      !(CLOCK_WORDS.has(c.tokens, i + 1) || c.tokens.code(i + 1) === 58)
    )
      return undefined;
    const t = tok(c, i) as Token;
    if (touches(c.tokens, i) && /[\d.,:$/-]/.test(tok(c, i - 1)?.text ?? '')) return undefined;
    let hour = Number(t.text);
    let minute = 0;
    let j = i + 1;
    let clock = false;
    if (
      isPunct(c, j, ':') &&
      touches(c.tokens, j) &&
      tok(c, j + 1)?.kind === Kind.Number &&
      tok(c, j + 1)?.text.length === 2 &&
      touches(c.tokens, j + 1)
    ) {
      minute = Number(tok(c, j + 1)?.text);
      j += 2;
      clock = true;
      if (isPunct(c, j, ':') && tok(c, j + 1)?.kind === Kind.Number) j += 2; // seconds
    }
    if (hour > 24 || minute > 59) return undefined;
    const m = meridiem(c, j);
    if (m) {
      if (hour < 1 || hour > 12) return undefined;
      if (m.pm && hour < 12) hour += 12;
      if (!m.pm && hour === 12) hour = 0;
      j = m.next;
    } else if (isWord(c, j, 'o') && tok(c, j + 1)?.text === "'" && isWord(c, j + 2, 'clock')) {
      j += 3;
    } else if (
      !clock &&
      hour >= 1 &&
      hour <= 12 &&
      CLOCK_CUES.has(lower(c, i - 1) ?? '') &&
      isWord(c, j, 'in') &&
      isWord(c, j + 1, 'the') &&
      isWord(c, j + 2, 'morning', 'afternoon', 'evening')
    ) {
      // "at 4 in the morning", "at 3 in the afternoon"
      if (isWord(c, j + 2, 'morning')) {
        if (hour === 12) hour = 0;
      } else if (hour < 12) hour += 12;
      j += 3;
    } else if (!clock || !(ZONES.has(lower(c, j) ?? '') || CLOCK_CUES.has(lower(c, i - 1) ?? ''))) {
      return undefined;
    }
    const zone = lower(c, j) ?? '';
    const utc = zone === 'utc' || zone === 'gmt' || zone === 'z';
    if (ZONES.has(zone)) j++;
    return proposal(
      c,
      i,
      j,
      rule,
      date({ gran: 'time', hour, minute, base: 'narrative', ...(utc ? { zone: 'Z' } : {}) }),
      0.9,
    );
  },
};
