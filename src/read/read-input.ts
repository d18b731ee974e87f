import type { InputFormat } from '../document/document.js';
import { message } from '../document/message.js';
import { conllReader } from './conll-reader.js';
import { csvReader } from './csv-reader.js';
import { decodeInput } from './decode.js';
import { detectFormat } from './detect.js';
import { feedReader } from './feed-reader.js';
import { type HtmlReadOptions, htmlReader } from './html-reader.js';
import { type JsonReadOptions, jsonLine, jsonlReader, jsonReader } from './json-reader.js';
import type { Reader, ReadItem } from './reader.js';
import { refineDispatch } from './refine-dispatch.js';
import { textReader } from './text-reader.js';
import { timemlReader } from './timeml-reader.js';

export const READERS: Readonly<Record<string, Reader>> = Object.freeze({
  text: textReader,
  json: jsonReader,
  jsonl: jsonlReader,
  html: htmlReader,
  feed: feedReader,
  csv: csvReader,
  timeml: timemlReader,
  conll: conllReader,
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
  /** Refuse JSON nested deeper than this. */
  readonly maxJsonDepth?: number;
  /** Refuse HTML pages whose elements nest deeper than this. */
  readonly maxHtmlDepth?: number;
  /** Refuse documents with a line longer than this many characters. */
  readonly maxLineLength?: number;
}

export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
/**
 * Far beyond any paragraph of news (long articles are a few tens of thousands of characters in all), and
 * what keeps one giant "sentence" of machine output from reaching stages that work sentence by sentence.
 */
export const DEFAULT_MAX_LINE_LENGTH = 1024 * 1024;

/** The length of the first line of `text` longer than `limit`, or 0. */
function longLine(text: string, limit: number): number {
  if (text.length <= limit) return 0;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline;
    if (end - start > limit) return end - start;
    start = end + 1;
  }
  return 0;
}

/** A document whose lines are all within the limit, or the failure that refuses it. */
function withinLines(item: ReadItem, limit: number): ReadItem {
  if ('failure' in item) return item;
  const length = longLine(item.document.text, limit);
  if (length === 0) return item;
  const index = item.document.origin.index;
  return {
    failure: message(
      'read/line-too-long',
      'error',
      `${index === undefined ? 'the document' : `record ${index}`} has a line of ${length} characters, more than the limit of ${limit} (--max-line-length)`,
    ),
    ...(index === undefined ? {} : { index }),
  };
}

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
  const readOptions: JsonReadOptions & HtmlReadOptions = {
    ...(options.published ? { published: options.published } : {}),
    ...(options.maxJsonDepth ? { maxJsonDepth: options.maxJsonDepth } : {}),
    ...(options.maxHtmlDepth ? { maxHtmlDepth: options.maxHtmlDepth } : {}),
  };
  const maxLineLength = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  for (const item of reader.read({ name, text }, readOptions)) {
    if ('failure' in item) {
      yield item;
      continue;
    }
    const doc = DISPATCH_FORMATS.has(format) ? refineDispatch(item.document) : item.document;
    yield withinLines(
      options.decodeMessages?.length
        ? { document: { ...doc, messages: [...options.decodeMessages, ...doc.messages] } }
        : { document: doc },
      maxLineLength,
    );
  }
}

/**
 * One line of a JSONL input that is read line by line rather than whole (a streaming reader): the same
 * document or failure `readInput` gives for that line, with `offset`, where the line starts in the whole
 * input, added to its offsets.
 */
export function readJsonlLine(
  name: string,
  line: string,
  at: { readonly index: number; readonly offset: number },
  options: ReadInputOptions & { decodeMessages?: ReturnType<typeof message>[] } = {},
): ReadItem {
  const item = jsonLine(line, {
    name,
    index: at.index,
    offset: 0,
    end: line.length,
    raw: line,
    format: 'jsonl',
    published: options.published,
    maxDepth: options.maxJsonDepth,
  });
  if ('failure' in item) {
    const { start, end } = item.failure;
    if (start === undefined || end === undefined) return item;
    return { ...item, failure: { ...item.failure, start: start + at.offset, end: end + at.offset } };
  }
  const doc = refineDispatch({ ...item.document, bodyOffset: item.document.bodyOffset + at.offset });
  return withinLines(
    options.decodeMessages?.length
      ? { document: { ...doc, messages: [...options.decodeMessages, ...doc.messages] } }
      : { document: doc },
    options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH,
  );
}
