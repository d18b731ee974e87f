import type { InputFormat, SourceDocument } from '../document/document.js';
import type { Message } from '../document/message.js';

/** An input as the CLI or API received it: a name for messages and its decoded text. */
export interface RawInput {
  /** File path, `-` for standard input, or a caller's label. */
  readonly name: string;
  readonly text: string;
}

/**
 * A record that could not become a document: it is reported and the rest of the input goes on.
 * `start`/`end` are offsets into the raw input where the record lies.
 */
export interface ReadFailure {
  readonly failure: Message;
  readonly index?: number;
}

export type ReadItem = { readonly document: SourceDocument } | ReadFailure;

export interface ReadOptions {
  /** Overrides the publication date when the input gives none (ISO date). */
  readonly published?: string;
}

/** One reader per input kind; a reader never throws on bad input, it yields failures. */
export interface Reader {
  readonly format: InputFormat;
  read(input: RawInput, options?: ReadOptions): Iterable<ReadItem>;
}

export const isFailure = (item: ReadItem): item is ReadFailure => 'failure' in item;
