import { DEFAULT_STAGES } from '../src/pipeline/default-pipeline.js';
import { createContender, STAGE_PREFIX } from './contenders.js';
import type { Article } from './corpus.js';
import { median } from './stats.js';

export interface ScalingRow {
  readonly name: string;
  /** Median milliseconds per short piece (mean over the pieces) and for the long article. */
  readonly smallMs: number;
  readonly largeMs: number;
  /** Long article's length over a mean piece's: the most a linear stage may cost more. */
  readonly sizeRatio: number;
  readonly costRatio: number;
  /**
   * The long article twice as long (more joined articles) over its two halves timed apart, times 2: about
   * 2 when the stage is linear in length, whatever a short document's fixed costs, a long one's cache
   * misses, or how much costlier per character the added articles are than the first ones. From each
   * one's least time over the rounds: a collection of the young generation lands in some rounds of a
   * long document and not in others, and adds up to twice its time there, where noise never subtracts.
   */
  readonly doubling: number;
  readonly linear: boolean;
}

export interface ScalingResult {
  /** Mean length of the short pieces. */
  readonly smallChars: number;
  readonly largeChars: number;
  readonly rows: ScalingRow[];
}

/**
 * A long article made by joining real articles, paragraph after paragraph, cut at a word boundary to
 * about `factor * pieceChars` characters, and the same text cut at line breaks into `factor` pieces of
 * about `pieceChars` each. Timing the pieces as short articles against the whole as one long article
 * compares like with like: the same words, names and quotes, so only the length differs.
 */
export function scalingPair(
  articles: readonly Article[],
  pieceChars = 2000,
  factor = 100,
): { pieces: Article[]; large: Article } {
  const first = articles[0];
  if (!first) throw new Error('bench: no articles to build the scaling pair from');
  const target = pieceChars * factor;
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
  const published = first.published ? { published: first.published } : {};
  const pieces: Article[] = [];
  let from = 0;
  for (let k = 1; k <= factor; k++) {
    const ideal = Math.round((text.length * k) / factor);
    let to = text.length;
    if (k < factor) {
      const before = text.lastIndexOf('\n', ideal);
      const after = text.indexOf('\n', ideal);
      to = [before, after, ideal]
        .filter((b) => b > from && b < text.length)
        .reduce((best, b) => (Math.abs(b - ideal) < Math.abs(best - ideal) ? b : best), ideal);
    }
    const piece = text.slice(from, to).trim();
    if (piece) pieces.push({ id: `scaling/piece-${k}`, source: 'joined', text: piece, ...published });
    from = to;
  }
  return { pieces, large: { id: 'scaling/large', source: 'joined', text, ...published } };
}

/**
 * Cost of the long article over a mean short piece through `name`. The pieces (the same bytes as the
 * long one) and the long one are timed in alternation, so both see the same load on a noisy
 * machine; the ratio is the median over those pairs. Repeats until `minMs` is spent, within bounds.
 */
async function costRatio(
  name: string,
  pieces: readonly Article[],
  large: Article,
  longer: Article,
  minMs: number,
) {
  const factor = pieces.length;
  const shorts = await createContender(name, pieces);
  const long = await createContender(name, [large]);
  const twice = await createContender(name, [longer]);
  const rest = await createContender(name, [
    { ...longer, id: 'scaling/second-half', text: longer.text.slice(large.text.length).trim() },
  ]);
  await shorts.pass(factor);
  await long.pass(1);
  await twice.pass(1);
  await rest.pass(1);
  const smallMs: number[] = [];
  const largeMs: number[] = [];
  const ratios: number[] = [];
  const twiceMs: number[] = [];
  const secondMs: number[] = [];
  let spent = 0;
  while (ratios.length < 30 && (ratios.length < 3 || spent < minMs)) {
    const batch = (await shorts.pass(factor)).ms / factor;
    const one = (await long.pass(1)).ms;
    const two = (await twice.pass(1)).ms;
    const second = (await rest.pass(1)).ms;
    smallMs.push(batch);
    largeMs.push(one);
    ratios.push(batch > 0 ? one / batch : Number.POSITIVE_INFINITY);
    twiceMs.push(two);
    secondMs.push(second);
    spent += batch * factor + one + two + second;
    // a pathological stage on the long article must not hold the whole benchmark up
    if (one > 20_000) break;
  }
  await shorts.close();
  await long.close();
  await twice.close();
  await rest.close();
  const halves = Math.min(...largeMs) + Math.min(...secondMs);
  return {
    smallMs: median(smallMs),
    largeMs: median(largeMs),
    costRatio: median(ratios),
    doubling: halves > 0 ? (2 * Math.min(...twiceMs)) / halves : Number.POSITIVE_INFINITY,
  };
}

/** The text layer, each stage alone and the whole pipeline on ~2 KB articles and one `factor` times as long. */
export async function measureScaling(
  articles: readonly Article[],
  factor: number,
  minMs: number,
): Promise<ScalingResult> {
  const { pieces, large } = scalingPair(articles, 2000, factor);
  const longer = { ...scalingPair(articles, 2000, factor * 2).large, id: 'scaling/longer' };
  const pieceChars = pieces.reduce((sum, p) => sum + p.text.length, 0) / pieces.length;
  const sizeRatio = large.text.length / pieceChars;
  const names = ['text-layer', ...DEFAULT_STAGES.map((s) => STAGE_PREFIX + s.name), 'dateline'];
  const rows: ScalingRow[] = [];
  for (const name of names) {
    const cost = await costRatio(name, pieces, large, longer, minMs);
    rows.push({ name, ...cost, sizeRatio, linear: cost.costRatio <= sizeRatio });
  }
  return { smallChars: Math.round(pieceChars), largeChars: large.text.length, rows };
}
