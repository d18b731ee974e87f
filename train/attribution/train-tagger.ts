/**
 * Trains the attribution tagger (models/attribution/tagger.bin.gz) on PolNeAR train: an averaged
 * structured perceptron over the features of src/attribution/features.ts, one paragraph at a time,
 * with source/cue/content begin-inside tags read from the brat annotations.
 *
 *   npx tsc -p tsconfig.json && node dist/train/attribution/train-tagger.js [--epochs N] [--data DIR]
 *
 * Every annotation of an article doubly annotated is used: two readings of one text teach the model
 * where annotators agree. Prints token accuracy on PolNeAR dev after each epoch (dev is never trained on).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { shared } from '../../eval/paths.js';
import { type Part, type Relation, readSplit } from '../../eval/polnear-score.js';
import {
  FEATURES_PER_TOKEN,
  tagUnits,
  tokenForm,
  unitFeatures,
  unitWords,
} from '../../src/attribution/features.js';
import {
  allowed,
  encodeModel,
  TAG_COUNT,
  TAGGER_MODEL_PATH,
  TAGS,
  type TaggerModel,
  viterbi,
} from '../../src/attribution/tagger.js';
import { TextLayer } from '../../src/text/text-layer.js';

const PART_TAG: Readonly<Record<Part, number>> = { source: 1, cue: 3, content: 5 };

/** Gold tags per token: a token belongs to the part whose segment covers it; B where a span starts. */
export function goldTags(text: TextLayer, relations: readonly Relation[]): Uint8Array {
  const n = text.tokens.count;
  const tags = new Uint8Array(n);
  const owner = new Int32Array(n).fill(-1);
  relations.forEach((relation, r) => {
    for (const part of ['content', 'cue', 'source'] as const) {
      for (const [s, e] of relation[part]) {
        for (let i = text.tokens.indexAt(s); i < n && text.tokens.start(i) < e; i++) {
          tags[i] = PART_TAG[part];
          owner[i] = r * 3 + PART_TAG[part];
        }
      }
    }
  });
  for (let i = 0; i < n; i++) {
    const t = tags[i] as number;
    if (t !== 0 && i > 0 && owner[i - 1] === owner[i] && tags[i - 1] !== 0) tags[i] = t + 1;
  }
  return tags;
}

interface Sequence {
  /** Dense feature ids, `FEATURES_PER_TOKEN` per token; -1 for a feature unseen in training. */
  readonly features: Int32Array;
  readonly gold: Uint8Array;
}

interface Averaged {
  readonly weights: Float64Array;
  readonly start: Float64Array;
  readonly transitions: Float64Array;
}

class Trainer {
  readonly ids = new Map<number, number>();
  readonly counts: number[] = [];
  weights = new Float64Array(0);
  totals = new Float64Array(0);
  readonly start = new Float64Array(TAG_COUNT);
  readonly startTotals = new Float64Array(TAG_COUNT);
  readonly transitions = new Float64Array(TAG_COUNT * TAG_COUNT);
  readonly transitionTotals = new Float64Array(TAG_COUNT * TAG_COUNT);
  step = 1;

  intern(hashes: Uint32Array, grow: boolean): Int32Array {
    const out = new Int32Array(hashes.length);
    hashes.forEach((h, j) => {
      let id = this.ids.get(h);
      if (id === undefined && grow) {
        id = this.ids.size;
        this.ids.set(h, id);
        this.counts.push(0);
      }
      if (id !== undefined && grow) this.counts[id] = (this.counts[id] as number) + 1;
      out[j] = id ?? -1;
    });
    return out;
  }

  allocate(): void {
    this.weights = new Float64Array(this.ids.size * TAG_COUNT);
    this.totals = new Float64Array(this.ids.size * TAG_COUNT);
  }

