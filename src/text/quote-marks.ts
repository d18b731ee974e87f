import { isSpaceCode } from '../document/span.js';
import { CLOSING_ONLY, DOUBLE_QUOTES, isAlnumCode, OPENING_ONLY } from './char-class.js';
import { TokenFlag, type TokenStore } from './tokens.js';

export const QuoteRole = { None: 0, Open: 1, Close: 2, Apostrophe: 3 } as const;
export type QuoteRole = (typeof QuoteRole)[keyof typeof QuoteRole];

const OPENERS_BEFORE = '([{\u2014\u2013-/';

/**
 * Decides for every quote-mark token whether it opens or closes a quotation, or is an apostrophe.
 * Curly marks say so themselves; straight marks are read from what touches them, and when they touch
 * text on both sides ("said."The) from whether a quotation is open. State resets at paragraphs,
 * where news style reopens a quotation that continues.
 */
export function assignQuoteRoles(tokens: TokenStore): Uint8Array {
  const roles = new Uint8Array(tokens.count);
  const src = tokens.source;
  let doubleOpen = false;
  let singleOpen = false;
  // Only quote marks and paragraph breaks matter: a break is always at a line start, so the two lists
  // are walked together in token order, a break at a mark before the mark itself.
  const lines = tokens.lineStarts;
  let line = 0;
  for (const i of tokens.quoteMarks) {
    for (; line < lines.length && (lines[line] as number) <= i; line++) {
      if (tokens.has(lines[line] as number, TokenFlag.ParagraphBefore)) {
        doubleOpen = false;
        singleOpen = false;
      }
    }
    const start = tokens.start(i);
    const code = src.charCodeAt(start);
    const isDouble = DOUBLE_QUOTES.has(code);
    const open = isDouble ? doubleOpen : singleOpen;
    const before = start > 0 ? src.charCodeAt(start - 1) : 0x20;
    const after = start + 1 < src.length ? src.charCodeAt(start + 1) : 0x20;
    const spaceBefore = isSpaceCode(before) || OPENERS_BEFORE.includes(String.fromCharCode(before));
    const spaceAfter = isSpaceCode(after) || ',.;:!?)]}\u2014'.includes(String.fromCharCode(after));
    let role: QuoteRole;
    if (OPENING_ONLY.has(code)) role = QuoteRole.Open;
    else if (CLOSING_ONLY.has(code)) role = QuoteRole.Close;
    else if (spaceBefore && !spaceAfter) role = QuoteRole.Open;
    else if (!spaceBefore && spaceAfter) role = QuoteRole.Close;
    else role = open ? QuoteRole.Close : QuoteRole.Open;

    if (!isDouble) {
      // A lone right single mark after a word with no single quotation open is a possessive or an
      // elision (troops' exploits, rock 'n' roll), not a quotation.
      if (role === QuoteRole.Close && !singleOpen) role = QuoteRole.Apostrophe;
      else if (role === QuoteRole.Open && isAlnumCode(before)) role = QuoteRole.Apostrophe;
    }
    roles[i] = role;
    if (role === QuoteRole.Open) {
      if (isDouble) doubleOpen = true;
      else singleOpen = true;
    } else if (role === QuoteRole.Close) {
      if (isDouble) doubleOpen = false;
      else singleOpen = false;
    }
  }
  return roles;
}
