import { createDocument, type Origin } from '../document/document.js';
import { type Message, message } from '../document/message.js';
import { trimRange } from '../document/span.js';
import { htmlTooDeepAt } from './html-depth.js';
import { htmlToText, MAX_FRAGMENT_DEPTH, publishedOf } from './html-reader.js';
import { jsonParseReason } from './json-parse-reason.js';
import type { RawInput, Reader, ReadFailure, ReadItem, ReadOptions } from './reader.js';

/** Names a field goes by in news records (news-please, newspaper, scraper dumps), lower case. */
const ALIASES = {
  title: ['title', 'headline'],
  body: ['text', 'body', 'maintext', 'content', 'article'],
  published: ['date', 'published', 'date_publish', 'datepublished', 'pubdate', 'publish_date'],
  source: ['source', 'source_domain', 'publisher', 'site_name'],
  url: ['url', 'link'],
  id: ['id', 'guid'],
  language: ['language', 'lang'],
} as const;

/** Containers that hold records under one key: `{"articles": [...]}`. */
const CONTAINER_KEYS = ['articles', 'items', 'data'] as const;

// redos-ok: each `<` starts its own short try, ended by the next `<` or non-space; linear in the body.
const LOOKS_HTML = /<\/(?:p|div|li|h[1-6]|blockquote)\s*>|<br\s*\/?>/i;

/** What a record states, each field as written; `bodyKey` is the key the body was found under. */
export interface RecordFields {
  readonly title?: string;
  readonly body?: string;
  readonly bodyKey?: string;
  readonly published?: string;
  readonly source?: string;
  readonly url?: string;
  readonly id?: string;
  readonly language?: string;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const stringOf = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value : undefined);
const idOf = (value: unknown) =>
  typeof value === 'number' && Number.isFinite(value) ? String(value) : stringOf(value);
/** A publisher may be a name, an object with a name, or a list of either. */
const nameOf = (value: unknown) => {
  const first = Array.isArray(value) ? value[0] : value;
  return isObject(first) ? stringOf(first.name) : stringOf(first);
};

/**
 * A record's fields under any of their usual names, matched without regard to case. Only the record's own
 * top level (and a publisher object's `name`) is read, so nesting depth costs nothing.
 */
export function recordFields(record: Record<string, unknown>): RecordFields {
  const byName = new Map<string, [string, unknown]>();
  for (const [key, value] of Object.entries(record)) {
    const name = key.toLowerCase();
    if (!byName.has(name)) byName.set(name, [key, value]);
  }
  const pick = (names: readonly string[], read: (value: unknown) => string | undefined) => {
    for (const name of names) {
      const entry = byName.get(name);
      const value = entry && read(entry[1]);
      if (entry && value) return { key: entry[0], value };
    }
    return undefined;
  };
  const body = pick(ALIASES.body, stringOf);
  return {
    title: pick(ALIASES.title, stringOf)?.value,
    body: body?.value,
    bodyKey: body?.key,
    published: pick(ALIASES.published, stringOf)?.value,
    source: pick(ALIASES.source, nameOf)?.value,
    url: pick(ALIASES.url, stringOf)?.value,
    id: pick(ALIASES.id, idOf)?.value,
    language: pick(ALIASES.language, stringOf)?.value,
  };
}

const QUOTE = 0x22;
const COLON = 0x3a;
const BACKSLASH = 0x5c;
const isOpen = (c: number) => c === 0x7b || c === 0x5b;
const isClose = (c: number) => c === 0x7d || c === 0x5d;
const isJsonSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

function skipSpace(raw: string, from: number, to = raw.length): number {
  let i = from;
  while (i < to && isJsonSpace(raw.charCodeAt(i))) i++;
  return i;
}

/** Offset just past the JSON string that opens at `quote`. */
function pastString(raw: string, quote: number): number {
  for (let i = quote + 1; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c === BACKSLASH) i++;
    else if (c === QUOTE) return i + 1;
  }
  return raw.length;
}

/**
 * The raw offsets of a value that JSON.parse has already accepted are found by scanning it again: these
 * scanners track depth with a counter and skip strings, so they neither recurse nor misread a quoted brace.
 *
 * `memberValue`: offset of the value of `key` in the object that starts at `from` (after white space),
 * looking at that object's own members only; the last of duplicate keys, as JSON.parse keeps; -1 if absent.
 */
function memberValue(raw: string, from: number, key: string, to = raw.length): number {
  const open = skipSpace(raw, from, to);
  if (raw.charCodeAt(open) !== 0x7b) return -1;
  const quoted = JSON.stringify(key);
  let depth = 0;
  let found = -1;
  for (let i = open; i < to; i++) {
    const c = raw.charCodeAt(i);
    if (c === QUOTE) {
      const close = pastString(raw, i);
      if (depth === 1) {
        const colon = skipSpace(raw, close, to);
        const token = raw.slice(i, close);
        if (raw.charCodeAt(colon) === COLON && (token === quoted || JSON.parse(token) === key)) {
          found = skipSpace(raw, colon + 1, to);
        }
      }
      i = close - 1;
    } else if (isOpen(c)) depth++;
    else if (isClose(c) && --depth === 0) break;
  }
  return found;
}

