/**
 * TimeML (`.tml`, `.TE3input`): the document text is the content of `<TEXT>` with every tag removed
 * and the five XML entities decoded; the publication date is the DCT (the TIMEX3 whose
 * functionInDocument is CREATION_TIME). `parseTimeml` also returns the TIMEX3 annotations with
 * offsets into that text, for evaluation.
 */
import { createDocument } from '../document/document.js';
import { message } from '../document/message.js';
import { isSpaceCode } from '../document/span.js';
import { indexOfIgnoreCase, startsWithIgnoreCase } from './ascii-search.js';
import type { RawInput, Reader, ReadItem, ReadOptions } from './reader.js';

export interface TimexAnnotation {
  readonly tid: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly type: string;
  readonly value: string;
  readonly mod?: string;
  readonly attributes: Readonly<Record<string, string>>;
}

export interface TimemlDocument {
  readonly docid?: string;
  /** Text of `<TEXT>` without tags, entities decoded. */
  readonly text: string;
  /** Offset in the raw file of the first character of the text. */
  readonly bodyOffset: number;
  /** The DCT's value. */
  readonly dct?: string;
  readonly timexes: readonly TimexAnnotation[];
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(amp|lt|gt|quot|apos|#\d{1,7}|#x[0-9a-fA-F]{1,6});/g, (all, name: string) => {
    if (name.startsWith('#x')) return String.fromCodePoint(Number.parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return ENTITIES[name] ?? all;
  });
}

const isNameStart = (c: number) =>
  (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a;
const isNameCode = (c: number) => isNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2e || c === 0x2d;

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpaceCode(text.charCodeAt(i))) i++;
  return i;
}

/**
 * The `name="value"` and `name='value'` attributes of a tag, values entity-decoded. Scanned by hand: a
 * pattern retries a long run of name characters from each of them.
 */
export function readAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < tag.length) {
    if (!isNameStart(tag.charCodeAt(i))) {
      i++;
      continue;
    }
    const start = i;
    while (i < tag.length && isNameCode(tag.charCodeAt(i))) i++;
    // A name that is not followed by `=` and a quoted value is skipped whole: no suffix of it can be.
    const eq = skipSpaces(tag, i);
    if (tag.charCodeAt(eq) !== 0x3d) continue;
    const open = skipSpaces(tag, eq + 1);
    const quote = tag.charAt(open);
    if (quote !== '"' && quote !== "'") continue;
    const close = tag.indexOf(quote, open + 1);
    if (close < 0) continue;
    out[tag.slice(start, i)] = decodeEntities(tag.slice(open + 1, close));
    i = close + 1;
  }
  return out;
}

/** Offset just past the `<TEXT>` opening tag (any case, attributes allowed), or -1. */
function textStart(raw: string): number {
  for (let at = indexOfIgnoreCase(raw, '<text'); at >= 0; at = indexOfIgnoreCase(raw, '<text', at + 1)) {
    const next = raw.charCodeAt(at + 5);
    if (next === 0x3e) return at + 6;
    if (!isSpaceCode(next)) continue;
    const gt = raw.indexOf('>', at + 6);
    // No later `<TEXT` can end either.
    return gt < 0 ? -1 : gt + 1;
  }
  return -1;
}

/** The first TIMEX3 tag whose functionInDocument is "CREATION_TIME" (any case). */
function dctTag(raw: string): string | undefined {
  for (let at = indexOfIgnoreCase(raw, '<timex3'); at >= 0; ) {
    if (isWordCode(raw.charCodeAt(at + 7))) {
      at = indexOfIgnoreCase(raw, '<timex3', at + 1);
      continue;
    }
    const gt = raw.indexOf('>', at);
    if (gt < 0) return undefined;
    const tag = raw.slice(at, gt + 1);
    if (isCreationTime(tag)) return tag;
    // A `<TIMEX3` before this `>` would end here too, on part of this tag.
    at = indexOfIgnoreCase(raw, '<timex3', gt + 1);
  }
  return undefined;
}

