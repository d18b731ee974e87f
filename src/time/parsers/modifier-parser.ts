/**
 * Modifiers around another parser's expression: "early next year" (START), "mid-1996" (MID),
 * "the end of the year" (END), "about two years" (APPROX), "more than four hours" (MORE_THAN),
 * "at least 30 days", "the next year or so". The core is read by the parsers it is built with.
 */
import { followedBy, isWord, lower, proposal, skipHyphen } from '../grammar.js';
import type { ParseContext, Parser, Proposal, TimeSpec } from '../result.js';

interface Prefix {
  readonly mod: string;
  readonly next: number;
  readonly point: boolean; // START/END/MID apply to dates, not amounts
}

function readPrefix(c: ParseContext, i: number): Prefix | undefined {
  const w = lower(c, i) ?? '';
  // the word after is compared in place, and only by the modifiers that go on with one
  switch (w) {
    case 'early':
      return { mod: 'START', next: i + 1, point: true };
    case 'earlier':
      // earlier this year, earlier Sunday, earlier in the month
      return { mod: 'START', next: isWord(c, i + 1, 'in') ? i + 2 : i + 1, point: true };
    case 'late':
      return { mod: 'END', next: i + 1, point: true };
    case 'later':
      return { mod: 'END', next: isWord(c, i + 1, 'in') ? i + 2 : i + 1, point: true };
    case 'mid':
      return { mod: 'MID', next: skipHyphen(c, i + 1), point: true };
    case 'the':
      if (!isWord(c, i + 2, 'of')) return undefined;
      if (isWord(c, i + 1, 'end', 'close')) return { mod: 'END', next: i + 3, point: true };
      if (isWord(c, i + 1, 'middle')) return { mod: 'MID', next: i + 3, point: true };
      if (isWord(c, i + 1, 'beginning', 'start')) return { mod: 'START', next: i + 3, point: true };
      return undefined;
    case 'sometime':
      return { mod: '', next: i + 1, point: true };
    case 'about':
    case 'around':
    case 'approximately':
    case 'roughly':
    case 'some':
    case 'circa':
      return { mod: 'APPROX', next: i + 1, point: false };
    case 'nearly':
    case 'almost':
      return { mod: w === 'almost' ? 'LESS_THAN' : 'EQUAL_OR_LESS', next: i + 1, point: false };
    case 'more':
    case 'less':
    case 'fewer':
      return isWord(c, i + 1, 'than')
        ? { mod: w === 'more' ? 'MORE_THAN' : 'LESS_THAN', next: i + 2, point: false }
        : undefined;
    case 'over':
      return { mod: 'MORE_THAN', next: i + 1, point: false };
    case 'under':
      return { mod: 'LESS_THAN', next: i + 1, point: false };
    case 'at':
      if (isWord(c, i + 1, 'least')) return { mod: 'EQUAL_OR_MORE', next: i + 2, point: false };
      if (isWord(c, i + 1, 'most')) return { mod: 'EQUAL_OR_LESS', next: i + 2, point: false };
      return undefined;
    case 'up':
      return isWord(c, i + 1, 'to') ? { mod: 'EQUAL_OR_LESS', next: i + 2, point: false } : undefined;
    case 'no':
      if (isWord(c, i + 2, 'than')) {
        if (isWord(c, i + 1, 'more')) return { mod: 'EQUAL_OR_LESS', next: i + 3, point: false };
        if (isWord(c, i + 1, 'less')) return { mod: 'EQUAL_OR_MORE', next: i + 3, point: false };
      }
      return undefined;
    default:
      return undefined;
  }
}

function withMod(spec: TimeSpec, mod: string): TimeSpec {
  return { ...spec, mod };
}

const isDuration = (spec: TimeSpec) => spec.kind === 'fixed' && spec.type === 'DURATION';
const isRef = (spec: TimeSpec) => spec.kind === 'fixed' && spec.value.endsWith('_REF');

/** A parser that reads a modifier and hands the rest to `core` (the parser list without itself). */
export function modifierParser(core: (c: ParseContext, i: number) => Proposal | undefined): Parser {
  return {
    name: 'modifier-parser',
    triggers: [
      'early',
      'earlier',
      'late',
      'later',
      'mid',
      ...followedBy('the', ['end', 'beginning', 'start', 'middle', 'close']),
      'about',
      'around',
      'approximately',
      'roughly',
      'some',
      'circa',
      'nearly',
      'almost',
      'more',
      'less',
      'fewer',
      'over',
      'under',
      'at',
      'up',
      'no',
      'sometime',
    ],
    parse(c: ParseContext, i: number): Proposal | undefined {
      const prefix = readPrefix(c, i);
      let p: Proposal | undefined;
      let first = i;
      let mod: string | undefined;
      if (prefix) {
        const inner = core(c, prefix.next);
        if (inner && !isRef(inner.spec)) {
          const dated = inner.spec.kind === 'date';
          const ago = inner.rule === 'duration-parser' && dated;
          const ok = prefix.point
            ? dated ||
              (inner.spec.kind === 'fixed' && inner.spec.type !== 'DURATION' && inner.spec.type !== 'SET')
            : isDuration(inner.spec) || ago || prefix.mod === 'APPROX';
          // "later" and "earlier" only before a day or a period named from now: "earlier this year"
          const w = lower(c, i);
          const relative =
            w === 'earlier' || w === 'later'
              ? inner.rule === 'relative-day-parser' || inner.rule === 'relative-unit-parser'
              : true;
          // "over the past two years": the span starts at "the"
          const overThe = (w === 'over' || w === 'under' || w === 'some') && isWord(c, prefix.next, 'the');
          // "around Wednesday" is a place in the week, not an approximation TimeML marks
          const aroundDay = prefix.mod === 'APPROX' && inner.rule === 'weekday-parser';
          if (overThe || aroundDay) p = undefined;
          else if (ok && relative && !(w === 'some' && !isDuration(inner.spec))) {
            p = inner;
            first = i;
            mod = prefix.mod;
          }
        }
      }
      if (!p) return undefined;
      return proposal(c, first, p.last, p.rule, mod ? withMod(p.spec, mod) : p.spec, p.confidence);
    },
  };
}

/** "or so", "or later", "and beyond" after any expression. */
export function readSuffix(c: ParseContext, i: number): { mod: string; next: number } | undefined {
  if (isWord(c, i, 'or') && isWord(c, i + 1, 'so')) return { mod: 'APPROX', next: i + 2 };
  if (isWord(c, i, 'or') && isWord(c, i + 1, 'later')) return { mod: 'ON_OR_AFTER', next: i + 2 };
  if (isWord(c, i, 'or') && isWord(c, i + 1, 'earlier')) return { mod: 'ON_OR_BEFORE', next: i + 2 };
  if (isWord(c, i, 'and') && isWord(c, i + 1, 'beyond')) return { mod: 'ON_OR_AFTER', next: i + 2 };
  return undefined;
}
