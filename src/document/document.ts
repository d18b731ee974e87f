import { createHash } from 'node:crypto';
import type { Message } from './message.js';
import type { Span } from './span.js';

/** What the input says about a document, each field only when the input states it. */
export interface DocumentMeta {
  readonly source?: string;
  readonly published?: string;
  readonly title?: string;
  readonly url?: string;
  readonly language?: string;
}

/** A wire dateline at the head of the body: `SEOUL, Oct. 24 (Yonhap) --`. Offsets are into the body. */
export interface Dateline extends Span {
  readonly place?: string;
  /** TIMEX3 value of the dateline's date, resolved against the publication date when there is one. */
  readonly date?: string;
  readonly source?: string;
}

export type InputFormat = 'text' | 'json' | 'jsonl' | 'html' | 'feed' | 'csv' | 'timeml' | 'conll';

/** Where a document came from: the input it was read from and, for containers, which record. */
export interface Origin {
  readonly format: InputFormat;
  readonly file?: string;
  /** 0-based record number within a container input (JSONL line, feed item, CSV row). */
  readonly index?: number;
  /** An identifier the input gives the record (feed guid, JSON id), used for the stable document id. */
  readonly sourceId?: string;
}

/**
 * One immutable document: the body exactly as the input has it, and where it starts in the raw input.
 * `bodyOffset` is exact when the body is a verbatim run of the raw input (text, dispatches); for
 * decoded containers (JSON strings, CSV fields, HTML, feeds) it is the offset of the field or element
 * the body was decoded from.
 */
export interface SourceDocument {
  readonly id: string;
  readonly text: string;
  readonly bodyOffset: number;
  readonly meta: DocumentMeta;
  readonly dateline?: Dateline;
  readonly origin: Origin;
  /** What the reader found wrong or notable in this record. */
  readonly messages: readonly Message[];
}

export interface DocumentInit {
  text: string;
  bodyOffset: number;
  meta?: DocumentMeta;
  dateline?: Dateline;
  origin: Origin;
  messages?: readonly Message[];
}

/** A stable id from the content: the same text (and source record id) always gives the same id. */
export function documentId(text: string, sourceId?: string): string {
  const hash = createHash('sha256');
  if (sourceId) hash.update(`${sourceId}\u0000`);
  hash.update(text);
  return hash.digest('hex').slice(0, 16);
}

export function createDocument(init: DocumentInit): SourceDocument {
  const meta: Record<string, string> = {};
  for (const [key, value] of Object.entries(init.meta ?? {})) {
    if (typeof value === 'string' && value.trim() !== '') meta[key] = value.trim();
  }
  return Object.freeze({
    id: documentId(init.text, init.origin.sourceId),
    text: init.text,
    bodyOffset: init.bodyOffset,
    meta: Object.freeze(meta),
    ...(init.dateline ? { dateline: Object.freeze(init.dateline) } : {}),
    origin: Object.freeze(init.origin),
    messages: Object.freeze([...(init.messages ?? [])]),
  });
}