function isCreationTime(tag: string): boolean {
  const name = 'functionindocument';
  for (let at = indexOfIgnoreCase(tag, name); at >= 0; at = indexOfIgnoreCase(tag, name, at + 1)) {
    const eq = skipSpaces(tag, at + name.length);
    if (tag.charCodeAt(eq) === 0x3d && startsWithIgnoreCase(tag, '"creation_time"', skipSpaces(tag, eq + 1)))
      return true;
  }
  return false;
}

const isWordCode = (c: number) => (isNameStart(c) && c !== 0x3a) || (c >= 0x30 && c <= 0x39);

/** The text of the first `<DOCID>...</DOCID>` (any case) with no markup inside. */
function docidOf(raw: string): string | undefined {
  for (let at = indexOfIgnoreCase(raw, '<docid>'); at >= 0; at = indexOfIgnoreCase(raw, '<docid>', at + 1)) {
    const lt = raw.indexOf('<', at + 7);
    if (lt < 0) return undefined;
    if (startsWithIgnoreCase(raw, '</docid>', lt)) return raw.slice(at + 7, lt);
  }
  return undefined;
}

/** Reads a TimeML file; undefined when it has no `<TEXT>` element. */
export function parseTimeml(raw: string): TimemlDocument | undefined {
  const bodyOffset = textStart(raw);
  if (bodyOffset < 0) return undefined;
  const close = indexOfIgnoreCase(raw, '</text>', bodyOffset);
  const bodyEnd = close < 0 ? raw.length : close;
  let text = '';
  const timexes: TimexAnnotation[] = [];
  const stack: { attributes: Record<string, string>; start: number }[] = [];
  let i = bodyOffset;
  while (i < bodyEnd) {
    const lt = raw.indexOf('<', i);
    const stop = lt < 0 || lt > bodyEnd ? bodyEnd : lt;
    if (stop > i) text += decodeEntities(raw.slice(i, stop));
    if (stop >= bodyEnd) break;
    const gt = raw.indexOf('>', stop);
    if (gt < 0) break;
    const tag = raw.slice(stop, gt + 1);
    if (/^<TIMEX3[\s>]/i.test(tag)) {
      const attributes = readAttributes(tag);
      if (tag.endsWith('/>')) {
        // an empty TIMEX3 (no text): kept out of extraction
      } else stack.push({ attributes, start: text.length });
    } else if (/^<\/TIMEX3\s*>/i.test(tag)) {
      const top = stack.pop();
      if (top) {
        const a = top.attributes;
        timexes.push({
          tid: a.tid ?? '',
          start: top.start,
          end: text.length,
          text: text.slice(top.start, text.length),
          type: a.type ?? '',
          value: a.value ?? '',
          ...(a.mod ? { mod: a.mod } : {}),
          attributes: a,
        });
      }
    }
    i = gt + 1;
  }
  const dct = readAttributes(dctTag(raw) ?? '').value;
  const docid = docidOf(raw)?.trim();
  timexes.sort((a, b) => a.start - b.start || b.end - a.end);
  return { ...(docid ? { docid } : {}), text, bodyOffset, ...(dct ? { dct } : {}), timexes };
}

/** ISO date or date-time from a DCT value ("1998-01-08", "19980108", "1998-02-06T22:29:00"). */
export function dctToPublished(dct: string | undefined): string | undefined {
  if (!dct) return undefined;
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(T\d{2}:\d{2}(?::\d{2})?)?/.exec(dct.trim());
  if (!m) return undefined;
  return `${m[1]}-${m[2]}-${m[3]}${m[4] ?? ''}`;
}

export const timemlReader: Reader = {
  format: 'timeml',
  *read(input: RawInput, options?: ReadOptions): Iterable<ReadItem> {
    const doc = parseTimeml(input.text);
    if (!doc) {
      yield {
        failure: message('read/timeml-no-text', 'error', `${input.name}: no <TEXT> element`),
        index: 0,
      };
      return;
    }
    const published = dctToPublished(doc.dct) ?? options?.published;
    const messages = doc.dct
      ? []
      : [message('read/timeml-no-dct', 'warning', 'no creation time (DCT) in the file')];
    yield {
      document: createDocument({
        text: doc.text,
        bodyOffset: doc.bodyOffset,
        meta: published ? { published } : {},
        origin: { format: 'timeml', file: input.name, ...(doc.docid ? { sourceId: doc.docid } : {}) },
        messages,
      }),
    };
  },
};
