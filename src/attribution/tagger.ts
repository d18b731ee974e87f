import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { DatelineError } from '../document/errors.js';

/** Tags of the attribution tagger: outside, and begin/inside of a source, a cue and a content. */
export const TAGS = ['O', 'B-source', 'I-source', 'B-cue', 'I-cue', 'B-content', 'I-content'] as const;
export type TagIndex = number;
export const TAG_COUNT = TAGS.length;

/** I-x may only follow B-x or I-x: the decoder never produces a span without a beginning. */
export function allowed(previous: TagIndex, next: TagIndex): boolean {
  if (next === 0 || next % 2 === 1) return true;
  return previous === next || previous === next - 1;
}

/**
 * A linear model over feature strings, as `train/attribution/train-tagger.ts` writes it:
 * `weights[feature]` holds one weight per tag; `transitions[prev * TAG_COUNT + next]` and `start[tag]`
 * score tag sequences.
 */
export interface TaggerModel {
  readonly version: 1;
  readonly tags: readonly string[];
  readonly start: readonly number[];
  readonly transitions: readonly number[];
  readonly weights: Readonly<Record<string, readonly number[]>>;
  /** Words that were part of a cue often enough in training: the learned cue lexicon. */
  readonly cueWords: readonly string[];
}

export class AttributionTagger {
  private readonly weights: Map<string, readonly number[]>;
  private readonly start: readonly number[];
  private readonly transitions: readonly number[];
  readonly cueWords: ReadonlySet<string>;

  constructor(model: TaggerModel) {
    if (model.version !== 1 || model.tags.join() !== TAGS.join())
      throw new DatelineError('INTERNAL', 'the attribution tagger model was made for other tags');
    this.weights = new Map(Object.entries(model.weights));
    this.start = model.start;
    this.transitions = model.transitions;
    this.cueWords = new Set(model.cueWords);
  }

  /** Emission scores: `scores[k * TAG_COUNT + tag]` for each token k. */
  emissions(features: readonly (readonly string[])[]): Float64Array {
    const scores = new Float64Array(features.length * TAG_COUNT);
    features.forEach((list, k) => {
      for (const f of list) {
        const w = this.weights.get(f);
        if (!w) continue;
        for (let t = 0; t < TAG_COUNT; t++)
          scores[k * TAG_COUNT + t] = (scores[k * TAG_COUNT + t] as number) + (w[t] as number);
      }
    });
    return scores;
  }

  /** The best tag sequence (Viterbi over the first-order model), linear in the number of tokens. */
  decode(features: readonly (readonly string[])[]): Uint8Array {
    return viterbi(this.emissions(features), features.length, this.start, this.transitions);
  }
}

export function viterbi(
  emissions: Float64Array,
  n: number,
  start: readonly number[],
  transitions: readonly number[],
): Uint8Array {
  const tags = new Uint8Array(n);
  if (n === 0) return tags;
  const score = new Float64Array(n * TAG_COUNT);
  const back = new Uint8Array(n * TAG_COUNT);
  for (let t = 0; t < TAG_COUNT; t++)
    score[t] = allowed(0, t) ? (start[t] as number) + (emissions[t] as number) : Number.NEGATIVE_INFINITY;
  for (let k = 1; k < n; k++) {
    for (let t = 0; t < TAG_COUNT; t++) {
      let best = Number.NEGATIVE_INFINITY;
      let from = 0;
      for (let p = 0; p < TAG_COUNT; p++) {
        if (!allowed(p, t)) continue;
        const s = (score[(k - 1) * TAG_COUNT + p] as number) + (transitions[p * TAG_COUNT + t] as number);
        if (s > best) {
          best = s;
          from = p;
        }
      }
      score[k * TAG_COUNT + t] = best + (emissions[k * TAG_COUNT + t] as number);
      back[k * TAG_COUNT + t] = from;
    }
  }
  let best = 0;
  for (let t = 1; t < TAG_COUNT; t++)
    if ((score[(n - 1) * TAG_COUNT + t] as number) > (score[(n - 1) * TAG_COUNT + best] as number)) best = t;
  tags[n - 1] = best;
  for (let k = n - 1; k > 0; k--) tags[k - 1] = back[k * TAG_COUNT + (tags[k] as number)] as number;
  return tags;
}

export const TAGGER_MODEL_PATH = fileURLToPath(
  new URL('../../../models/attribution/tagger.json.gz', import.meta.url),
);

let shared: AttributionTagger | undefined;

/** The shipped model, read once per process. */
export function defaultTagger(): AttributionTagger {
  shared ??= new AttributionTagger(JSON.parse(gunzipSync(readFileSync(TAGGER_MODEL_PATH)).toString('utf8')));
  return shared;
}
