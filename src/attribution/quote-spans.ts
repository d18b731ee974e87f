import { type Message, message } from '../document/message.js';
import { isSpaceCode } from '../document/span.js';
import { DOUBLE_QUOTES } from '../text/char-class.js';
import { QuoteRole } from '../text/quote-marks.js';
import type { TextLayer } from '../text/text-layer.js';
import { TokenFlag } from '../text/tokens.js';

/** A quoted passage: the words between the marks (`start`/`end`, marks excluded) and its mark tokens. */
export interface QuotedPassage {
  readonly start: number;
  readonly end: number;
  /** Token of the opening mark, and of the closing mark (-1 when the passage never closes). */
  readonly openToken: number;
  readonly closeToken: number;
  readonly paragraph: number;
}

// A passage keeps its final "?", "!" and ellipsis, but not the comma or period that news style tucks
// inside the closing mark ("...with Moscow," he said).
const TRAILING = new Set([0x2c, 0x3b, 0x3a, 0x2e]);

/** Where a passage's words start: past the white space after the opening mark. */
function passageStart(source: string, start: number, end: number): number {
  let s = start;
  while (s < end && isSpaceCode(source.charCodeAt(s))) s++;
  return s;
}

/** Where a passage's words end, from `passageStart`'s `s`: two numbers, not a pair made per passage. */
function passageEnd(source: string, s: number, end: number): number {
  let e = end;
  while (e > s && isSpaceCode(source.charCodeAt(e - 1))) e--;
  if (e > s && TRAILING.has(source.charCodeAt(e - 1)) && source.charCodeAt(e - 2) !== 0x2e) e--;
  while (e > s && isSpaceCode(source.charCodeAt(e - 1))) e--;
  return e;
}

/**
 * Top-level quoted passages, from the roles the text layer gave each mark. Marks of the other kind
 * inside a passage are nested quotations and stay part of it. A passage that does not close by the
 * end of its paragraph ends there: when the next paragraph reopens with a mark this is news style
 * for a quotation running on; otherwise the mark is unbalanced, which is reported, so that one stray
 * mark never swallows the rest of the article.
 */
export function findQuotedPassages(text: TextLayer, report: (m: Message) => void): QuotedPassage[] {
  const { tokens, source } = text;
  const passages: QuotedPassage[] = [];
  let open = -1;
  let openDouble = false;
  let paragraph = -1;
  const paragraphEnd = (i: number) => (i > 0 ? tokens.end(i - 1) : 0);
  const push = (closeToken: number, end: number) => {
    const s = passageStart(source, tokens.end(open), end);
    const e = passageEnd(source, s, end);
    if (e > s) passages.push({ start: s, end: e, openToken: open, closeToken, paragraph });
    open = -1;
  };
  const firstToken = text.sentences[0]?.firstToken ?? tokens.count;
  // Only paragraph breaks and quote marks matter: a break is always at a line start, so the two lists
  // are walked together in token order, a break at a mark before the mark itself, and then the end.
  const { lineStarts, quoteMarks } = tokens;
  let line = 0;
  let mark = 0;
  while (line < lineStarts.length && (lineStarts[line] as number) < firstToken) line++;
  while (mark < quoteMarks.length && (quoteMarks[mark] as number) < firstToken) mark++;
  for (;;) {
    while (line < lineStarts.length && !tokens.has(lineStarts[line] as number, TokenFlag.ParagraphBefore))
      line++;
    const nextBreak = line < lineStarts.length ? (lineStarts[line] as number) : tokens.count;
    const nextMark = mark < quoteMarks.length ? (quoteMarks[mark] as number) : tokens.count;
    const i = Math.min(nextBreak, nextMark);
    const atParagraph = i === nextBreak;
    if (atParagraph && open >= 0) {
      const reopens = i < tokens.count && text.quoteRole(i) === QuoteRole.Open;
      if (!reopens)
        report(
          message(
            'attribution/unbalanced-quote',
            'warning',
            'a quotation mark opens a quotation that never closes; it is taken to end with its paragraph',
            { start: tokens.start(open), end: tokens.end(open) },
          ),
        );
      push(-1, paragraphEnd(i));
    }
    if (i === tokens.count) break;
    if (atParagraph) {
      paragraph++;
      line++;
    }
    if (i !== nextMark) continue;
    mark++;
    const role = text.quoteRole(i);
    const isDouble = DOUBLE_QUOTES.has(source.charCodeAt(tokens.start(i)));
    if (open < 0) {
      if (role === QuoteRole.Open) {
        open = i;
        openDouble = isDouble;
      }
    } else if (role === QuoteRole.Close && isDouble === openDouble) push(i, tokens.start(i));
  }
  return passages;
}
