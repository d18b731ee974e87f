/**
 * TimeML (`.tml`, `.TE3input`): the document text is the content of `<TEXT>` with every tag removed
 * and the five XML entities decoded; the publication date is the DCT (the TIMEX3 whose
 * functionInDocument is CREATION_TIME). `parseTimeml` also returns the TIMEX3 annotations with
 * offsets into that text, for evaluation.
 */
import { createDocument } from '../document/document.js';
import { message } from '../document/message.js';
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

export function readAttributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  const re = /([A-Za-z_:][\w:.-]*)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(tag); m; m = re.exec(tag)) out[m[1] as string] = decodeEntities(m[2] ?? m[3] ?? '');
  return out;
}

/** Reads a TimeML file; undefined when it has no `<TEXT>` element. */
export function parseTimeml(raw: string): TimemlDocument | undefined {
  const open = /<TEXT(?:\s[^>]*)?>/i.exec(raw);
  if (!open) return undefined;
  const bodyOffset = open.index + open[0].length;
  const close = raw.toUpperCase().indexOf('</TEXT>', bodyOffset);
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
  const dctTag = /<TIMEX3\b[^>]*functionInDocument\s*=\s*"CREATION_TIME"[^>]*>/i.exec(raw);
  const dct = dctTag ? readAttributes(dctTag[0]).value : undefined;
  const docid = /<DOCID>([^<]*)<\/DOCID>/i.exec(raw)?.[1]?.trim();
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
