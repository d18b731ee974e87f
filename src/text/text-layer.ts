import { keptArray } from '../document/kept.js';
import { paragraphStarts } from './paragraphs.js';
import { assignQuoteRoles, type QuoteRole } from './quote-marks.js';
import { type SentenceSpan, splitSentences } from './sentences.js';
import { type TokenStore, tokenize } from './tokens.js';

export interface ParagraphSpan {
  readonly start: number;
  readonly end: number;
}

/**
 * The text layer of one document, built once and shared by every stage: tokens (compact, behind
 * accessors), the role of each quote mark, paragraphs and sentences.
 */
export class TextLayer {
  readonly source: string;
  readonly tokens: TokenStore;
  readonly sentences: readonly SentenceSpan[];
  readonly paragraphs: readonly ParagraphSpan[];
  private readonly roles: Uint8Array;

  constructor(source: string, options: { bodyStart?: number } = {}) {
    this.source = source;
    this.tokens = tokenize(source);
    this.roles = assignQuoteRoles(this.tokens);
    const from = this.tokens.indexAt(options.bodyStart ?? 0);
    const starts = paragraphStarts(this.tokens, from);
    this.sentences = splitSentences(this.tokens, this.roles, starts, from);
    this.paragraphs = paragraphsOf(this.sentences);
  }

  quoteRole(token: number): QuoteRole {
    return (this.roles[token] ?? 0) as QuoteRole;
  }

  /** Index of the sentence containing `offset`, or -1 when it falls between sentences. */
  sentenceAt(offset: number): number {
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = this.sentences[mid] as SentenceSpan;
      if (offset < s.start) hi = mid - 1;
      else if (offset >= s.end) lo = mid + 1;
      else return mid;
    }
    return -1;
  }
}

/**
 * Paragraph spans from the sentences, as one would get by growing the last paragraph while a sentence
 * carries its index and opening a new one otherwise; each span is made once, when it is complete.
 */
function paragraphsOf(sentences: readonly SentenceSpan[]): ParagraphSpan[] {
  const paragraphs = keptArray<ParagraphSpan>();
  let start = -1;
  let end = -1;
  for (const s of sentences) {
    if (start >= 0 && paragraphs.length === s.paragraph) end = s.end;
    else {
      if (start >= 0) paragraphs.push({ start, end });
      start = s.start;
      end = s.end;
    }
  }
  if (start >= 0) paragraphs.push({ start, end });
  return paragraphs;
}
