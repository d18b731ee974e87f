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
    const paragraphs: ParagraphSpan[] = [];
    for (const s of this.sentences) {
      const last = paragraphs[paragraphs.length - 1];
      if (last && paragraphs.length - 1 === s.paragraph)
        paragraphs[paragraphs.length - 1] = { start: last.start, end: s.end };
      else paragraphs.push({ start: s.start, end: s.end });
    }
    this.paragraphs = paragraphs;
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
