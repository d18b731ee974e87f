import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bratAttributions } from '../src/attribution/brat-writer.js';
import type { Analysis } from '../src/document/analysis.js';
import { createPipeline } from '../src/pipeline/default-pipeline.js';
import type { Pipeline } from '../src/pipeline/pipeline.js';
import { readText } from '../src/read/read-input.js';
import { evalGumQuotes } from './gum-quotes.js';
import { shared } from './paths.js';
import {
  addCounts,
  type Counts,
  emptyCounts,
  PARTS,
  prf,
  type Relation,
  readSplit,
  scoreDocument,
} from './polnear-score.js';

/** The default pipeline, with a generous budget: evaluation measures accuracy, not latency. */
export function attributionPipeline(): Pipeline {
  return createPipeline({ timeBudgetMs: 60_000 });
}

function analyseText(pipeline: Pipeline, name: string, text: string): Analysis | undefined {
  for (const item of readText(name, text, { format: 'text' })) {
    if ('document' in item) return pipeline.analyze(item.document);
  }
  return undefined;
}

/** The analysis's attributions as PolNeAR relations, in offsets of the input file. */
export function systemRelations(analysis: Analysis): Relation[] {
  const at = analysis.document.bodyOffset;
  return bratAttributions(analysis).map((a) => ({
    source: a.source.map((s) => [at + s.start, at + s.end] as const),
    cue: a.cue.map((s) => [at + s.start, at + s.end] as const),
    content: a.content.map((s) => [at + s.start, at + s.end] as const),
  }));
}

const pct = (x: number) => x.toFixed(3);
const line = (label: string, c: Counts) => {
  const { p, r, f } = prf(c);
  return `  ${label.padEnd(18)} P ${pct(p)}  R ${pct(r)}  F1 ${pct(f)}  (${c.correct}/${c.predicted} system, ${c.found}/${c.gold} gold)`;
};

function evalPolnear(dir: string, pipeline: Pipeline): number {
  const docs = readSplit(dir, false);
  const totals: Record<string, Counts> = { whole: emptyCounts() };
  const started = performance.now();
  for (const doc of docs) {
    const analysis = analyseText(pipeline, `${doc.name}.txt`, doc.text);
    if (!analysis) continue;
    const score = scoreDocument(doc.relations, systemRelations(analysis));
    addCounts(totals.whole as Counts, score.whole);
    for (const [k, c] of Object.entries(score.spans)) {
      totals[k] ??= emptyCounts();
      addCounts(totals[k], c);
    }
  }
  console.log(`PolNeAR ${dir} (${docs.length} articles, ${(performance.now() - started).toFixed(0)} ms):`);
  for (const part of PARTS)
    for (const mode of ['exact', 'overlap'])
      console.log(line(`${part} ${mode}`, totals[`${part}-${mode}`] as Counts));
  console.log(line('whole (overlap)', totals.whole as Counts));
  return prf(totals.whole as Counts).f;
}

const SEED = '000_4e6a1e8230babff5';

function evalSeedQuotes(pipeline: Pipeline, verbose: boolean): void {
  const text = readFileSync(shared('gold', `${SEED}.txt`), 'utf8');
  const analysis = analyseText(pipeline, `${SEED}.txt`, text);
  const dir = mkdtempSync(join(tmpdir(), 'dateline-attribution-'));
  try {
    const out = join(dir, 'seed.json');
    writeFileSync(out, JSON.stringify(analysis));
    const check = spawnSync(
      process.execPath,
      [shared('gold', 'check-gold.mjs'), shared('gold', `${SEED}.gold.json`), out],
      {
        encoding: 'utf8',
      },
    );
    const lines = check.stdout.trim().split('\n');
    console.log(`seed (${SEED}) through check-gold:`);
    for (const l of lines) if (verbose || l.startsWith('quote')) console.log(`  ${l}`);
    const summary = lines[lines.length - 1] ?? '';
    const parts = ['quotes', 'speakers', 'speakers-hard', 'via'].map(
      (k) => new RegExp(`\\b${k} \\d+/\\d+`).exec(summary)?.[0],
    );
    console.log(
      `  ${parts.filter(Boolean).join(', ')}; ${/spurious \d+/.exec(summary)?.[0] ?? ''} (all layers)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `npm run eval -- attribution [--data DIR] [--verbose]`: PolNeAR dev spans and relations, GUM quotes, the seed. */
export async function evalAttribution(args: readonly string[]): Promise<number> {
  const i = args.indexOf('--data');
  const dir = i >= 0 && args[i + 1] ? (args[i + 1] as string) : shared('datasets', 'polnear', 'dev');
  const pipeline = attributionPipeline();
  evalPolnear(dir, pipeline);
  evalGumQuotes(shared('datasets', 'gum_wikinews'), pipeline);
  evalSeedQuotes(pipeline, args.includes('--verbose'));
  return 0;
}
