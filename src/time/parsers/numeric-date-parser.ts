/** Numeric dates: ISO `2025-10-24`, US `10/24/2025` and `10/24/25`. */
import { isValidDate } from '../calendar.js';
import { date, isNumber, isPunct, proposal } from '../grammar.js';
import type { ParseContext, Parser, Proposal } from '../result.js';
import { touches } from '../tokens.js';

function num(c: ParseContext, i: number): number | undefined {
  return isNumber(c, i) && touches(c.tokens, i) ? Number(c.tokens.at(i)?.text) : undefined;
}

export const numericDateParser: Parser = {
  name: 'numeric-date-parser',
  triggers: ['#'],
  parse(c: ParseContext, i: number): Proposal | undefined {
    // most numbers have no "-" or "/" joined after them: turned away before any text is cut
    const joiner = c.tokens.code(i + 1);
    if ((joiner !== 45 && joiner !== 47) || c.tokens.width(i + 1) !== 1 || !touches(c.tokens, i + 1))
      return undefined;
    const first = c.tokens.at(i);
    if (!first || (touches(c.tokens, i) && /[\d/-]/.test(c.tokens.at(i - 1)?.text ?? ''))) return undefined;
    const sep = c.tokens.at(i + 1)?.text;
    if (
      (sep !== '-' && sep !== '/') ||
      !touches(c.tokens, i + 1) ||
      !isPunct(c, i + 3, sep) ||
      !touches(c.tokens, i + 3)
    )
      return undefined;
    const b = num(c, i + 2);
    const d = num(c, i + 4);
    if (b === undefined || d === undefined) return undefined;
    // a fourth number joined on ("1-2-3-4") is not a date
    if (touches(c.tokens, i + 5) && /[\d/-]/.test(c.tokens.at(i + 5)?.text ?? '')) return undefined;
    const rule = this.name;
    if (first.text.length === 4 && sep === '-') {
      const y = Number(first.text);
      if (
        c.tokens.at(i + 2)?.text.length !== 2 ||
        c.tokens.at(i + 4)?.text.length !== 2 ||
        !isValidDate(y, b, d)
      )
        return undefined;
      return proposal(c, i, i + 5, rule, date({ gran: 'day', year: y, month: b, day: d }), 0.95);
    }
    if (sep === '/' && first.text.length <= 2) {
      const m = Number(first.text);
      const yText = c.tokens.at(i + 4)?.text ?? '';
      const y = yText.length === 4 ? d : yText.length === 2 ? (d < 30 ? 2000 + d : 1900 + d) : undefined;
      if (y === undefined || !isValidDate(y, m, b)) return undefined;
      return proposal(c, i, i + 5, rule, date({ gran: 'day', year: y, month: m, day: b }), 0.85);
    }
    return undefined;
  },
};
