import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot, shared } from '../eval/paths.js';
import { DatelineError } from '../src/document/errors.js';
import { CaseMemory, extractFeatures, FEATURES_PER_TOKEN } from '../src/entities/features.js';
import { Gazetteer, type GazetteerData } from '../src/entities/gazetteer.js';
import { allowed, LABEL_COUNT } from '../src/entities/labels.js';
import { EntityModel, transitionTable, viterbi } from '../src/entities/model.js';
import {
  docSentences,
  gumFiles,
  meantimeFiles,
  readCrossner,
  readGmb,
  readGumDoc,
  readMeantimeDoc,
  type Sentence,
} from './corpora.js';
import { seededRandom } from './seeded-random.js';

/**
 * Trains the entity recognizer (a structured averaged perceptron over BIO labels, Viterbi decoding)
 * on the shippable corpora and writes models/entities.bin.gz. Deterministic for a given seed.
 *   node dist/train/train-entities.js [--seed N] [--epochs N] [--bits N] [--out FILE] [--without CORPUS]
 *     [--news-weight N] [--dev-fold K/N]
 * `--dev-fold K/N` leaves fold K of N of GUM's news training files out, to be scored with
 * `npm run eval -- entities --gum-dev K/N` (the held-out news stays unseen while tuning).
 */
const L = LABEL_COUNT;
const F = FEATURES_PER_TOKEN;

export interface TrainOptions {
  seed: number;
  epochs: number;
  bits: number;
  /** Share of sentences also given as an upper-case copy (headlines, datelines). */
  upperShare: number;
}

/**
 * The training corpora; `weight` is how many times each sentence is given per epoch. The two small
 * hand-annotated news sets count three times, so the million silver tokens of GMB do not drown them.
 */
export function loadCorpora(
  gazetteer: Gazetteer,
  newsWeight = 3,
  dev?: readonly [number, number],
): { name: string; sentences: Sentence[]; weight: number }[] {
  const data = (...p: string[]) => shared('datasets', ...p);
  return [
    { name: 'GMB', weight: 1, sentences: readGmb(data('ner-train', 'gmb', 'gmb_kaggle.conll'), gazetteer) },
    {
      name: 'CrossNER politics',
      weight: 1,
      sentences: ['train.txt', 'dev.txt'].flatMap((f) =>
        readCrossner(data('ner-train', 'crossner-politics', 'ner_data', 'politics', f), gazetteer),
      ),
    },
    {
      name: 'MEANTIME (train part)',
      weight: newsWeight,
      sentences: meantimeFiles(data('meantime_en')).train.flatMap((f) =>
        docSentences(readMeantimeDoc(f, gazetteer), gazetteer),
      ),
    },
    {
      name: 'GUM (interviews and the news train part)',
      weight: newsWeight,
      sentences: gumFiles(data('gum_wikinews'), dev).train.flatMap((f) =>
        docSentences(readGumDoc(f, gazetteer), gazetteer),
      ),
    },
  ];
}

interface Prepared {
  features: Uint32Array;
  /** Token offset of each sentence in `features`/`labels`; one more entry than sentences. */
  offsets: Uint32Array;
  labels: Uint8Array;
}

function prepare(sentences: Sentence[], gazetteer: Gazetteer, bits: number): Prepared {
  const total = sentences.reduce((n, s) => n + s.words.length, 0);
  const features = new Uint32Array(total * F);
  const labels = new Uint8Array(total);
  const offsets = new Uint32Array(sentences.length + 1);
  let at = 0;
  let k = 0;
  while (k < sentences.length) {
    // One document at a time, so each sentence sees what the whole document says about case.
    const doc = (sentences[k] as Sentence).doc;
    let end = k;
    const memory = new CaseMemory(gazetteer);
    while (end < sentences.length && (sentences[end] as Sentence).doc === doc)
      memory.observe((sentences[end++] as Sentence).words);
    for (; k < end; k++) {
      const s = sentences[k] as Sentence;
      offsets[k] = at;
      extractFeatures(s.words, gazetteer, memory, bits, features.subarray(at * F));
      labels.set(s.labels, at);
      at += s.words.length;
    }
  }
  offsets[sentences.length] = at;
  return { features, offsets, labels };
}

