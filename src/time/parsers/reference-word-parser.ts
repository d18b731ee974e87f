/**
 * Words that point at the present, past or future without a date: "now", "currently", "recently",
 * "the past", "the future", "soon", "these days", "the near term", and "for a while".
 */
import { fixed, followedBy, hyphenAt, isWord, lower, proposal, tok } from '../grammar.js';
import type { ParseContext, Parser, Proposal } from '../result.js';

const SINGLE = new Map([
  ['now', 'PRESENT_REF'],
  ['currently', 'PRESENT_REF'],
  ['presently', 'PRESENT_REF'],
  ['nowadays', 'PRESENT_REF'],
  ['recently', 'PAST_REF'],
  ['lately', 'PAST_REF'],
  ['current', 'PRESENT_REF'],
]);

export const referenceWordParser: Parser = {
  name: 'reference-word-parser',
  triggers: [
    ...SINGLE.keys(),
    ...followedBy('a', ['while']),
    ...followedBy('the', [
      'near',
      'distant',
      'foreseeable',
      'immediate',
      'recent',
      'future',
      'past',
      'short',
      'long',
    ]),
    'these',
    'present',
  ],
  parse(c: ParseContext, i: number): Proposal | undefined {
    const rule = this.name;
    const w = lower(c, i) ?? '';
    const single = SINGLE.get(w);
    if (single) {
      if (hyphenAt(c, i + 1)) return undefined; // "now-defunct", "future-proof"
      if (w === 'current') {
        // the adjective only: "current account", "the current" (electric) are not times
        const next = tok(c, i + 1);
        if (next?.kind !== 0 || isWord(c, i + 1, 'account', 'accounts', 'and', 'of', 'is', 'was', 'in'))
          return undefined;
        if (isWord(c, i + 1, 'quarter', 'year', 'month', 'week')) return undefined;
      }
      if (w === 'future') {
        if (isWord(c, i - 1, 'the', 'near', 'distant', 'foreseeable')) return undefined;
        if (isWord(c, i + 1, 's')) return undefined;
      }
      if (w === 'soon' && isWord(c, i + 1, 'after', 'afterward', 'afterwards', 'thereafter'))
        return undefined;
      return proposal(c, i, i + 1, rule, fixed('DATE', single), 0.8);
    }
    // "for a while", "after a while": some time of no stated length
    if (w === 'a' && isWord(c, i + 1, 'while') && isWord(c, i - 1, 'for', 'after'))
      return proposal(c, i, i + 2, rule, fixed('DURATION', 'PXX'), 0.7);
    if (w === 'these' && isWord(c, i + 1, 'days'))
      return proposal(c, i, i + 2, rule, fixed('DATE', 'PRESENT_REF'), 0.8);
    if (w === 'present' && isWord(c, i - 1, 'at') && !isWord(c, i + 1, 'time'))
      return proposal(c, i, i + 1, rule, fixed('DATE', 'PRESENT_REF'), 0.7);
    if (w !== 'the') return undefined;
    let j = i + 1;
    if (isWord(c, j, 'near', 'distant', 'foreseeable', 'immediate', 'recent')) j++;
    const what = lower(c, j) ?? '';
    if (what === 'future' && !hyphenAt(c, j + 1))
      return proposal(c, i, j + 1, rule, fixed('DATE', 'FUTURE_REF'), 0.85);
    if (
      what === 'past' &&
      j === i + 1 &&
      !isWord(
        c,
        j + 1,
        'few',
        'several',
        'year',
        'week',
        'month',
        'decade',
        'century',
        'weekend',
        'quarter',
      ) &&
      !hyphenAt(c, j + 1)
    ) {
      // "the past" followed by a number is a duration
      if (tok(c, j + 1)?.kind === 1) return undefined;
      return proposal(c, i, j + 1, rule, fixed('DATE', 'PAST_REF'), 0.8);
    }
    if (what === 'past' && j === i + 2 && isWord(c, i + 1, 'recent'))
      return proposal(c, i, j + 1, rule, fixed('DATE', 'PAST_REF'), 0.8);
    if (what === 'term' && isWord(c, j - 1, 'near', 'short', 'long') && j === i + 2 && !hyphenAt(c, j + 1)) {
      return proposal(c, i, j + 1, rule, fixed('DATE', 'FUTURE_REF'), 0.7);
    }
    if (isWord(c, i + 1, 'short', 'long') && isWord(c, i + 2, 'term') && !hyphenAt(c, i + 3)) {
      return proposal(c, i, i + 3, rule, fixed('DATE', 'FUTURE_REF'), 0.7);
    }
    return undefined;
  },
};
