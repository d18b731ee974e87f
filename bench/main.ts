/**
 * `npm run bench [-- --quick]`: Dateline's stages, its whole pipeline and its peers on the same corpus,
 * each contender in its own process; a scaling check and a CPU profile of the pipeline. Prints tables
 * and writes bench/results/latest.json.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { repoRoot, shared } from '../eval/paths.js';
import type { ContenderResult } from './contender.js';
import { contenderNames, STAGE_PREFIX } from './contenders.js';
import { countWords, loadCorpus } from './corpus.js';
import { type CpuProfile, type HotFunction, hotFunctions } from './profile.js';
import {
  type ContenderRow,
  type CorpusSummary,
  contenderRow,
  contenderTable,
  fmt,
  profileTable,
  scalingTable,
  type Target,
} from './report.js';
import type { ScalingResult } from './scaling.js';

const here = fileURLToPath(new URL('.', import.meta.url));

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    docs: { type: 'string' },
    runs: { type: 'string' },
    seed: { type: 'string', default: '20250101' },
    datasets: { type: 'string', default: shared('datasets') },
    out: { type: 'string', default: join(repoRoot, 'bench', 'results', 'latest.json') },
  },
});
const quick = values.quick;
const settings = {
  docs: Number(values.docs ?? (quick ? 100 : 2000)),
  runs: Number(values.runs ?? (quick ? 3 : 5)),
  warmup: quick ? 10 : 50,
  /** Wall milliseconds one run may take; slower contenders run on a prefix of the corpus. */
  budgetMs: quick ? 1000 : 8000,
  /** The long article of the scaling check is this many times the ~2 KB one. */
  scalingFactor: quick ? 10 : 100,
  seed: Number(values.seed),
};

const work = mkdtempSync(join(tmpdir(), 'dateline-bench-'));
const log = (line: string) => process.stderr.write(`${line}\n`);

/** Runs `contender.js` in a fresh Node process; its JSON result, or the reason it failed. */
function child<T>(args: string[], nodeFlags: string[] = []): T | { failed: string } {
  const out = join(work, `result-${Math.random().toString(36).slice(2)}.json`);
  const proc = spawnSync(
    process.execPath,
    [...nodeFlags, join(here, 'contender.js'), ...args, '--out', out],
    {
      stdio: ['ignore', 'inherit', 'pipe'],
      encoding: 'utf8',
    },
  );
  if (proc.status !== 0) {
    const lines = (proc.stderr ?? '').trim().split('\n');
    const reason = lines.find((l) => /Error|error:/.test(l)) ?? lines.pop() ?? `exit ${proc.status}`;
    return { failed: reason.trim() };
  }
  return JSON.parse(readFileSync(out, 'utf8')) as T;
}

const isFailure = (x: object): x is { failed: string } => 'failed' in x;