  decode(
    seq: Sequence,
    model: Averaged = { weights: this.weights, start: this.start, transitions: this.transitions },
  ): Uint8Array {
    const n = seq.gold.length;
    const emissions = new Float64Array(n * TAG_COUNT);
    const w = model.weights;
    for (let k = 0; k < n; k++)
      for (let f = k * FEATURES_PER_TOKEN; f < (k + 1) * FEATURES_PER_TOKEN; f++) {
        const id = seq.features[f] as number;
        if (id < 0) continue;
        for (let t = 0; t < TAG_COUNT; t++)
          emissions[k * TAG_COUNT + t] =
            (emissions[k * TAG_COUNT + t] as number) + (w[id * TAG_COUNT + t] as number);
      }
    return viterbi(emissions, n, [...model.start], [...model.transitions]);
  }

  /** Lazy averaging: totals keep step * update, so the average is weights - totals / step. */
  private bump(w: Float64Array, totals: Float64Array, index: number, by: number): void {
    w[index] = (w[index] as number) + by;
    totals[index] = (totals[index] as number) + this.step * by;
  }

  learn(seq: Sequence): void {
    const guess = this.decode(seq);
    let differs = false;
    for (let k = 0; k < guess.length; k++) if (guess[k] !== seq.gold[k]) differs = true;
    if (differs) {
      for (const [tags, by] of [
        [seq.gold, 1],
        [guess, -1],
      ] as const) {
        this.bump(this.start, this.startTotals, tags[0] as number, by);
        tags.forEach((t, k) => {
          for (let f = k * FEATURES_PER_TOKEN; f < (k + 1) * FEATURES_PER_TOKEN; f++) {
            const id = seq.features[f] as number;
            if (id >= 0) this.bump(this.weights, this.totals, id * TAG_COUNT + t, by);
          }
          if (k > 0)
            this.bump(this.transitions, this.transitionTotals, (tags[k - 1] as number) * TAG_COUNT + t, by);
        });
      }
    }
    this.step++;
  }

  averaged(w: Float64Array, totals: Float64Array): Float64Array {
    return w.map((x, i) => x - (totals[i] as number) / this.step);
  }
}

/**
 * The learned cue lexicon: word forms inside a gold cue at least `minCount` times and in at least
 * `minShare` of their occurrences.
 */
function learnCueWords(
  docs: readonly { text: string; relations: readonly Relation[] }[],
  minCount = 3,
  minShare = 0.2,
): string[] {
  const seen = new Map<string, [number, number]>();
  for (const doc of docs) {
    const text = new TextLayer(doc.text);
    const gold = goldTags(text, doc.relations);
    for (let i = 0; i < text.tokens.count; i++) {
      const form = tokenForm(text, i);
      const counts = seen.get(form) ?? [0, 0];
      counts[0]++;
      if (gold[i] === 3 || gold[i] === 4) counts[1]++;
      seen.set(form, counts);
    }
  }
  return [...seen]
    .filter(([form, [all, cue]]) => cue >= minCount && cue / all >= minShare && /\p{L}/u.test(form))
    .map(([form]) => form)
    .sort();
}

function sequences(
  docs: readonly { text: string; relations: readonly Relation[] }[],
  trainer: Trainer,
  grow: boolean,
  cueWords: ReadonlySet<string>,
): Sequence[] {
  const out: Sequence[] = [];
  for (const doc of docs) {
    const text = new TextLayer(doc.text);
    const gold = goldTags(text, doc.relations);
    for (const unit of tagUnits(text)) {
      const features = trainer.intern(unitFeatures(text, unit, unitWords(text, unit, cueWords)), grow);
      out.push({ features, gold: gold.slice(unit.first, unit.end) });
    }
  }
  return out;
}

