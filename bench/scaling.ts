import { DEFAULT_STAGES } from '../src/pipeline/default-pipeline.js';
import { createContender, STAGE_PREFIX } from './contenders.js';
import type { Article } from './corpus.js';
import { median } from './stats.js';

export interface ScalingRow {
  readonly name: string;
  /** Median milliseconds per short article and per long one. */
  readonly smallMs: number;
  readonly largeMs: number;
  /** Long article's length over the short one's: the most a linear stage may cost more. */
  readonly sizeRatio: number;
  readonly costRatio: number;
  readonly linear: boolean;
}

export interface ScalingResult {
  readonly smallChars: number;
  readonly largeChars: number;
  readonly rows: ScalingRow[];
}

/**
 * A real article of about `smallChars` characters (the one closest in length) and a long one made by
 * joining real articles, paragraph after paragraph, cut at a word boundary to `factor` times its length.
 */
export function scalingPair(
  articles: readonly Article[],
  smallChars = 2000,
  factor = 100,
): { small: Article; large: Article } {
  const first = articles[0];
  if (!first) throw new Error('bench: no articles to build the scaling pair from');
  const small = articles.reduce((best, a) =>
    Math.abs(a.text.length - smallChars) < Math.abs(best.text.length - smallChars) ? a : best,
  );
  const target = small.text.length * factor;
  const parts: string[] = [];
  let length = 0;
  for (let i = 0; length < target; i++) {
    const text = (articles[i % articles.length] as Article).text;
    parts.push(text);
    length += text.length + 2;
  }
  const joined = parts.join('\n\n');
  const cut = joined.lastIndexOf(' ', target);
  const text = joined.slice(0, cut > target * 0.9 ? cut : target).trimEnd();
  return {
    small,
    large: {
      id: 'scaling/large',
      source: 'joined',
      text,
      ...(first.published ? { published: first.published } : {}),
    },
  };
}

/**
 * Cost of the long article over the short one through `name`. The `factor` short copies (as many bytes
 * as the long one) and the long one are timed in alternation, so both see the same load on a noisy
 * machine; the ratio is the median over those pairs. Repeats until `minMs` is spent, within bounds.
 */
async function costRatio(name: string, small: Article, large: Article, factor: number, minMs: number) {
  const shorts = await createContender(
    name,
    Array.from({ length: factor }, () => small),
  );
  const long = await createContender(name, [large]);
  await shorts.pass(factor);
  await long.pass(1);
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  const ratios: number[] = [];
  let spent = 0;
  while (ratios.length < 30 && (ratios.length < 3 || spent < minMs)) {
    const batch = (await shorts.pass(factor)).ms / factor;
    const one = (await long.pass(1)).ms;
    smallMs.push(batch);
    largeMs.push(one);
    ratios.push(batch > 0 ? one / batch : Number.POSITIVE_INFINITY);
    spent += batch * factor + one;
    // a pathological stage on the long article must not hold the whole benchmark up
    if (one > 20_000) break;
  }
  await shorts.close();
  await long.close();
  return { smallMs: median(smallMs), largeMs: median(largeMs), costRatio: median(ratios) };
}

/** The text layer, each stage alone and the whole pipeline on a ~2 KB article and one `factor` times as long. */
export async function measureScaling(
  articles: readonly Article[],
  factor: number,
  minMs: number,
): Promise<ScalingResult> {
  const { small, large } = scalingPair(articles, 2000, factor);
  const sizeRatio = large.text.length / small.text.length;
  const names = ['text-layer', ...DEFAULT_STAGES.map((s) => STAGE_PREFIX + s.name), 'dateline'];
  const rows: ScalingRow[] = [];
  for (const name of names) {
    const cost = await costRatio(name, small, large, factor, minMs);
    rows.push({ name, ...cost, sizeRatio, linear: cost.costRatio <= sizeRatio });
  }
  return { smallChars: small.text.length, largeChars: large.text.length, rows };
}
