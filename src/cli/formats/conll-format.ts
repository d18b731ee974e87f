import type { Analysis, Entity, Mention } from '../../document/analysis.js';
import { conllLines, conllTokenOffsets } from '../../read/conll-reader.js';
import type { OutputFormat, OutputWriter } from './output-format.js';

/** Our types as CoNLL-2003's four; demonym mentions are MISC (nationalities) whatever they refer to. */
export function conllType(entity: Entity, mention: Mention): 'PER' | 'ORG' | 'LOC' | 'MISC' {
  if (mention.kind === 'demonym') return 'MISC';
  switch (entity.type) {
    case 'PERSON':
      return 'PER';
    case 'ORG':
      return 'ORG';
    case 'GPE':
    case 'LOC':
    case 'FAC':
      return 'LOC';
    default:
      return 'MISC';
  }
}

/** CoNLL marks names only: pronouns and descriptions are left out. */
const NAMED = new Set<Mention['kind']>(['name', 'alias', 'acronym', 'demonym']);

/** IOB2 tags for each token of a CoNLL document's text, from the analysis's name mentions. */
export function conllTags(analysis: Analysis): string[] {
  const offsets = conllTokenOffsets(analysis.document.text);
  const tags = offsets.map(() => 'O');
  // A short form's "the" ("the North" for North Korea) is no part of the name in CoNLL's convention.
  const nameOf = (m: Mention): Mention =>
    m.kind === 'alias' && /^the\s+\S/i.test(m.text) ? { ...m, start: m.start + 4, text: m.text.slice(4) } : m;
  const mentions = analysis.entities
    .flatMap((e) =>
      e.mentions.filter((m) => NAMED.has(m.kind)).map((m) => ({ m: nameOf(m), type: conllType(e, m) })),
    )
    .sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end);
  let t = 0;
  for (const { m, type } of mentions) {
    while (t > 0 && (offsets[t - 1] as [number, number])[1] > m.start) t--;
    while (t < offsets.length && (offsets[t] as [number, number])[1] <= m.start) t++;
    let first = true;
    for (let k = t; k < offsets.length && (offsets[k] as [number, number])[0] < m.end; k++) {
      if (tags[k] !== 'O') break;
      tags[k] = `${first ? 'B' : 'I'}-${type}`;
      first = false;
    }
  }
  return tags;
}

/**
 * `--format conll`: each input line of a CoNLL document with the predicted IOB2 tag appended, so a
 * conlleval-style scorer reads it. Documents that did not come from the CoNLL reader are written as
 * `token tag` lines, one sentence per block.
 */
export const conllFormat: OutputFormat = {
  name: 'conll',
  extension: 'conll',
  multiDocument: true,
  createWriter(write): OutputWriter {
    return {
      add(analysis) {
        const tags = conllTags(analysis);
        const lines = conllLines(analysis.document.id);
        const out: string[] = [];
        if (lines) {
          let t = 0;
          for (const line of lines) {
            if (line.trim() === '') out.push(line);
            else if (line.startsWith('-DOCSTART-')) out.push(`${line} O`);
            else out.push(`${line} ${tags[t++] ?? 'O'}`);
          }
        } else {
          const { text } = analysis.document;
          let previousEnd = 0;
          conllTokenOffsets(text).forEach(([s, e], k) => {
            if (text.slice(previousEnd, s).includes('\n')) out.push('');
            out.push(`${text.slice(s, e)} ${tags[k]}`);
            previousEnd = e;
          });
        }
        write(`${out.join('\n')}\n`);
      },
      close() {},
    };
  },
};
