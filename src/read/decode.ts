import { type Message, message } from '../document/message.js';

export type Decoded = { ok: true; text: string; messages: Message[] } | { ok: false; failure: Message };

const utf8 = new TextDecoder('utf-8', { fatal: true });
// Node decodes the "windows-1252" label as ISO-8859-1, so the 0x80-0x9f range (curly quotes, dashes,
// the euro) is mapped here as Windows-1252 has it; undefined slots stay as their Latin-1 controls.
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(bytes: Uint8Array): string {
  const chars: string[] = new Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i] as number;
    chars[i] = b >= 0x80 && b < 0xa0 ? CP1252_HIGH.charAt(b - 0x80) : String.fromCharCode(b);
  }
  return chars.join('');
}

/**
 * Bytes to text. UTF-8 by default, UTF-16 when a byte-order mark says so; bytes that are not UTF-8
 * are read as Windows-1252 (old news archives are Latin-1) with a warning. Binary data is refused.
 * A byte-order mark is dropped, so offsets count from the first character after it.
 */
export function decodeInput(bytes: Uint8Array): Decoded {
  if (bytes.length === 0) return { ok: false, failure: message('read/empty', 'error', 'the input is empty') };
  if (
    bytes.length >= 2 &&
    ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))
  ) {
    const text = new TextDecoder(bytes[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(bytes);
    return checked(text, []);
  }
  if (looksBinary(bytes)) {
    return { ok: false, failure: message('read/binary', 'error', 'the input is binary data, not text') };
  }
  try {
    return checked(utf8.decode(bytes), []);
  } catch {
    const text = decodeWindows1252(bytes);
    return checked(text, [
      message(
        'read/not-utf8',
        'warning',
        'the input is not valid UTF-8; it was read as Windows-1252 (Latin-1)',
      ),
    ]);
  }
}

function checked(text: string, messages: Message[]): Decoded {
  if (text.trim() === '')
    return { ok: false, failure: message('read/empty', 'error', 'the input holds only white space') };
  return { ok: true, text, messages };
}

/** NUL bytes, or many control bytes, in the first 8 KiB: no news text looks like that. */
function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i] as number;
    if (b === 0) return true;
    if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
  }
  return control > n * 0.1;
}
