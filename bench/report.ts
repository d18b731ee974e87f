import type { ContenderResult } from './contender.js';
import type { HotFunction } from './profile.js';
import type { ScalingResult } from './scaling.js';
import { rates, type Spread } from './stats.js';

export interface CorpusSummary {
  readonly seed: number;
  readonly docs: number;
  readonly bytes: number;
  readonly tokens: number;
  readonly bySource: Record<string, number>;
}

export interface ContenderRow {
  readonly name: string;
  readonly job: string;
  readonly docs: number;
  readonly runs: number;
  readonly docsPerSec: Spread;
  readonly mbPerSec: Spread;
  readonly tokensPerSec: Spread;
  readonly peakRssMb: number;
  readonly itemsPerDoc: number;
  readonly errors: number;
}

export interface Target {
  readonly what: string;
  readonly met: boolean;
  readonly detail: string;
}

/**
 * Rates of one contender over the documents it ran on (the first `result.docs` of the corpus, whose
 * UTF-8 bytes and words are given); MB are 10^6 bytes.
 */
export function contenderRow(result: ContenderResult, bytes: number, words: number): ContenderRow {
  return {
    name: result.name,
    job: result.job,
    docs: result.docs,
    runs: result.runsMs.length,
    docsPerSec: rates(result.docs, result.runsMs),
    mbPerSec: rates(bytes / 1e6, result.runsMs),
    tokensPerSec: rates(words, result.runsMs),
    peakRssMb: result.peakRssKb / 1024,
    itemsPerDoc: result.docs > 0 ? result.items / result.docs : 0,
    errors: result.errors,
  };
}

/** A plain-text table, numbers right-aligned. */
export function formatTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map(
    (_, i) => rows.length > 0 && rows.every((r) => /^[-\d.,x%()\s–]*$/.test(r[i] ?? '')),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (numeric[i] ? c.padStart(widths[i] as number) : c.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Three significant figures, enough for noisy timings. */
export function fmt(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value >= 1000) return Math.round(value).toLocaleString('en-US');
  return Number(value.toPrecision(3)).toString();
}

const spreadText = (s: Spread) => `${fmt(s.median)} (${fmt(s.min)}–${fmt(s.max)})`;

export function contenderTable(rows: readonly ContenderRow[]): string {
  return formatTable(
    ['contender', 'job', 'docs/s (min–max)', 'MB/s', 'tokens/s', 'peak RSS MB', 'items/doc', 'docs', 'runs'],
    rows.map((r) => [
      r.name + (r.errors > 0 ? ` [${r.errors} errors]` : ''),
      r.job,
      spreadText(r.docsPerSec),
      fmt(r.mbPerSec.median),
      fmt(r.tokensPerSec.median),
      fmt(r.peakRssMb),
      fmt(r.itemsPerDoc),
      String(r.docs),
      String(r.runs),
    ]),
  );
}

export function scalingTable(scaling: ScalingResult): string {
  return formatTable(
    [
      'stage',
      `ms @ ${fmt(scaling.smallChars)} chars`,
      `ms @ ${fmt(scaling.largeChars)} chars`,
      'cost ratio',
      'linear',
      'twice as long',
    ],
    scaling.rows.map((r) => [
      r.name,
      fmt(r.smallMs),
      fmt(r.largeMs),
      `${fmt(r.costRatio)}x`,
      r.linear ? 'yes' : 'NO',
      `${fmt(r.doubling)}x`,
    ]),
  );
}

export function profileTable(hot: readonly HotFunction[]): string {
  return formatTable(
    ['self ms', 'self %', 'function'],
    hot.map((h) => [fmt(h.selfMs), fmt(h.selfPercent), h.function]),
  );
}
