import type { InputFormat } from '../document/document.js';
import { message } from '../document/message.js';
import { csvReader } from './csv-reader.js';
import { decodeInput } from './decode.js';
import { detectFormat } from './detect.js';
import { feedReader } from './feed-reader.js';
import { htmlReader } from './html-reader.js';
import { jsonlReader, jsonReader } from './json-reader.js';
import type { Reader, ReadItem } from './reader.js';
import { refineDispatch } from './refine-dispatch.js';
import { textReader } from './text-reader.js';

export const READERS: Readonly<Record<string, Reader>> = Object.freeze({
  text: textReader,
  json: jsonReader,
  jsonl: jsonlReader,
  html: htmlReader,
  feed: feedReader,
  csv: csvReader,
});

export const INPUT_FORMATS = Object.keys(READERS) as InputFormat[];

/** Formats whose body is news copy, where datelines and credits are looked for. */
const DISPATCH_FORMATS = new Set<InputFormat>(['text', 'json', 'jsonl', 'html', 'feed', 'csv']);

export interface ReadInputOptions {
  /** Force a format instead of detecting it. */
  readonly format?: InputFormat;
  /** Refuse inputs larger than this many bytes. */
  readonly maxBytes?: number;
  /** Publication date for documents whose input states none. */
  readonly published?: string;
}

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;

/**
 * Bytes of one input to documents: checks size, decodes, detects the format and runs its reader.
 * Never throws for bad input: everything wrong comes back as failures or document messages.
 */
export function* readInput(
  name: string,
  bytes: Uint8Array,
  options: ReadInputOptions = {},
): Iterable<ReadItem> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    yield {
      failure: message(
        'read/too-large',
        'error',
        `the input has ${bytes.length} bytes, more than the limit of ${maxBytes} (--max-bytes)`,
      ),
    };
    return;
  }
  const decoded = decodeInput(bytes);
  if (!decoded.ok) {
    yield { failure: decoded.failure };
    return;
  }
  yield* readText(name, decoded.text, { ...options, decodeMessages: decoded.messages });
}

/** Text already decoded (the library API takes strings) to documents. */
export function* readText(
  name: string,
  text: string,
  options: ReadInputOptions & { decodeMessages?: ReturnType<typeof message>[] } = {},
): Iterable<ReadItem> {
  const format = options.format ?? detectFormat(name, text);
  const reader = READERS[format];
  if (!reader) {
    yield { failure: message('read/format-unknown', 'error', `no reader for the format "${format}"`) };
    return;
  }
  const readOptions = options.published ? { published: options.published } : {};
  for (const item of reader.read({ name, text }, readOptions)) {
    if ('failure' in item) {
      yield item;
      continue;
    }
    const doc = DISPATCH_FORMATS.has(format) ? refineDispatch(item.document) : item.document;
    yield options.decodeMessages?.length
      ? { document: { ...doc, messages: [...options.decodeMessages, ...doc.messages] } }
      : { document: doc };
  }
}
