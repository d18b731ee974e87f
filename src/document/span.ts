import { DatelineError } from './errors.js';

/** Half-open `[start, end)` in UTF-16 code units of a document's text, with the text it covers. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/** Which stage and rule made an extraction, and how sure it is (0..1). */
export interface Provenance {
  readonly rule: string;
  readonly confidence?: number;
}

export function spanOf(source: string, start: number, end: number): Span {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > source.length) {
    throw new DatelineError('SPAN_OUT_OF_RANGE', `[${start}, ${end}) in a text of ${source.length}`);
  }
  if (end < start) throw new DatelineError('SPAN_INVERTED', `[${start}, ${end})`);
  return { start, end, text: source.slice(start, end) };
}

/** Shrinks `[start, end)` past white space at both ends; an all-space range collapses to its start. */
export function trimRange(source: string, start: number, end: number): [number, number] {
  let s = start;
  let e = end;
  while (s < e && isSpaceCode(source.charCodeAt(s))) s++;
  while (e > s && isSpaceCode(source.charCodeAt(e - 1))) e--;
  return [s, e];
}

/** Whether `[start, end)` holds only white space (as `trim` sees it), read in place. */
export function isBlankRange(source: string, start: number, end: number): boolean {
  for (let k = start; k < end; k++) if (!isSpaceCode(source.charCodeAt(k))) return false;
  return true;
}

export function isSpaceCode(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/** Throws when a span's text is not the document's text at its offsets: the invariant every layer keeps. */
export function assertSpan(source: string, span: Span, where = 'span'): void {
  if (span.start < 0 || span.end > source.length || span.end < span.start) {
    throw new DatelineError('SPAN_OUT_OF_RANGE', `${where} [${span.start}, ${span.end})`);
  }
  if (source.slice(span.start, span.end) !== span.text) {
    throw new DatelineError('SPAN_TEXT_MISMATCH', `${where} [${span.start}, ${span.end})`);
  }
}

/** The document's text may be cut only where it does not split a surrogate pair. */
export function isCodePointBoundary(source: string, offset: number): boolean {
  if (offset <= 0 || offset >= source.length) return true;
  const before = source.charCodeAt(offset - 1);
  const after = source.charCodeAt(offset);
  return !(before >= 0xd800 && before <= 0xdbff && after >= 0xdc00 && after <= 0xdfff);
}
