import { QuoteRole } from '../text/quote-marks.js';
import type { TextLayer } from '../text/text-layer.js';
import { TokenFlag, TokenKind } from '../text/tokens.js';
import type { QuotedPassage } from './quote-spans.js';
import type { TokenRange } from './relations.js';

/** A report whose speaker is set apart by punctuation alone: a label and a colon, a quote and a dash. */
export interface LabelledReport {
  readonly source: TokenRange;
  readonly cue: TokenRange;
  readonly content: TokenRange;
}

// Labels before a colon that name a kind of text, not a speaker ("Update: ...", "Photo: AP").
const NOT_SPEAKERS = new Set(
  'note update updated editor editors photo photos video watch read related correction disclosure advertisement listen see also image images source sources credit ap getty reuters warning'.split(
    ' ',
  ),
);
const DASHES = new Set(['\u2015', '\u2014', '--', '\u2013']);
const MAX_NAME = 5;

const isNameWord = (text: TextLayer, i: number) =>
  text.tokens.kind(i) === TokenKind.Word &&
  (text.tokens.has(i, TokenFlag.Capitalised) || text.tokens.has(i, TokenFlag.AllCaps));

/** The last token of the paragraph that holds token `i`: where a transcript turn ends. */
function paragraphEnd(text: TextLayer, i: number): number {
  const sentence = text.sentences[text.sentenceAt(text.tokens.start(i))];
  let s = text.sentenceAt(text.tokens.start(i));
  while (text.sentences[s + 1] && text.sentences[s + 1]?.paragraph === sentence?.paragraph) s++;
  return (text.sentences[s]?.endToken ?? text.tokens.count) - 1;
}

/**
 * "WALLACE: Let's start ..." in a transcript and "Poll: Clinton and Trump tied" in a headline: a short
 * name opening a paragraph, then a colon, says the rest of the paragraph.
 */
function colonReports(text: TextLayer, out: LabelledReport[]): void {
  for (let at = 0; at < text.paragraphs.length; at++) {
    const p = text.paragraphs[at] as (typeof text.paragraphs)[number];
    let i = text.tokens.indexAt(p.start);
    if (i < 0 || i >= text.tokens.count) continue;
    if (text.tokens.kind(i) === TokenKind.Quote) i++;
    let j = i;
    while (j < text.tokens.count && j - i < MAX_NAME && isNameWord(text, j)) j++;
    if (j === i || j >= text.tokens.count || text.tokens.text(j) !== ':') continue;
    if (NOT_SPEAKERS.has(text.tokens.text(j - 1).toLowerCase())) continue;
    const end = paragraphEnd(text, j);
    let e = end;
    while (e > j && text.tokens.kind(e) !== TokenKind.Word && text.tokens.kind(e) !== TokenKind.Number) e--;
    let words = 0;
    for (let k = j + 1; k <= e; k++) if (text.tokens.kind(k) === TokenKind.Word) words++;
    if (words < 2) continue;
    out.push({ source: [i, j], cue: [j, j + 1], content: [j + 1, end + 1] });
  }
}

/** "“Trump must stop ...” ― Carla Sanchez": a quotation signed after a dash, as in epigraphs and vox pops. */
function signedQuotes(text: TextLayer, passages: readonly QuotedPassage[], out: LabelledReport[]): void {
  for (let at = 0; at < passages.length; at++) {
    const p = passages[at] as QuotedPassage;
    if (p.closeToken < 0) continue;
    let k = p.closeToken + 1;
    if (k < text.tokens.count && text.tokens.kind(k) === TokenKind.Punct && !DASHES.has(text.tokens.text(k)))
      k++;
    if (k + 1 >= text.tokens.count || !DASHES.has(text.tokens.text(k))) continue;
    if (text.tokens.has(k + 1, TokenFlag.NewlineBefore)) continue;
    let e = k + 1;
    while (
      e < text.tokens.count &&
      e - k <= MAX_NAME &&
      isNameWord(text, e) &&
      !text.tokens.has(e, TokenFlag.NewlineBefore)
    )
      e++;
    if (e === k + 1) continue;
    // The name must end the line: a dash followed by a clause is the writer's own aside.
    const next = e < text.tokens.count ? e : -1;
    const ends =
      next < 0 ||
      text.tokens.has(next, TokenFlag.NewlineBefore) ||
      (text.tokens.kind(next) === TokenKind.Quote && text.quoteRole(next) === QuoteRole.Open) ||
      ('.,;'.includes(text.tokens.text(next)) &&
        (next + 1 >= text.tokens.count || text.tokens.has(next + 1, TokenFlag.NewlineBefore)));
    if (!ends) continue;
    out.push({ source: [k + 1, e], cue: [k, k + 1], content: [p.openToken, p.closeToken + 1] });
  }
}

/** Reports a reporting verb does not introduce: transcript turns, labelled headlines, signed quotations. */
export function labelledReports(text: TextLayer, passages: readonly QuotedPassage[]): LabelledReport[] {
  const out: LabelledReport[] = [];
  colonReports(text, out);
  signedQuotes(text, passages, out);
  return out;
}
