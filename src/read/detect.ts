import type { InputFormat } from '../document/document.js';

const BY_EXTENSION: Record<string, InputFormat> = {
  txt: 'text',
  text: 'text',
  json: 'json',
  jsonl: 'jsonl',
  ndjson: 'jsonl',
  html: 'html',
  htm: 'html',
  xhtml: 'html',
  rss: 'feed',
  atom: 'feed',
  csv: 'csv',
  tml: 'timeml',
  te3input: 'timeml',
  conll: 'conll',
};

/**
 * The format of an input from its content first (what it is), then its extension (what it claims):
 * a `.txt` that holds JSON is read as JSON; a `.xml` is a feed or TimeML by its root element.
 */
export function detectFormat(name: string, text: string): InputFormat {
  const head = text.slice(0, 2048).trimStart();
  const lower = head.toLowerCase();
  if (head.startsWith('{') || head.startsWith('[')) {
    // JSON Lines: more than one line, and the first is a whole JSON value by itself.
    const lines = text
      .slice(0, 1 << 20)
      .split('\n', 3)
      .filter((l) => l.trim() !== '');
    const jsonl = lines.length > 1 && parsesAlone(lines[0] as string);
    return jsonl ? 'jsonl' : 'json';
  }
  if (head.startsWith('-DOCSTART-')) return 'conll';
  if (head.startsWith('<')) {
    if (/<timeml[\s>]/i.test(head) || /<dct>/i.test(head)) return 'timeml';
    if (/<(rss|feed|rdf:rdf)[\s>]/i.test(head)) return 'feed';
    if (lower.startsWith('<!doctype html') || /<(html|head|body|article)[\s>]/i.test(head)) return 'html';
  }
  const dot = name.lastIndexOf('.');
  const ext =
    dot >= 0 && /^[a-z0-9]+$/i.test(name.slice(dot + 1)) ? name.slice(dot + 1).toLowerCase() : undefined;
  const byExtension = ext ? BY_EXTENSION[ext] : undefined;
  if (byExtension) return byExtension;
  const firstLine = (head.split('\n', 1)[0] ?? '').toLowerCase();
  if (/^[\w ]+(,[\w ]+){2,}$/.test(firstLine.trim()) && /\b(text|body|content)\b/.test(firstLine))
    return 'csv';
  return 'text';
}

function parsesAlone(line: string): boolean {
  try {
    JSON.parse(line);
    return true;
  } catch {
    return false;
  }
}
