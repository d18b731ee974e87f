import { createDocument, type DocumentMeta } from '../document/document.js';
import { message } from '../document/message.js';
import { isSpaceCode } from '../document/span.js';
import { normalizePublished } from './published.js';
import type { RawInput, Reader, ReadItem, ReadOptions } from './reader.js';

// The value is trimmed in code: `[ \t]*(.*?)[ \t]*$` backtracks quadratically on a line of blanks.
const HEADER =
  /^[ \t]*(title|headline|date|published|dateline|source|publisher|url|link|language|lang)[ \t]*:(.*)$/i;
const HEADER_KEYS: Record<string, keyof DocumentMeta> = {
  title: 'title',
  headline: 'title',
  date: 'published',
  published: 'published',
  source: 'source',
  publisher: 'source',
  url: 'url',
  link: 'url',
  language: 'language',
  lang: 'language',
};
// The seed form: "date 2025-10-24" before the body, on the body's own line or glued before it.
const DATE_PREFIX = /^\s*date[ \t]+(\d{4}-\d{2}-\d{2})\b[ \t]*\r?\n?/i;

/** Without leading and trailing spaces and tabs (only those: other white space stays part of the value). */
function trimBlanks(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && (s[start] === ' ' || s[start] === '\t')) start++;
  while (end > start && (s[end - 1] === ' ' || s[end - 1] === '\t')) end--;
  return s.slice(start, end);
}

interface Head {
  meta: Record<string, string>;
  bodyStart: number;
  messages: ReturnType<typeof message>[];
}

/** Header lines ("Title: ...") at the very top, up to the first line that is not one. */
function readHead(raw: string): Head {
  const meta: Record<string, string> = {};
  const messages: Head['messages'] = [];
  const prefix = DATE_PREFIX.exec(raw);
  if (prefix) {
    const published = normalizePublished(prefix[1]);
    if (published) meta.published = published;
    else messages.push(message('read/date-invalid', 'warning', `"${prefix[1]}" is not a calendar date`));
    return { meta, bodyStart: prefix[0].length, messages };
  }
  let offset = 0;
  let headers = 0;
  while (offset < raw.length) {
    const nl = raw.indexOf('\n', offset);
    const lineEnd = nl < 0 ? raw.length : nl;
    const m = HEADER.exec(raw.slice(offset, lineEnd).replace(/\r$/, ''));
    if (!m) break;
    const key = HEADER_KEYS[(m[1] as string).toLowerCase()];
    const value = trimBlanks(m[2] as string);
    if (key === 'published') {
      const published = normalizePublished(value);
      if (published) meta.published = published;
      else
        messages.push(
          message('read/date-invalid', 'warning', `header date "${value}" is not a date we can read`),
        );
    } else if (key && value) meta[key] = value;
    headers++;
    offset = nl < 0 ? raw.length : nl + 1;
  }
  return { meta, bodyStart: headers > 0 ? offset : 0, messages };
}

/** Plain text and the dispatch form: optional header lines or a `date` prefix, then the body. */
export const textReader: Reader = {
  format: 'text',
  *read(input: RawInput, options?: ReadOptions): Iterable<ReadItem> {
    const raw = input.text;
    const head = readHead(raw);
    let start = head.bodyStart;
    let end = raw.length;
    while (start < end && isSpaceCode(raw.charCodeAt(start))) start++;
    while (end > start && isSpaceCode(raw.charCodeAt(end - 1))) end--;
    if (start >= end) {
      yield { failure: message('read/no-body', 'error', 'no text after the header lines'), index: 0 };
      return;
    }
    const meta = { ...head.meta };
    if (!meta.published && options?.published) meta.published = options.published;
    yield {
      document: createDocument({
        text: raw.slice(start, end),
        bodyOffset: start,
        meta,
        origin: { format: 'text', file: input.name },
        messages: head.messages,
      }),
    };
  },
};
