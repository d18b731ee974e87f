import { keptArray } from '../document/kept.js';
import { isBlankRange } from '../document/span.js';
import { abbreviationKind } from './abbreviations.js';
import { isDigitCode, isLowerCode } from './char-class.js';
import { QuoteRole } from './quote-marks.js';
import { TokenFlag, TokenKind, type TokenStore } from './tokens.js';

/** A sentence as token bounds `[firstToken, endToken)` with its character bounds and paragraph. */
export interface SentenceSpan {
  readonly start: number;
  readonly end: number;
  readonly firstToken: number;
  readonly endToken: number;
  readonly paragraph: number;
}

/** Made once per sentence and kept by the batch: a class, which V8 does not allocate old (see kept.ts). */
class Sentence implements SentenceSpan {
  constructor(
    readonly start: number,
    readonly end: number,
    readonly firstToken: number,
    readonly endToken: number,
    readonly paragraph: number,
  ) {}
}

// An abbreviation that can end a sentence does so only before a word that typically opens one.
const SENTENCE_OPENERS = new Set(
  (
    'the a an he she it they we i you his her its their our this that these those there here in on at ' +
    'but and so yet for as after before when while if since during although though however meanwhile ' +
    'some many most one two three mr mrs ms dr officials police'
  ).split(' '),
);

function isTerminal(tokens: TokenStore, i: number): boolean {
  const kind = tokens.kind(i);
  if (kind === TokenKind.Punct) {
    const ch = tokens.source.charCodeAt(tokens.start(i));
    return ch === 0x2e || ch === 0x21 || ch === 0x3f || ch === 0x203c || ch === 0x3002;
  }
  if (kind === TokenKind.Ellipsis) {
    const ch = tokens.source.charCodeAt(tokens.start(i));
    return ch !== 0x5b && ch !== 0x28; // "[...]" marks an omission, not an end
  }
  return false;
}

function startsSentence(tokens: TokenStore, j: number, roles: Uint8Array): boolean {
  const kind = tokens.kind(j);
  const first = tokens.source.charCodeAt(tokens.start(j));
  if (kind === TokenKind.Quote) return roles[j] === QuoteRole.Open;
  if (kind === TokenKind.Word) return !isLowerCode(first);
  if (kind === TokenKind.Punct) return first === 0x28 || first === 0x5b;
  return kind !== TokenKind.Ellipsis;
}

/**
 * Sentence bounds over tokens. A boundary follows terminal punctuation and any closing quotes or
 * brackets, when the next token can open a sentence; spacing does not matter, so glued sentences
 * ("Friday.The", "patriots."He") split. Paragraph starts always split. `paragraphStart` marks `from`
 * and tokens that start a line only, as `paragraphStarts` gives it.
 */
export function splitSentences(
  tokens: TokenStore,
  roles: Uint8Array,
  paragraphStart: Uint8Array,
  from = 0,
): SentenceSpan[] {
  const sentences = keptArray<SentenceSpan>();
  const src = tokens.source;
  let first = from;
  let paragraph = -1;
  const close = (endToken: number) => {
    if (endToken <= first) return;
    if (!isBlankRange(src, tokens.start(first), tokens.end(endToken - 1)))
      sentences.push(new Sentence(tokens.start(first), tokens.end(endToken - 1), first, endToken, paragraph));
    first = endToken;
  };
  // Only a paragraph start, a mark or an abbreviation can bound a sentence: the loop visits just those,
  // the line starts and the stops the tokenizer listed, taken together in token order.
  const lines = tokens.lineStarts;
  const stops = tokens.stops;
  let line = 0;
  let stop = 0;
  for (let next = from; ; ) {
    while (line < lines.length && (lines[line] as number) < next) line++;
    while (stop < stops.length && (stops[stop] as number) < next) stop++;
    const i = next === from ? from : Math.min(lines[line] ?? tokens.count, stops[stop] ?? tokens.count);
    if (i >= tokens.count) break;
    if (paragraphStart[i]) {
      close(i);
      first = i;
      paragraph++;
    }
    let boundary = false;
    let after = i + 1;
    if (isTerminal(tokens, i)) {
      while (after < tokens.count && !paragraphStart[after] && isCloser(tokens, after, roles)) after++;
      if (after >= tokens.count || paragraphStart[after]) boundary = true;
      else if (startsSentence(tokens, after, roles)) boundary = !isDigitAfterPeriod(tokens, i, after);
    } else if (tokens.has(i, TokenFlag.Abbreviation) && after < tokens.count && !paragraphStart[after]) {
      boundary = abbreviationEnds(tokens, i, after);
    }
    if (boundary) close(after);
    next = boundary ? after : i + 1;
  }
  close(tokens.count);
  return sentences;
}

function isCloser(tokens: TokenStore, j: number, roles: Uint8Array): boolean {
  if (tokens.kind(j) === TokenKind.Quote) return roles[j] === QuoteRole.Close;
  if (tokens.kind(j) !== TokenKind.Punct) return false;
  const ch = tokens.source.charCodeAt(tokens.start(j));
  return ch === 0x29 || ch === 0x5d || ch === 0x7d;
}

// "3.5" is one token, so a period before a digit is rare: split only when a space separates them.
function isDigitAfterPeriod(tokens: TokenStore, i: number, after: number): boolean {
  return (
    isDigitCode(tokens.source.charCodeAt(tokens.start(after))) &&
    !tokens.has(after, TokenFlag.SpaceBefore) &&
    after === i + 1
  );
}

/** Token `i`'s text cut from the source: the text layer leaves the vocabulary to the stages that use it. */
const cut = (tokens: TokenStore, i: number): string => tokens.source.slice(tokens.start(i), tokens.end(i));

function abbreviationEnds(tokens: TokenStore, i: number, next: number): boolean {
  const text = cut(tokens, i);
  const kind = abbreviationKind(text.slice(0, -1));
  if (kind === 'title' || kind === 'number' || kind === 'month') return false;
  if (text.length === 2) return false; // an initial: "J. Smith"
  const nextText = cut(tokens, next);
  if (tokens.kind(next) !== TokenKind.Word || !tokens.has(next, TokenFlag.Capitalised)) return false;
  return SENTENCE_OPENERS.has(nextText.toLowerCase());
}