/**
 * Nesting refused before parsing. Records are read at their top level only and JSON.parse does not
 * recurse, so depth itself is harmless here; the limit bounds the work on machine-made garbage and keeps
 * such values from whatever may recurse over them later.
 */
export const DEFAULT_MAX_JSON_DEPTH = 65_536;

export interface JsonReadOptions extends ReadOptions {
  readonly maxJsonDepth?: number;
}

/** Offset of the bracket in `raw[from, to)` that nests deeper than `limit`, outside strings; -1 if none. */
export function tooDeepAt(raw: string, from: number, to: number, limit: number): number {
  let depth = 0;
  for (let i = from; i < to; i++) {
    const c = raw.charCodeAt(i);
    if (c === QUOTE) i = pastString(raw, i) - 1;
    else if (isOpen(c) && ++depth > limit) return i;
    else if (isClose(c)) depth--;
  }
  return -1;
}

const depthFailure = (rule: string, where: string, at: number, limit: number) =>
  message(rule, 'error', `${where} nests deeper than the limit of ${limit} (--max-json-depth)`, {
    start: at,
    end: at + 1,
  });

/** `[start, end)` of each element of the JSON array that opens at `open`. */
function elementSpans(raw: string, open: number): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  let depth = 0;
  let start = -1;
  let end = -1;
  for (let i = open; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (isJsonSpace(c)) continue;
    if (depth === 1 && start < 0 && c !== 0x2c && !isClose(c)) start = i;
    if (c === QUOTE) {
      i = pastString(raw, i) - 1;
    } else if (isOpen(c)) {
      depth++;
    } else if (isClose(c) && --depth === 0) {
      if (start >= 0) spans.push({ start, end });
      break;
    } else if (depth === 1 && c === 0x2c) {
      spans.push({ start, end });
      start = -1;
      continue;
    }
    end = i + 1;
  }
  return spans;
}

/** Offset in `raw` after `count` decoded characters of a JSON string starting at `from`. */
function pastDecoded(raw: string, from: number, count: number): number {
  let i = from;
  for (let n = 0; n < count && i < raw.length; n++) {
    i += raw.charCodeAt(i) !== BACKSLASH ? 1 : raw.charCodeAt(i + 1) === 0x75 ? 6 : 2;
  }
  return i;
}

export interface JsonRecordContext {
  /** The input's name, for `origin.file`. */
  readonly name: string;
  /** Record number in a container; absent when the input is one record. */
  readonly index?: number;
  /** Where the record's JSON text starts in the raw input (white space before it is allowed). */
  readonly offset: number;
  /** Where it ends, when known: failures are placed on `[offset, end)`. */
  readonly end?: number;
  /** The raw input, scanned for where the body's string starts; without it `bodyOffset` is `offset`. */
  readonly raw?: string;
  readonly format?: 'json' | 'jsonl';
  /** Publication date for a record that states none. */
  readonly published?: string;
}

/**
 * One parsed record to a document or a failure: shared by the JSON, JSONL and streaming paths.
 *
 * `bodyOffset` is where the body's decoded text begins in the raw input: just past the opening quote of
 * the body member's string (found among the record's own members, so a nested `"text"` key is not
 * mistaken for it), plus the raw length of the leading white space that was trimmed, escapes included.
 * It is exact up to the first escape inside the text; when the raw input is not given, or the member
 * cannot be found, it is the record's start, `offset`.
 */
export function readJsonRecord(record: unknown, ctx: JsonRecordContext): ReadItem {
  const format = ctx.format ?? 'json';
  const place = ctx.end === undefined ? undefined : { start: ctx.offset, end: ctx.end };
  const where = ctx.index === undefined ? 'the record' : `record ${ctx.index}`;
  const fail = (rule: string, text: string): ReadFailure => ({
    failure: message(rule, 'error', text, place),
    ...(ctx.index === undefined ? {} : { index: ctx.index }),
  });
  if (!isObject(record)) return fail(`read/${format}-record`, `${where} is not a JSON object`);
  const fields = recordFields(record);
  const { body, bodyKey } = fields;
  if (body === undefined || bodyKey === undefined) {
    return fail('read/no-body', `${where} has no body text (text, body, maintext, content or article)`);
  }
  const messages: Message[] = [];
  const value = ctx.raw === undefined ? -1 : memberValue(ctx.raw, ctx.offset, bodyKey, ctx.end);
  let bodyOffset = value < 0 ? ctx.offset : value + 1;
  let text: string;
  if (LOOKS_HTML.test(body)) {
    if (htmlTooDeepAt(body, MAX_FRAGMENT_DEPTH) >= 0) {
      return fail(
        'read/html-depth',
        `the HTML in "${bodyKey}" nests deeper than ${MAX_FRAGMENT_DEPTH} levels`,
      );
    }
    text = htmlToText(body);
    messages.push(message('read/html-body', 'info', `the "${bodyKey}" field holds HTML: its text was taken`));
  } else {
    const [start, end] = trimRange(body, 0, body.length);
    text = body.slice(start, end);
    if (value >= 0 && ctx.raw !== undefined) bodyOffset = pastDecoded(ctx.raw, bodyOffset, start);
  }
  if (text === '') return fail('read/no-body', `${where} has no body text`);
  const origin: Origin = {
    format,
    file: ctx.name,
    ...(ctx.index === undefined ? {} : { index: ctx.index }),
    ...(fields.id === undefined ? {} : { sourceId: fields.id }),
  };
  return {
    document: createDocument({
      text,
      bodyOffset,
      meta: {
        title: fields.title,
        published: publishedOf([fields.published], ctx.published, messages),
        source: fields.source,
        url: fields.url,
        language: fields.language,
      },
      origin,
      messages,
    }),
  };
}