function shuffle<T>(items: T[], seed: number): T[] {
  let s = seed;
  for (let i = items.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2147483648;
    const j = s % (i + 1);
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

function accuracy(
  trainer: Trainer,
  data: readonly Sequence[],
  model: Averaged = {
    weights: trainer.averaged(trainer.weights, trainer.totals),
    start: trainer.averaged(trainer.start, trainer.startTotals),
    transitions: trainer.averaged(trainer.transitions, trainer.transitionTotals),
  },
): number {
  let right = 0;
  let all = 0;
  for (const seq of data) {
    const guess = trainer.decode(seq, model);
    guess.forEach((t, k) => {
      all++;
      if (t === seq.gold[k]) right++;
    });
  }
  return right / all;
}

function main(argv: readonly string[]): void {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const data = resolve(option('--data') ?? shared('datasets', 'polnear'));
  const epochs = Number(option('--epochs') ?? 6);
  const minCount = Number(option('--min-count') ?? 2);
  // Features whose every weight is at most this many quantisation steps from 0 are dropped.
  const prune = Number(option('--prune') ?? 0);
  const trainer = new Trainer();
  const trainDocs = readSplit(join(data, 'train'), true);
  const cueWords = learnCueWords(trainDocs);
  const cueSet = new Set(cueWords);
  const train = sequences(trainDocs, trainer, true, cueSet);
  trainer.allocate();
  const dev = sequences(readSplit(join(data, 'dev'), false), trainer, false, cueSet);
  console.log(`learned cue lexicon: ${cueWords.length} words`);
  console.log(
    `train: ${train.length} paragraphs, ${trainer.ids.size} features; dev: ${dev.length} paragraphs`,
  );
  for (let epoch = 1; epoch <= epochs; epoch++) {
    for (const seq of shuffle([...train], epoch)) trainer.learn(seq);
    const devAccuracy = accuracy(trainer, dev);
    console.log(`epoch ${epoch}: dev token accuracy ${devAccuracy.toFixed(4)}`);
  }
  const weights = trainer.averaged(trainer.weights, trainer.totals);
  // Int16 weights on one scale; a feature seen too rarely, or whose weights all round to 0, is dropped.
  let largest = 0;
  for (const x of weights) largest = Math.max(largest, Math.abs(x));
  const scale = largest / 32767 || 1;
  const keys: number[] = [];
  const rows: number[] = [];
  const shipped = new Float64Array(weights.length);
  for (const [hash, id] of [...trainer.ids].sort((a, b) => a[0] - b[0])) {
    if ((trainer.counts[id] as number) < minCount) continue;
    const row = Array.from(weights.subarray(id * TAG_COUNT, (id + 1) * TAG_COUNT), (x) =>
      Math.round(x / scale),
    );
    if (row.every((x) => Math.abs(x) <= prune)) continue;
    keys.push(hash);
    rows.push(...row);
    row.forEach((x, t) => {
      shipped[id * TAG_COUNT + t] = x * scale;
    });
  }
  const sorted = Array.from(weights, Math.abs).sort((a, b) => b - a);
  console.log(`largest weights: ${[0, 10, 100, 1000, 10000].map((i) => sorted[i]?.toFixed(2)).join(' ')}`);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  const transitions = Array.from(trainer.averaged(trainer.transitions, trainer.transitionTotals), round).map(
    (x, i) => (allowed(Math.floor(i / TAG_COUNT), i % TAG_COUNT) ? x : 0),
  );
  const model: TaggerModel = {
    tags: [...TAGS],
    featuresPerToken: FEATURES_PER_TOKEN,
    start: Array.from(trainer.averaged(trainer.start, trainer.startTotals), round),
    transitions,
    cueWords,
    scale,
    keys: Uint32Array.from(keys),
    weights: Int16Array.from(rows),
  };
  const quantised = accuracy(trainer, dev, {
    weights: shipped,
    start: Float64Array.from(model.start),
    transitions: Float64Array.from(model.transitions),
  });
  console.log(`as shipped (pruned, quantised): dev token accuracy ${quantised.toFixed(4)}`);
  mkdirSync(dirname(TAGGER_MODEL_PATH), { recursive: true });
  writeFileSync(TAGGER_MODEL_PATH, gzipSync(encodeModel(model), { level: 9 }));
  console.log(`wrote ${TAGGER_MODEL_PATH}: ${keys.length} features, scale ${scale.toExponential(3)}`);
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/')))
  main(process.argv.slice(2));
