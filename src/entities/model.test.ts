import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { repoRoot, table } from '../../test/table.js';
import { DatelineError } from '../document/errors.js';
import { CaseMemory, extractFeatures, FEATURES_PER_TOKEN } from './features.js';
import { defaultGazetteer } from './gazetteer.js';
import { begin, inside, LABEL_COUNT, OUTSIDE, typeIndex } from './labels.js';
import { defaultModel, EntityModel, transitionTable, viterbi } from './model.js';

const L = LABEL_COUNT;
const P = typeIndex('PERSON');

/** A tiny model: bucket 1 votes B-PERSON, bucket 2 I-PERSON, bucket 0 O. */
function tiny(): EntityModel {
  const bits = 3;
  const weights = new Float64Array((1 << bits) * L);
  weights[0 * L + OUTSIDE] = 5;
  weights[1 * L + begin(P)] = 5;
  weights[2 * L + inside(P)] = 5;
  return EntityModel.quantise(bits, weights, new Float64Array((L + 1) * L));
}

const featuresFor = (buckets: number[]) => {
  const f = new Uint32Array(buckets.length * FEATURES_PER_TOKEN);
  for (const [i, b] of buckets.entries()) f.fill(b, i * FEATURES_PER_TOKEN, (i + 1) * FEATURES_PER_TOKEN);
  return f;
};

table(
  'model decode: labels follow the weights, within BIO',
  [
    ['O B I O', [0, 1, 2, 0], [OUTSIDE, begin(P), inside(P), OUTSIDE]],
    ['an I with no B before it is never chosen', [0, 2, 0], [OUTSIDE, OUTSIDE, OUTSIDE]],
  ] as const,
  ([, buckets, labels]) => {
    const out = new Uint8Array(buckets.length);
    tiny().decode(featuresFor([...buckets]), buckets.length, out);
    assert.deepEqual([...out], labels);
  },
);

test('model round trip: written and read back, it decodes the same', () => {
  const model = tiny();
  const back = EntityModel.fromBuffer(model.toBuffer());
  assert.equal(back.bits, model.bits);
  assert.equal(back.scale, Math.fround(model.scale));
  assert.deepEqual([...back.unpackWeights()], [...model.unpackWeights()]);
  assert.deepEqual([...back.trans], [...model.trans]);
});

test('model: a file that is not a model is refused with a coded error', () => {
  const bad = EntityModel.fromBuffer.bind(
    null,
    new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
  );
  assert.throws(bad, (err) => err instanceof DatelineError && err.code === 'INTERNAL');
});

test('viterbi: the start row forbids opening on an I label', () => {
  const emit = new Float64Array(L);
  emit[inside(P)] = 10;
  emit[OUTSIDE] = 1;
  const out = new Uint8Array(1);
  viterbi(emit, 1, transitionTable(new Float64Array((L + 1) * L), 1), out);
  assert.equal(out[0], OUTSIDE);
});

test('the committed model loads, fits its header, and stays within 20 MB', () => {
  const bytes = readFileSync(`${repoRoot}/models/entities.bin.gz`);
  assert.ok(bytes.length < 20e6, `model file is ${bytes.length} bytes`);
  const model = defaultModel();
  const weights = model.unpackWeights();
  assert.equal(weights.length, (1 << model.bits) * L);
  assert.ok(
    weights.some((w) => w !== 0),
    'the model has weights',
  );
});

table(
  'model decode: the word-feature cache changes no label, cold or warm, against a plain sum',
  [
    ['Kim Jong-un met Alexandr Matsegora in Pyongyang on Friday , KCNA said .'],
    ['SHARES IN PIRELLI ROSE AS PIRELLI CABLES WON A CONTRACT'],
  ] as const,
  ([sentence]) => {
    const model = defaultModel();
    const words = sentence.split(' ');
    const n = words.length;
    const features = new Uint32Array(n * FEATURES_PER_TOKEN);
    extractFeatures(words, defaultGazetteer(), new CaseMemory(defaultGazetteer()), model.bits, features);
    const sums = new Int32Array(n * L);
    const weights = model.unpackWeights();
    for (let i = 0; i < n; i++)
      for (let k = 0; k < FEATURES_PER_TOKEN; k++) {
        const b = (features[i * FEATURES_PER_TOKEN + k] as number) * L;
        for (let y = 0; y < L; y++)
          sums[i * L + y] = (sums[i * L + y] as number) + (weights[b + y] as number);
      }
    const emit = Float64Array.from(sums, (x) => x * model.scale);
    const expected = new Uint8Array(n);
    viterbi(emit, n, transitionTable(model.trans, model.scale), expected);
    // A model of its own, so the first pass really finds its word cache empty.
    const fresh = EntityModel.fromBuffer(readFileSync(`${repoRoot}/models/entities.bin.gz`));
    for (const pass of ['cold', 'warm']) {
      const out = new Uint8Array(n);
      fresh.decode(features, n, out);
      assert.deepEqual([...out], [...expected], `${pass} cache: ${sentence}`);
    }
  },
);
