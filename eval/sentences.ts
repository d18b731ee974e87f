import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TextLayer } from '../src/text/text-layer.js';
import { shared } from './paths.js';

/**
 * Sentence segmentation against GUM's Wikinews documents: the text is rebuilt from each sentence's
 * `# text` line (a space between sentences, a blank line at `# newpar`), and a boundary counts when
 * a predicted sentence ends where a gold one does.
 */
export function evalSentences(args: readonly string[]): number {
  const at = args.indexOf('--data');
  const dir = at >= 0 && args[at + 1] ? (args[at + 1] as string) : shared('datasets', 'gum_wikinews', 'dep');
  let tp = 0;
  let predicted = 0;
  let gold = 0;
  const misses: string[] = [];
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.conllu'))
    .sort();
  for (const file of files) {
    let text = '';
    const ends = new Set<number>();
    let newParagraph = false;
    for (const line of readFileSync(join(dir, file), 'utf8').split('\n')) {
      if (line.startsWith('# newpar')) newParagraph = true;
      else if (line.startsWith('# text = ')) {
        if (text) text += newParagraph ? '\n\n' : ' ';
        text += line.slice('# text = '.length);
        ends.add(text.length);
        newParagraph = false;
      }
    }
    const layer = new TextLayer(text);
    gold += ends.size;
    predicted += layer.sentences.length;
    for (const s of layer.sentences) {
      if (ends.has(s.end)) tp++;
      else if (misses.length < 12)
        misses.push(
          `${file}: …${text.slice(Math.max(0, s.end - 40), s.end)}‖${text.slice(s.end, s.end + 30)}…`,
        );
    }
  }
  const p = tp / predicted;
  const r = tp / gold;
  const f = (2 * p * r) / (p + r);
  console.log(
    `sentences on GUM (${files.length} documents, ${gold} gold sentences): boundary P ${p.toFixed(3)} R ${r.toFixed(3)} F1 ${f.toFixed(3)}`,
  );
  if (args.includes('--verbose')) for (const m of misses) console.log(`  spurious: ${m}`);
  return 0;
}
