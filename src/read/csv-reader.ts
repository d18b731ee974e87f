import { createDocument, type Origin } from '../document/document.js';
import { type Message, message } from '../document/message.js';
import { trimRange } from '../document/span.js';
import { publishedOf } from './html-reader.js';
import { recordFields } from './json-reader.js';
import type { Reader, ReadItem, ReadOptions } from './reader.js';

/** One record of the file: decoded fields, where each field's content starts, and the record's extent. */
interface Row {
  readonly fields: string[];
  /** Offset of each field's first content character: after the opening quote of a quoted field. */
  readonly starts: number[];
  readonly start: number;
  readonly end: number;
  /** Offset of text found between a closing quote and the next separator, kept as part of the field. */
  readonly strayAt?: number;
}

/** A quoted field that never closes: nothing after `start` can be read reliably. */
interface Unterminated {
  readonly unterminated: number;
}

const QUOTE = 0x22;
const SEPARATOR = /[,\r\n]/g;

function nextSeparator(raw: string, from: number): number {
  SEPARATOR.lastIndex = from;
  return SEPARATOR.exec(raw)?.index ?? raw.length;
}

/** The quoted field opening at `quote`: its value and the offset past its closing quote, if it closes. */
function quotedField(raw: string, quote: number): { value: string; end: number } | undefined {
  let value = '';
  for (let at = quote + 1; ; ) {
    const close = raw.indexOf('"', at);
    if (close < 0) return undefined;
    value += raw.slice(at, close);
    if (raw.charCodeAt(close + 1) !== QUOTE) return { value, end: close + 1 };
    value += '"';
    at = close + 2;
  }
}

/**
 * RFC 4180 records from `from` on: fields separated by commas, records by CRLF, LF or CR; a quoted field
 * may hold separators and line breaks, and `""` inside it is one quote. Line breaks inside a field are
 * kept as written, so a field's decoded text lines up with the raw input except at `""`.
 */
function* csvRows(raw: string, from: number): Generator<Row | Unterminated> {
  let pos = from;
  while (pos < raw.length) {
    const start = pos;
    const fields: string[] = [];
    const starts: number[] = [];
    let strayAt: number | undefined;
    for (;;) {
      const quoted = raw.charCodeAt(pos) === QUOTE ? quotedField(raw, pos) : undefined;
      if (raw.charCodeAt(pos) === QUOTE && !quoted) {
        yield { unterminated: start };
        return;
      }
      const contentStart = quoted ? pos + 1 : pos;
      const after = quoted ? quoted.end : pos;
      const next = nextSeparator(raw, after);
      // Lenient: text between a closing quote and the separator stays in the field, with a warning.
      if (quoted && next > after) strayAt ??= after;
      starts.push(contentStart);
      fields.push((quoted?.value ?? '') + raw.slice(after, next));
      pos = next;
      if (raw[pos] !== ',') break;
      pos++;
    }
    const end = pos;
    pos += raw.startsWith('\r\n', pos) ? 2 : pos < raw.length ? 1 : 0;
    yield { fields, starts, start, end, ...(strayAt === undefined ? {} : { strayAt }) };
  }
}

const isBlank = (row: Row) => row.fields.length === 1 && row.fields[0]?.trim() === '';

function hostOf(url: string | undefined): string | undefined {
  if (!url || !URL.canParse(url)) return undefined;
  return new URL(url).hostname || undefined;
}

/** Who published a row: Wikinews for its own pages, else the page's host. */
function sourceOfUrl(url: string | undefined): string | undefined {
  const host = hostOf(url);
  return host === 'wikinews.org' || host?.endsWith('.wikinews.org') ? 'Wikinews' : host;
}

/** Wikinews keeps sandbox pages ("TEST PAGE:Self-publish today") among its articles. */
const isTestPage = (title: string | undefined, url: string | undefined) =>
  /^\s*test page\b/i.test(title ?? '') || /\/wiki\/test_page:/i.test(url ?? '');

function readRow(
  row: Row,
  header: readonly string[],
  index: number,
  name: string,
  options?: ReadOptions,
): ReadItem {
  const place = { start: row.start, end: row.end };
  // No prototype: a column may be called `constructor` or `__proto__`.
  const record: Record<string, string> = Object.create(null);
  header.forEach((column, i) => {
    const value = row.fields[i];
    if (column !== '' && value !== undefined && !(column in record)) record[column] = value;
  });
  const fields = recordFields(record);
  if (isTestPage(fields.title, fields.url)) {
    return {
      failure: message('read/no-body', 'error', `row ${index} is a test page, not an article`, place),
      index,
    };
  }
  const column = fields.bodyKey === undefined ? -1 : header.indexOf(fields.bodyKey);
  const body = fields.body ?? '';
  const [start, end] = trimRange(body, 0, body.length);
  if (start === end || column < 0) {
    return { failure: message('read/no-body', 'error', `row ${index} has no body text`, place), index };
  }
  const messages: Message[] = [];
  if (row.fields.length !== header.length) {
    const counts = `${row.fields.length} fields where the header names ${header.length}`;
    messages.push(message('read/csv-row', 'warning', `row ${index} has ${counts}`, place));
  }
  if (row.strayAt !== undefined) {
    const stray = { start: row.strayAt, end: row.strayAt + 1 };
    messages.push(
      message('read/csv-syntax', 'warning', 'text after a closing quote was kept in the field', stray),
    );
  }
  const origin: Origin = {
    format: 'csv',
    file: name,
    index,
    ...(fields.id === undefined ? {} : { sourceId: fields.id }),
  };
  return {
    document: createDocument({
      text: body.slice(start, end),
      // White space is never `""`, so the trimmed characters map one to one onto the raw input.
      bodyOffset: (row.starts[column] as number) + start,
      meta: {
        title: fields.title,
        published: publishedOf([fields.published], options?.published, messages),
        source: fields.source ?? sourceOfUrl(fields.url),
        url: fields.url,
        language: fields.language,
      },
      origin,
      messages,
    }),
  };
}

/**
 * CSV with a header row naming the columns (any of the JSON record names: url, date, title, text, ...).
 * Each row is a document whose text is its body field's decoded value, trimmed; `bodyOffset` is the offset
 * in the raw input of the first character of that text. Rows are numbered from 0 after the header,
 * blank lines not counted.
 */
export const csvReader: Reader = {
  format: 'csv',
  *read(input, options) {
    const raw = input.text;
    let header: string[] | undefined;
    let index = 0;
    for (const row of csvRows(raw, raw.charCodeAt(0) === 0xfeff ? 1 : 0)) {
      if ('unterminated' in row) {
        const place = { start: row.unterminated, end: raw.length };
        const text = 'a quoted field is never closed: the rest of the input cannot be read';
        yield { failure: message('read/csv-syntax', 'error', text, place), ...(header ? { index } : {}) };
        return;
      }
      if (isBlank(row)) continue;
      if (!header) header = row.fields.map((field) => field.trim().toLowerCase());
      else yield readRow(row, header, index++, input.name, options);
    }
  },
};
