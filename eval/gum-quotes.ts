import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Analysis, Quote } from '../src/document/analysis.js';
import type { Span } from '../src/document/span.js';
import type { Pipeline } from '../src/pipeline/pipeline.js';
import { readText } from '../src/read/read-input.js';

interface GumToken {
  start: number;
  end: number;
  lemma: string;
  head: number;
  deprel: string;
  sentence: number;
}

/**
 * A GUM news document rebuilt as text from its CoNLL-U (spacing from SpaceAfter, paragraphs from
 * `# newpar`), with the `<quote>` token ranges of its XML (the two files list the same tokens).
 */
function readGum(
  dir: string,
  name: string,
): { text: string; tokens: GumToken[]; quotes: [number, number][] } {
  const tokens: GumToken[] = [];
  let text = '';
  let sentence = -1;
  let sentenceStart = 0;
  for (const line of readFileSync(join(dir, 'dep', `${name}.conllu`), 'utf8').split('\n')) {
    if (line.startsWith('# newpar') && !line.startsWith('# newpar_') && text) text = `${text.trimEnd()}\n\n`;
    if (line.startsWith('# sent_id')) {
      sentence++;
      sentenceStart = tokens.length;
    }
    const f = line.split('\t');
    if (f.length < 10 || !/^\d+$/.test(f[0] ?? '')) continue;
    const start = text.length;
    text += f[1];
    tokens.push({
      start,
      end: text.length,
      lemma: (f[2] ?? '').toLowerCase(),
      head: Number(f[6]) === 0 ? -1 : sentenceStart + Number(f[6]) - 1,
      deprel: f[7] ?? '',
      sentence,
    });
    if (!(f[9] ?? '').includes('SpaceAfter=No')) text += ' ';
  }
  const quotes: [number, number][] = [];
  let k = 0;
  const open: number[] = [];
  for (const line of readFileSync(join(dir, 'xml', `${name}.xml`), 'utf8').split('\n')) {
    if (line.startsWith('<quote')) open.push(k);
    else if (line.startsWith('</quote>')) {
      const s = open.pop();
      if (s !== undefined && open.length === 0 && k > s) quotes.push([s, k]);
    } else if (line.includes('\t')) k++;
  }
  return { text, tokens, quotes };
}

const SPEECH = new Set([
  'say',
  'tell',
  'add',
  'ask',
  'explain',
  'write',
  'state',
  'note',
  'claim',
  'continue',
  'reply',
]);

/** Derived gold: the subject of a speech verb outside the quotation in the quotation's sentence. */
function goldSpeaker(tokens: GumToken[], quote: [number, number]): GumToken | undefined {
  const sentence = tokens[quote[0]]?.sentence;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i] as GumToken;
    if (t.sentence !== sentence || (i >= quote[0] && i < quote[1]) || !SPEECH.has(t.lemma)) continue;
    const subject = tokens.find((x) => x.head === i && x.deprel.startsWith('nsubj'));
    if (subject) return subject;
  }
  return undefined;
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) =>
  a.start < b.end && b.start < a.end;

/**
 * Direct quotes of GUM's Wikinews news documents: how many `<quote>`s the system finds, and for those
 * whose sentence names the speaker as subject of a speech verb (read from GUM's gold dependencies),
 * whether the system's source span covers that subject.
 */
export function evalGumQuotes(dir: string, pipeline: Pipeline): void {
  let quotes = 0;
  let found = 0;
  let withSpeaker = 0;
  let speakerRight = 0;
  const names = readdirSync(join(dir, 'dep'))
    .filter((f) => f.startsWith('GUM_news_') && f.endsWith('.conllu'))
    .map((f) => f.replace(/\.conllu$/, ''));
  for (const name of names) {
    const gum = readGum(dir, name);
    let analysis: Analysis | undefined;
    for (const item of readText(`${name}.txt`, gum.text, { format: 'text' }))
      if ('document' in item) analysis = pipeline.analyze(item.document);
    if (!analysis) continue;
    const at = analysis.document.bodyOffset;
    const sys = (analysis.quotes as readonly (Quote & { source?: Span })[]).filter(
      (q) => q.kind !== 'indirect',
    );
    for (const q of gum.quotes) {
      quotes++;
      const span = { start: (gum.tokens[q[0]]?.start ?? 0) - at, end: (gum.tokens[q[1] - 1]?.end ?? 0) - at };
      const hit = sys.find((x) => overlaps(x, span));
      if (hit) found++;
      const speaker = goldSpeaker(gum.tokens, q);
      if (!speaker) continue;
      withSpeaker++;
      const g = { start: speaker.start - at, end: speaker.end - at };
      if (hit?.source && overlaps(hit.source, g)) speakerRight++;
    }
  }
  console.log(
    `GUM news quotes (${names.length} documents): found ${found}/${quotes} (${(found / quotes).toFixed(3)});`,
  );
  console.log(
    `  speaker accuracy ${speakerRight}/${withSpeaker} (${(speakerRight / Math.max(1, withSpeaker)).toFixed(3)}) over quotes whose sentence has a speech verb with a subject`,
  );
}
