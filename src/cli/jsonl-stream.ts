import { message } from '../document/message.js';
import { decodeInput } from '../read/decode.js';
import { type ReadInputOptions, readJsonlLine } from '../read/read-input.js';
import type { ReadItem } from '../read/reader.js';

const utf8 = new TextDecoder();

type Line = { readonly bytes: Uint8Array; readonly cr: boolean } | { readonly tooLarge: number };

/**
 * The lines of a byte stream without their line ends, holding one line at a time: a line longer than
 * `maxBytes` is skipped as it streams past and only its length is kept.
 */
export async function* byteLines(chunks: AsyncIterable<Uint8Array>, maxBytes: number): AsyncIterable<Line> {
  let parts: Uint8Array[] = [];
  let length = 0;
  const line = (): Line => {
    if (length > maxBytes) return { tooLarge: length };
    let bytes = parts.length === 1 ? (parts[0] as Uint8Array) : Buffer.concat(parts, length);
    const cr = bytes[bytes.length - 1] === 0x0d;
    if (cr) bytes = bytes.subarray(0, bytes.length - 1);
    return { bytes, cr };
  };
  const take = (piece: Uint8Array) => {
    length += piece.length;
    if (length <= maxBytes) parts.push(piece);
    else parts = [];
  };
  for await (const chunk of chunks) {
    for (let from = 0; from < chunk.length; ) {
      const newline = chunk.indexOf(0x0a, from);
      take(chunk.subarray(from, newline < 0 ? chunk.length : newline));
      if (newline < 0) break;
      yield line();
      parts = [];
      length = 0;
      from = newline + 1;
    }
  }
  if (length > 0) yield line();
}

/** The first bytes of a stream are a UTF-16 byte-order mark: its lines cannot be split on 0x0a bytes. */
export const isUtf16 = (head: Uint8Array) =>
  head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));

/**
 * A JSONL input read record by record, in constant memory whatever its size: each line is decoded and read
 * on its own, with the size limit applied to each record rather than to the whole input. The documents and
 * failures are those the whole-input reader gives, except that a line that is not UTF-8 is read as
 * Windows-1252 by itself, and offsets after a line over the size limit count that line's bytes.
 */
export async function* streamJsonl(
  name: string,
  chunks: AsyncIterable<Uint8Array>,
  options: ReadInputOptions & { readonly maxBytes: number },
): AsyncIterable<ReadItem> {
  let index = 0;
  let offset = 0;
  for await (const line of byteLines(chunks, options.maxBytes)) {
    if ('tooLarge' in line) {
      const text = `record ${index} has ${line.tooLarge} bytes, more than the limit of ${options.maxBytes} (--max-bytes)`;
      yield { failure: message('read/too-large', 'error', text), index: index++ };
      offset += line.tooLarge + 1;
      continue;
    }
    const decoded = decodeInput(line.bytes);
    if (!decoded.ok) {
      // A blank line is no record, as in the whole-input reader; anything else undecodable is one.
      const blank = decoded.failure.rule === 'read/empty';
      if (!blank) yield { failure: decoded.failure, index: index++ };
      offset += (blank ? utf8.decode(line.bytes).length : line.bytes.length) + (line.cr ? 2 : 1);
      continue;
    }
    yield readJsonlLine(
      name,
      decoded.text,
      { index: index++, offset },
      {
        ...options,
        decodeMessages: decoded.messages,
      },
    );
    offset += decoded.text.length + (line.cr ? 2 : 1);
  }
}