export function train(sentences: Sentence[], gazetteer: Gazetteer, options: TrainOptions): EntityModel {
  const rand = seededRandom(options.seed);
  const withCopies: Sentence[] = [];
  for (const s of sentences) {
    withCopies.push(s);
    if (rand() < options.upperShare)
      withCopies.push({ words: s.words.map((w) => w.toUpperCase()), labels: s.labels, doc: s.doc });
  }
  const data = prepare(withCopies, gazetteer, options.bits);
  const size = (1 << options.bits) * L;
  const w = new Float64Array(size);
  const u = new Float64Array(size);
  const tw = new Float64Array((L + 1) * L);
  const tu = new Float64Array((L + 1) * L);
  const order = Array.from(withCopies, (_, i) => i);
  const emit = new Float64Array(512 * L);
  const guess = new Uint8Array(512);
  let c = 1;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    let errors = 0;
    let tokens = 0;
    for (const k of order) {
      const from = data.offsets[k] as number;
      const n = (data.offsets[k + 1] as number) - from;
      if (n === 0 || n > 512) continue;
      for (let i = 0; i < n; i++) {
        const base = i * L;
        emit.fill(0, base, base + L);
        for (let f = 0; f < F; f++) {
          const b = (data.features[(from + i) * F + f] as number) * L;
          for (let y = 0; y < L; y++) emit[base + y] = (emit[base + y] as number) + (w[b + y] as number);
        }
      }
      viterbi(emit, n, transitionTable(tw, 1), guess);
      tokens += n;
      let prevGold = -1;
      let prevGuess = -1;
      for (let i = 0; i < n; i++) {
        const gold = data.labels[from + i] as number;
        const got = guess[i] as number;
        const goldTrans = prevGold < 0 ? L * L + gold : prevGold * L + gold;
        const guessTrans = prevGuess < 0 ? L * L + got : prevGuess * L + got;
        if (gold !== got) {
          errors++;
          for (let f = 0; f < F; f++) {
            const b = (data.features[(from + i) * F + f] as number) * L;
            w[b + gold] = (w[b + gold] as number) + 1;
            u[b + gold] = (u[b + gold] as number) + c;
            w[b + got] = (w[b + got] as number) - 1;
            u[b + got] = (u[b + got] as number) - c;
          }
        }
        if (goldTrans !== guessTrans && allowed(Math.max(prevGold, 0), gold)) {
          tw[goldTrans] = (tw[goldTrans] as number) + 1;
          tu[goldTrans] = (tu[goldTrans] as number) + c;
          tw[guessTrans] = (tw[guessTrans] as number) - 1;
          tu[guessTrans] = (tu[guessTrans] as number) - c;
        }
        prevGold = gold;
        prevGuess = got;
      }
      c++;
    }
    console.log(`epoch ${epoch + 1}: ${errors} token errors in ${tokens} tokens`);
  }
  for (let i = 0; i < size; i++) w[i] = (w[i] as number) - (u[i] as number) / c;
  for (let i = 0; i < tw.length; i++) tw[i] = (tw[i] as number) - (tu[i] as number) / c;
  return EntityModel.quantise(options.bits, w, tw);
}

/** "K/N" -> [K, N]. */
export function devFold(spec: string | undefined): [number, number] {
  const m = /^(\d+)\/(\d+)$/.exec(spec ?? '');
  if (!m || Number(m[1]) >= Number(m[2]))
    throw new DatelineError('OPTION_INVALID', `--dev-fold K/N, not ${spec}`);
  return [Number(m[1]), Number(m[2])];
}

function main(argv: readonly string[]): void {
  const opt = (name: string, fallback: number) => {
    const i = argv.indexOf(name);
    return i >= 0 ? Number(argv[i + 1]) : fallback;
  };
  const outIndex = argv.indexOf('--out');
  const out = outIndex >= 0 ? (argv[outIndex + 1] as string) : join(repoRoot, 'models', 'entities.bin.gz');
  const options: TrainOptions = {
    seed: opt('--seed', 20251024),
    epochs: opt('--epochs', 15),
    bits: opt('--bits', 20),
    upperShare: 0.1,
  };
  const started = performance.now();
  const gazetteer = new Gazetteer(
    JSON.parse(readFileSync(join(repoRoot, 'models', 'gazetteer.json'), 'utf8')) as GazetteerData,
  );
  const without = argv.flatMap((a, i) => (argv[i - 1] === '--without' ? [a.toLowerCase()] : []));
  const devIndex = argv.indexOf('--dev-fold');
  const dev = devIndex >= 0 ? devFold(argv[devIndex + 1]) : undefined;
  const corpora = loadCorpora(gazetteer, opt('--news-weight', 3), dev).filter(
    (c) => !without.some((w) => c.name.toLowerCase().startsWith(w)),
  );
  for (const c of corpora)
    console.log(
      `${c.name}: ${c.sentences.length} sentences, ${c.sentences.reduce((n, s) => n + s.words.length, 0)} tokens, weight ${c.weight}`,
    );
  const model = train(
    corpora.flatMap((c) => Array.from({ length: c.weight }, () => c.sentences).flat()),
    gazetteer,
    options,
  );
  const buffer = model.toBuffer();
  writeFileSync(out, buffer);
  console.log(
    `wrote ${out}: ${(buffer.length / 1e6).toFixed(2)} MB, ${((performance.now() - started) / 1000).toFixed(0)} s, ${JSON.stringify(options)}`,
  );
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main(process.argv.slice(2));
