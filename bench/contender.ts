/**
 * One contender in its own process, so its peak RSS is its own:
 * `node dist/bench/contender.js NAME --corpus FILE --out FILE [--runs N --warmup N --budget-ms MS]`
 * (or `--scaling [--factor N]` in place of NAME: every Dateline stage on a ~2 KB article and one N times
 * as long, for at least a tenth of the budget each).
 * Writes its measurements as JSON to `--out`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { type Contender, createContender } from './contenders.js';
import type { Article } from './corpus.js';
import { measureScaling } from './scaling.js';
import { documentsWithin } from './stats.js';

export interface ContenderResult {
  readonly name: string;
  readonly job: string;
  /** How many documents, from the start of the corpus, each run covered. */
  readonly docs: number;
  /** Milliseconds of timed work, one per run over its documents. */
  readonly runsMs: number[];
  /** Items the contender extracted in its last run: what it gives for its time. */
  readonly items: number;
  readonly errors: number;
  /** `process.resourceUsage().maxRSS` at the end, in kilobytes: corpus and runtime included. */
  readonly peakRssKb: number;
  readonly setupMs: number;
}

async function measure(
  name: string,
  articles: readonly Article[],
  runs: number,
  warmup: number,
  budgetMs: number,
) {
  const setupStarted = performance.now();
  const contender: Contender = await createContender(name, articles);
  const setupMs = performance.now() - setupStarted;
  const warmupDocs = Math.min(warmup, articles.length);
  await contender.pass(warmupDocs);
  // The first pass compiles and fills caches; the second says what a document costs once warm, in wall
  // time, as a stage's untimed prerequisites also take the benchmark's time.
  const warmStarted = performance.now();
  await contender.pass(warmupDocs);
  const docs = documentsWithin(budgetMs, performance.now() - warmStarted, warmupDocs, articles.length);
  const runsMs: number[] = [];
  let last = { items: 0, errors: 0 };
  for (let r = 0; r < runs; r++) {
    const pass = await contender.pass(docs);
    runsMs.push(pass.ms);
    last = pass;
  }
  await contender.close();
  const result: ContenderResult = {
    name,
    job: contender.job,
    docs,
    runsMs,
    items: last.items,
    errors: last.errors,
    peakRssKb: process.resourceUsage().maxRSS,
    setupMs,
  };
  return result;
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    corpus: { type: 'string' },
    out: { type: 'string' },
    runs: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '50' },
    'budget-ms': { type: 'string', default: '15000' },
    scaling: { type: 'boolean', default: false },
    factor: { type: 'string', default: '100' },
  },
});
if (!values.corpus || !values.out || (!values.scaling && positionals.length !== 1)) {
  console.error(
    'usage: contender.js (NAME | --scaling) --corpus FILE --out FILE [--runs N] [--warmup N] [--budget-ms MS]',
  );
  process.exit(2);
}
const articles = (JSON.parse(readFileSync(values.corpus, 'utf8')) as { articles: Article[] }).articles;
const result = values.scaling
  ? await measureScaling(articles, Number(values.factor), Number(values['budget-ms']) / 10)
  : await measure(
      positionals[0] as string,
      articles,
      Number(values.runs),
      Number(values.warmup),
      Number(values['budget-ms']),
    );
writeFileSync(values.out, JSON.stringify(result));
