import { createDocument } from '../document/document.js';
import { message } from '../document/message.js';
import type { RawInput, Reader, ReadItem } from './reader.js';

/**
 * The input lines of each CoNLL document read in this process, by document id, so that the CoNLL
 * writer can append its tags to the very lines it was given. Bounded: the oldest are forgotten.
 */
const LINES = new Map<string, readonly string[]>();
const MAX_KEPT = 10_000;

export function conllLines(documentId: string): readonly string[] | undefined {
  return LINES.get(documentId);
}

const isDocStart = (line: string) => line.startsWith('-DOCSTART-');

/**
 * CoNLL-2003 (`token POS chunk NER` per line, blank lines between sentences, `-DOCSTART-` between
 * documents): one document per `-DOCSTART-`, its text the tokens joined by single spaces, one
 * sentence per line. Tokens never hold spaces, so each token's offsets follow from the text.
 */
export const conllReader: Reader = {
  format: 'conll',
  *read(input: RawInput): Iterable<ReadItem> {
    const lines = input.text.split(/\r?\n/);
    if (lines[lines.length - 1] === '') lines.pop();
    let index = 0;
    let from = 0;
    for (let i = 0; i <= lines.length; i++) {
      if (i < lines.length && !(isDocStart(lines[i] as string) && i > from)) continue;
      const block = lines.slice(from, i);
      from = i;
      if (block.length === 0) continue;
      const sentences: string[] = [];
      let current: string[] = [];
      for (const line of block) {
        const token = line.trim() === '' || isDocStart(line) ? '' : (line.split(/\s+/)[0] as string);
        if (token) current.push(token);
        else if (current.length) {
          sentences.push(current.join(' '));
          current = [];
        }
      }
      if (current.length) sentences.push(current.join(' '));
      if (sentences.length === 0) {
        yield {
          failure: message('read/no-body', 'error', `CoNLL document ${index + 1} has no tokens`),
          index,
        };
        index++;
        continue;
      }
      const document = createDocument({
        text: sentences.join('\n'),
        bodyOffset: 0,
        origin: { format: 'conll', file: input.name, index },
      });
      if (LINES.size >= MAX_KEPT) LINES.delete(LINES.keys().next().value as string);
      LINES.set(document.id, block);
      yield { document };
      index++;
    }
  },
};

/** The [start, end) offsets of each token of a CoNLL document's text, in order. */
export function conllTokenOffsets(text: string): [number, number][] {
  const out: [number, number][] = [];
  const re = /[^ \n]+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push([m.index, m.index + m[0].length]);
  return out;
}