function syntaxFailure(err: unknown, base: number, length: number): ReadFailure {
  const reason = jsonParseReason(err);
  const at = /at position (\d+)/.exec(reason);
  const position = at ? base + Number(at[1]) : /end of JSON input/.test(reason) ? length : undefined;
  const place = position === undefined ? undefined : { start: position, end: Math.min(position + 1, length) };
  return { failure: message('read/json-syntax', 'error', `the input is not valid JSON: ${reason}`, place) };
}

/** Input starts after a byte-order mark, which JSON.parse refuses. */
const bodyStart = (raw: string) => (raw.charCodeAt(0) === 0xfeff ? 1 : 0);

/** One record, an array of records, or an object holding them under `articles`, `items` or `data`. */
export const jsonReader: Reader = {
  format: 'json',
  *read(input: RawInput, options?: JsonReadOptions) {
    const raw = input.text;
    const start = bodyStart(raw);
    const limit = options?.maxJsonDepth ?? DEFAULT_MAX_JSON_DEPTH;
    const deep = tooDeepAt(raw, start, raw.length, limit);
    if (deep >= 0) {
      yield { failure: depthFailure('read/json-depth', 'the input', deep, limit) };
      return;
    }
    let value: unknown;
    try {
      value = JSON.parse(start === 0 ? raw : raw.slice(start));
    } catch (err) {
      yield syntaxFailure(err, start, raw.length);
      return;
    }
    const base = { name: input.name, raw, format: 'json' as const, published: options?.published };
    const key = isObject(value) ? CONTAINER_KEYS.find((k) => Array.isArray(value[k])) : undefined;
    const records = Array.isArray(value)
      ? value
      : key && isObject(value)
        ? (value[key] as unknown[])
        : undefined;
    if (!records) {
      yield readJsonRecord(value, { ...base, offset: start, end: raw.length });
      return;
    }
    const open = key ? memberValue(raw, start, key) : skipSpace(raw, start);
    const spans = elementSpans(raw, open);
    for (const [index, record] of records.entries()) {
      const span = spans[index];
      yield readJsonRecord(record, { ...base, index, offset: span?.start ?? open, end: span?.end });
    }
  },
};

/** One JSONL line, `line` being `raw[ctx.offset, ctx.end)`. */
export function jsonLine(
  line: string,
  ctx: JsonRecordContext & { index: number; end: number; maxDepth?: number },
): ReadItem {
  const limit = ctx.maxDepth ?? DEFAULT_MAX_JSON_DEPTH;
  const deep = tooDeepAt(line, 0, line.length, limit);
  if (deep >= 0)
    return {
      failure: depthFailure('read/json-depth', `record ${ctx.index}`, ctx.offset + deep, limit),
      index: ctx.index,
    };
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (err) {
    const reason = jsonParseReason(err);
    const place = { start: ctx.offset, end: ctx.end };
    return {
      failure: message(
        'read/jsonl-record',
        'error',
        `record ${ctx.index} is not valid JSON: ${reason}`,
        place,
      ),
      index: ctx.index,
    };
  }
  return readJsonRecord(record, ctx);
}

/** One JSON record per non-empty line; a bad line is reported and the others still read. */
export const jsonlReader: Reader = {
  format: 'jsonl',
  *read(input: RawInput, options?: JsonReadOptions) {
    const raw = input.text;
    let index = 0;
    for (let lineStart = bodyStart(raw), next = 0; lineStart < raw.length; lineStart = next) {
      const newline = raw.indexOf('\n', lineStart);
      next = newline < 0 ? raw.length : newline + 1;
      let lineEnd = newline < 0 ? raw.length : newline;
      if (lineEnd > lineStart && raw.charCodeAt(lineEnd - 1) === 0x0d) lineEnd--;
      const line = raw.slice(lineStart, lineEnd);
      if (line.trim() === '') continue;
      const ctx = { name: input.name, index: index++, offset: lineStart, end: lineEnd, raw };
      yield jsonLine(line, {
        ...ctx,
        format: 'jsonl',
        published: options?.published,
        maxDepth: options?.maxJsonDepth,
      });
    }
  },
};