try {
  const started = performance.now();
  log(`bench: drawing ${settings.docs} articles (seed ${settings.seed}) from ${values.datasets}`);
  const corpus = loadCorpus(values.datasets, settings.docs, settings.seed);
  const corpusFile = join(work, 'corpus.json');
  writeFileSync(corpusFile, JSON.stringify(corpus));
  const bySource: Record<string, number> = {};
  for (const a of corpus.articles) bySource[a.source] = (bySource[a.source] ?? 0) + 1;
  const summary: CorpusSummary = {
    seed: settings.seed,
    docs: corpus.articles.length,
    bytes: corpus.articles.reduce((n, a) => n + Buffer.byteLength(a.text), 0),
    tokens: corpus.articles.reduce((n, a) => n + countWords(a.text), 0),
    bySource,
  };
  const common = [
    '--corpus',
    corpusFile,
    '--runs',
    String(settings.runs),
    '--warmup',
    String(settings.warmup),
  ];
  common.push('--budget-ms', String(settings.budgetMs));
  // bytes and words of the first i articles: a contender that ran on a prefix is rated on what it read
  const prefixBytes = [0];
  const prefixWords = [0];
  for (const a of corpus.articles) {
    prefixBytes.push((prefixBytes.at(-1) as number) + Buffer.byteLength(a.text));
    prefixWords.push((prefixWords.at(-1) as number) + countWords(a.text));
  }

  const rows: ContenderRow[] = [];
  const failures: Record<string, string> = {};
  for (const name of contenderNames()) {
    log(`bench: ${name}`);
    const result = child<ContenderResult>([name, ...common]);
    if (isFailure(result)) {
      failures[name] = result.failed;
      log(`bench: ${name} failed: ${result.failed}`);
    } else rows.push(contenderRow(result, prefixBytes[result.docs] ?? 0, prefixWords[result.docs] ?? 0));
  }

  log('bench: scaling');
  const scaling = child<ScalingResult>([
    '--scaling',
    '--corpus',
    corpusFile,
    '--budget-ms',
    String(settings.budgetMs),
    '--factor',
    String(settings.scalingFactor),
  ]);
  log('bench: profile');
  const profileDir = join(work, 'profile');
  const profiled = child<ContenderResult>(
    [
      'dateline',
      '--corpus',
      corpusFile,
      '--runs',
      '1',
      '--warmup',
      String(settings.warmup),
      '--budget-ms',
      String(settings.budgetMs),
    ],
    ['--cpu-prof', '--cpu-prof-dir', profileDir],
  );
  let hot: HotFunction[] = [];
  if (!isFailure(profiled)) {
    const file = readdirSync(profileDir).find((f) => f.endsWith('.cpuprofile'));
    if (file) {
      const profile = JSON.parse(readFileSync(join(profileDir, file), 'utf8')) as CpuProfile;
      hot = hotFunctions(profile, 10, `file://${repoRoot}`, 'pass');
    }
  }

  const row = (name: string) => rows.find((r) => r.name === name);
  // Ratios are of tokens/s: the same as docs/s when both ran on the same documents, and still fair
  // when a slow peer ran on a shorter prefix of the corpus.
  const speed = (r: ContenderRow) => r.tokensPerSec.median;
  const dateline = row('dateline');
  const ratios: Record<string, number> = {};
  for (const peer of ['regex-words', 'chrono-node', 'wink-nlp', 'compromise']) {
    const p = row(peer);
    if (dateline && p) ratios[`dateline / ${peer}`] = speed(dateline) / speed(p);
    const threads = row('dateline-threads');
    if (threads && p) ratios[`dateline-threads / ${peer}`] = speed(threads) / speed(p);
  }
  // chrono tokenizes as it parses, so the time stage is compared with the text layer's cost included
  const timeStage = rows.find((r) => r.name.startsWith(`${STAGE_PREFIX}time/`));
  const textLayer = row('text-layer');
  const timeWithText = timeStage && textLayer ? 1 / (1 / speed(timeStage) + 1 / speed(textLayer)) : undefined;
  const chrono = row('chrono-node');
  if (timeStage && chrono) ratios[`${timeStage.name} / chrono-node`] = speed(timeStage) / speed(chrono);
  if (timeWithText !== undefined && chrono)
    ratios['(text-layer + time stage) / chrono-node'] = timeWithText / speed(chrono);

  const targets: Target[] = [];
  const wink = row('wink-nlp');
  if (dateline && wink)
    targets.push({
      what: 'whole pipeline (1 core) >= wink-nlp sentences + entities',
      met: speed(dateline) >= speed(wink),
      detail: `${fmt(speed(dateline))} vs ${fmt(speed(wink))} tokens/s (${fmt(dateline.docsPerSec.median)} vs ${fmt(wink.docsPerSec.median)} docs/s)`,
    });
  if (chrono)
    targets.push(
      timeWithText === undefined
        ? { what: 'time stage >= chrono-node', met: false, detail: 'no time stage in DEFAULT_STAGES' }
        : {
            what: 'time stage (with the text layer) >= chrono-node parse',
            met: timeWithText >= speed(chrono),
            detail: `${fmt(timeWithText)} vs ${fmt(speed(chrono))} tokens/s (time stage alone ${fmt(speed(timeStage as ContenderRow))})`,
          },
    );
  if (dateline)
    targets.push({
      what: 'whole pipeline peak RSS < 300 MB',
      met: dateline.peakRssMb < 300,
      detail: `${fmt(dateline.peakRssMb)} MB (1 core)${row('dateline-threads') ? `, ${fmt(row('dateline-threads')?.peakRssMb ?? 0)} MB (threads)` : ''}`,
    });
  if (!isFailure(scaling)) {
    const worst = [...scaling.rows].sort((a, b) => b.costRatio - a.costRatio)[0];
    targets.push({
      what: `linear scaling: ~${fmt(scaling.smallChars / 1000)} KB -> ~${fmt(scaling.largeChars / 1000)} KB costs at most ${fmt(worst?.sizeRatio ?? 100)}x`,
      met: scaling.rows.every((r) => r.linear),
      detail: worst ? `worst ${worst.name} ${fmt(worst.costRatio)}x` : 'no rows',
    });
    const steepest = [...scaling.rows].sort((a, b) => b.doubling - a.doubling)[0];
    if (steepest)
      targets.push({
        what: 'the long article twice as long costs at most 2.2x the mean of its halves (growth in length alone)',
        met: scaling.rows.every((r) => r.doubling <= 2.2),
        detail: `steepest ${steepest.name} ${fmt(steepest.doubling)}x`,
      });
  }

  const out: string[] = [];
  const sources = Object.entries(summary.bySource)
    .map(([s, n]) => `${s} ${n}`)
    .join(', ');
  out.push(
    `Corpus: ${summary.docs} articles (${sources}), ${fmt(summary.bytes / 1e6)} MB, ${fmt(summary.tokens)} words; seed ${summary.seed}`,
    `Node ${process.version}, ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown'}); median of ${settings.runs} runs${quick ? ' (quick)' : ''}`,
    '',
    contenderTable(rows),
  );
  for (const [name, reason] of Object.entries(failures)) out.push(`${name}: not measured (${reason})`);
  out.push('', 'Ratios of speed (tokens/s: regex words per second, same run):');
  for (const [what, ratio] of Object.entries(ratios)) out.push(`  ${what}: ${fmt(ratio)}x`);
  out.push('', 'Scaling (one document, median ms):');
  out.push(isFailure(scaling) ? `  not measured (${scaling.failed})` : scalingTable(scaling));
  out.push(
    '',
    'Profile of the whole pipeline (node --cpu-prof, self time within the timed passes and GC, top 10):',
  );
  out.push(hot.length > 0 ? profileTable(hot) : '  no profile');
  out.push('', 'Targets (issue 7):');
  for (const t of targets) out.push(`  ${t.met ? 'met  ' : 'SHORT'}  ${t.what}: ${t.detail}`);
  const elapsed = (performance.now() - started) / 1000;
  out.push('', `bench: ${fmt(elapsed)} s; results in ${values.out}`);
  console.log(out.join('\n'));

  const commit = spawnSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' });
  mkdirSync(resolve(values.out, '..'), { recursive: true });
  const json = {
    date: new Date().toISOString(),
    ...(commit.status === 0 ? { commit: commit.stdout.trim() } : {}),
    node: process.version,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model,
    quick,
    settings,
    corpus: summary,
    contenders: rows,
    failures,
    ratios,
    scaling: isFailure(scaling) ? null : scaling,
    profile: hot,
    targets,
    seconds: elapsed,
  };
  writeFileSync(values.out, `${JSON.stringify(json, null, 2)}\n`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
