import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { repoRoot, table } from '../../test/table.js';
import { DatelineError } from '../document/errors.js';
import {
  CaseMemory,
  extractFeatures,
  FEATURE_GROUPS,
  FEATURES_PER_TOKEN,
  KEYED_GROUPS,
  KEYS_PER_WORD,
} from './features.js';
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

test('model decode: the keyed caches change no label, across sentences and epochs of keys', () => {
  const gazetteer = defaultGazetteer();
  const sentences = [
    'Kim Jong-un met Alexandr Matsegora in Pyongyang on Friday , KCNA said .',
    'SHARES IN PIRELLI ROSE AS PIRELLI CABLES WON A CONTRACT',
    'Matsegora said Kim would visit Moscow , the Russian embassy in Pyongyang said .',
  ].map((s) => s.split(' '));
  const memory = new CaseMemory(gazetteer);
  for (const words of sentences) memory.observe(words);
  const fresh = EntityModel.fromBuffer(readFileSync(`${repoRoot}/models/entities.bin.gz`));
  // Another, whose features are extracted lazy: its caches miss on their own.
  const lazyModel = EntityModel.fromBuffer(readFileSync(`${repoRoot}/models/entities.bin.gz`));
  const known: number[] = [];
  // Epoch 1 twice (cold, then warm), then epoch 2, where each key is the one of epoch 1 next in
  // order: it names other words' buckets there, which the cache must not take for these.
  for (const epoch of [1, 1, 2])
    for (const words of sentences) {
      const n = words.length;
      const features = new Uint32Array(n * FEATURES_PER_TOKEN);
      const keys = new Int32Array(n * KEYS_PER_WORD);
      extractFeatures(words, gazetteer, memory, fresh.bits, features, { keys });
      if (epoch === 1) known.push(...keys);
      else {
        const order = [...new Set(known)].sort((x, y) => x - y);
        for (let k = 0; k < keys.length; k++)
          keys[k] = order[(order.indexOf(keys[k] as number) + 1) % order.length] as number;
      }
      const plain = new Uint8Array(n);
      defaultModel().decode(features, n, plain);
      const keyed = new Uint8Array(n);
      fresh.decode(features, n, keyed, undefined, { keys, epoch });
      assert.deepEqual([...keyed], [...plain], `epoch ${epoch}: ${words.join(' ')}`);
      // Extracted lazy, the groups' features are written only where the caches miss.
      const lazyKeys = new Int32Array(n * KEYS_PER_WORD);
      const lazy = new Uint32Array(n * FEATURES_PER_TOKEN);
      extractFeatures(words, gazetteer, memory, fresh.bits, lazy, { keys: lazyKeys, lazy: true });
      if (epoch === 2) lazyKeys.set(keys);
      lazyModel.decode(lazy, n, keyed, undefined, { keys: lazyKeys, epoch, lazy: true });
      assert.deepEqual([...keyed], [...plain], `epoch ${epoch}, lazy: ${words.join(' ')}`);
    }
});

/** The plain first-order Viterbi over every pair of labels: what the BIO-aware one must agree with. */
function plainViterbi(emit: Float64Array, n: number, table: Float64Array): number[] {
  const score = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  for (let y = 0; y < L; y++) score[y] = (emit[y] as number) + (table[L * L + y] as number);
  for (let i = 1; i < n; i++)
    for (let y = 0; y < L; y++) {
      let best = -Infinity;
      for (let p = 0; p < L; p++) {
        const s = (score[(i - 1) * L + p] as number) + (table[p * L + y] as number);
        if (s > best) {
          best = s;
          back[i * L + y] = p;
        }
      }
      score[i * L + y] = best + (emit[i * L + y] as number);
    }
  let y = 0;
  for (let k = 1; k < L; k++)
    if ((score[(n - 1) * L + k] as number) > (score[(n - 1) * L + y] as number)) y = k;
  const out: number[] = [];
  for (let i = n - 1; i >= 0; i--) {
    out[i] = y;
    y = back[i * L + y] as number;
  }
  return out;
}

test('viterbi: the BIO-aware search finds the labels of the plain one, ties included', () => {
  // Few distinct values, so that ties between paths are common; the scale makes them inexact in floats.
  const small = fc.integer({ min: -3, max: 3 });
  const lattice = fc.integer({ min: 1, max: 12 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      emit: fc.array(small, { minLength: n * L, maxLength: n * L }),
      trans: fc.array(small, { minLength: (L + 1) * L, maxLength: (L + 1) * L }),
      scale: fc.constantFrom(1, 0.1, 0.0021829616744071245),
    }),
  );
  fc.assert(
    fc.property(lattice, ({ n, emit, trans, scale }) => {
      const e = Float64Array.from(emit, (x) => x * scale);
      const table = transitionTable(trans, scale);
      const out = new Uint8Array(n);
      viterbi(e, n, table, out);
      assert.deepEqual([...out], plainViterbi(e, n, table));
    }),
    { numRuns: 2000 },
  );
});

test('viterbi: the predecessors it skips, too far behind to win, change no label', () => {
  // Emissions far apart, so that most predecessors trail the best by more than any move makes up;
  // integers, so that ties at the bound are common.
  const lattice = fc.integer({ min: 2, max: 12 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      emit: fc.array(fc.integer({ min: -40, max: 40 }), { minLength: n * L, maxLength: n * L }),
      trans: fc.array(fc.integer({ min: -6, max: 6 }), { minLength: (L + 1) * L, maxLength: (L + 1) * L }),
    }),
  );
  fc.assert(
    fc.property(lattice, ({ n, emit, trans }) => {
      const e = Float64Array.from(emit);
      const table = transitionTable(trans, 1);
      const out = new Uint8Array(n);
      viterbi(e, n, table, out);
      assert.deepEqual([...out], plainViterbi(e, n, table));
    }),
    { numRuns: 2000 },
  );
});

test('model decode: the group caches change no label, whatever collides in them', () => {
  const bits = 4;
  const setup = fc.record({
    weights: fc.array(fc.integer({ min: -40, max: 40 }), {
      minLength: (1 << bits) * L,
      maxLength: (1 << bits) * L,
    }),
    trans: fc.array(fc.integer({ min: -40, max: 40 }), { minLength: (L + 1) * L, maxLength: (L + 1) * L }),
    sentences: fc.array(
      fc.integer({ min: 1, max: 8 }).chain((n) =>
        fc.array(fc.integer({ min: 0, max: (1 << bits) - 1 }), {
          minLength: n * FEATURES_PER_TOKEN,
          maxLength: n * FEATURES_PER_TOKEN,
        }),
      ),
      { minLength: 1, maxLength: 6 },
    ),
  });
  fc.assert(
    fc.property(setup, ({ weights, trans, sentences }) => {
      const w = Int16Array.from(weights);
      // Two slots per group: groups of different tokens collide all the time.
      const model = EntityModel.fromWeights(bits, 0.5, w, Int16Array.from(trans), 1);
      const table = transitionTable(model.trans, model.scale);
      for (const list of sentences) {
        const features = Uint32Array.from(list);
        const n = list.length / FEATURES_PER_TOKEN;
        const emit = new Float64Array(n * L);
        for (let i = 0; i < n; i++)
          for (let y = 0; y < L; y++) {
            let sum = 0;
            for (let k = 0; k < FEATURES_PER_TOKEN; k++)
              sum += w[(features[i * FEATURES_PER_TOKEN + k] as number) * L + y] as number;
            emit[i * L + y] = sum * model.scale;
          }
        const out = new Uint8Array(n);
        model.decode(features, n, out);
        assert.deepEqual([...out], plainViterbi(emit, n, table));
      }
    }),
    { numRuns: 300 },
  );
});

test('viterbi: runs labelled apart between O words give the whole search labels when it has O there', () => {
  const lattice = fc.integer({ min: 1, max: 14 }).chain((n) =>
    fc.record({
      n: fc.constant(n),
      emit: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: n * L, maxLength: n * L }),
      trans: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: (L + 1) * L, maxLength: (L + 1) * L }),
      live: fc.array(fc.boolean(), { minLength: n, maxLength: n }),
    }),
  );
  let compared = 0;
  fc.assert(
    fc.property(lattice, ({ n, emit, trans, live }) => {
      const e = Float64Array.from(emit);
      // Dead words lean to O, so that the whole search mostly labels them O and the runs can be compared.
      for (let i = 0; i < n; i++) if (!live[i]) e[i * L + OUTSIDE] = 20;
      const table = transitionTable(trans, 1);
      const whole = new Uint8Array(n);
      viterbi(e, n, table, whole);
      fc.pre(live.every((l, i) => l || whole[i] === OUTSIDE));
      const split = new Uint8Array(n);
      for (let i = 0; i < n; ) {
        if (!live[i]) {
          split[i++] = OUTSIDE;
          continue;
        }
        let end = i + 1;
        while (end < n && live[end]) end++;
        viterbi(e.subarray(i * L, end * L), end - i, table, split, i, i === 0 ? L : OUTSIDE, end < n);
        i = end;
      }
      compared++;
      assert.deepEqual([...split], [...whole], `live ${live.map(Number).join('')}`);
    }),
    { numRuns: 1000 },
  );
  assert.ok(compared > 500, `only ${compared} lattices met the premise`);
});

test('model decode: with live words marked, the others are O and the marked ones decode as before', () => {
  const model = tiny();
  const buckets = [1, 2, 0, 0, 0, 1, 2];
  const whole = new Uint8Array(buckets.length);
  model.decode(featuresFor(buckets), buckets.length, whole);
  const runs = new Uint8Array(buckets.length);
  model.decode(featuresFor(buckets), buckets.length, runs, Uint8Array.from([1, 1, 1, 0, 1, 1, 1]));
  assert.deepEqual([...runs], [...whole]);
  const dead = new Uint8Array(buckets.length);
  model.decode(featuresFor(buckets), buckets.length, dead, Uint8Array.from([0, 0, 1, 1, 1, 0, 0]));
  assert.deepEqual([...dead], [OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE, OUTSIDE]);
});

test('model decode: given keys, the live words of a sentence decode as without them, the others O', () => {
  const gazetteer = defaultGazetteer();
  const sentences = [
    'Shares in Cofinec Corp fell in trading on the exchange after the report , its chief Stephen Frater said .',
    'the talks ended on a calm note after all and no one spoke of them again',
    'NORTH KOREA SAYS IT WILL TEST AGAIN',
  ].map((s) => s.split(' '));
  const memory = new CaseMemory(gazetteer);
  for (const words of sentences) memory.observe(words);
  // A model of its own, so that its caches start empty.
  const fresh = EntityModel.fromBuffer(readFileSync(`${repoRoot}/models/entities.bin.gz`));
  for (const pass of ['cold', 'warm'])
    for (const words of sentences) {
      const n = words.length;
      const live = new Uint8Array(n);
      const whole = new Uint32Array(n * FEATURES_PER_TOKEN);
      extractFeatures(words, gazetteer, memory, fresh.bits, whole, { live });
      const plain = new Uint8Array(n);
      defaultModel().decode(whole, n, plain, live);
      // Extracted lazy last: decoding writes the groups' features of this sentence where it misses.
      const keys = new Int32Array(n * KEYS_PER_WORD);
      const features = new Uint32Array(n * FEATURES_PER_TOKEN);
      extractFeatures(words, gazetteer, memory, fresh.bits, features, { live, keys, lazy: true });
      // Stale labels: decode writes every one.
      const keyed = new Uint8Array(n).fill(1);
      fresh.decode(features, n, keyed, live, { keys, epoch: 1, lazy: true });
      assert.deepEqual([...keyed], [...plain], `${pass}: ${words.join(' ')}`);
      for (let i = 0; i < n; i++) if (!live[i]) assert.equal(keyed[i], OUTSIDE, `word ${i} is not searched`);
    }
});

test("model decode: given keys, each word's word-pair features are its own, live words or all", () => {
  // Bucket 3 holds no weight, and every grouped feature is in it: the word-pair features, in no group,
  // are the only ones to vote, each word's bucket from `buckets`.
  const grouped = new Set(FEATURE_GROUPS.flat());
  const buckets = [0, 1, 2, 0, 1, 0];
  const n = buckets.length;
  const features = new Uint32Array(n * FEATURES_PER_TOKEN).fill(3);
  for (const [i, b] of buckets.entries())
    for (let f = 0; f < FEATURES_PER_TOKEN; f++)
      if (!grouped.has(f)) features[i * FEATURES_PER_TOKEN + f] = b;
  // Equal keys name the groups' equal buckets; the few-valued group has none (-1) and is summed afresh.
  const keys = new Int32Array(n * KEYS_PER_WORD);
  for (let i = 0; i < n; i++) keys[i * KEYS_PER_WORD + KEYED_GROUPS] = -1;
  const expected = [OUTSIDE, begin(P), inside(P), OUTSIDE, begin(P), OUTSIDE];
  for (const live of [undefined, Uint8Array.from([1, 1, 1, 0, 1, 1])]) {
    const out = new Uint8Array(n);
    tiny().decode(features, n, out, live, { keys, epoch: 0 });
    assert.deepEqual([...out], expected, live ? 'live words' : 'all words');
  }
});

test('model decode: given keys, the keyed caches change no label, whatever collides in them', () => {
  // Keys that name the groups' buckets: each keyed group's features follow from its key, the few-valued
  // group's from its two keys (or are any, with no keys: -1). Few slots per cache, and few keys:
  // the words of a sentence take each other's slots all the time, misses among them.
  const bits = 4;
  const hash = (...parts: number[]) => parts.reduce((h, x) => Math.imul(h ^ x, 0x9e3779b1) >>> 0, 7) >>> 28;
  const word = fc.record({
    keys: fc.array(fc.integer({ min: 0, max: 40 }), { minLength: KEYED_GROUPS, maxLength: KEYED_GROUPS }),
    few: fc.option(fc.tuple(fc.integer({ min: 0, max: 5 }), fc.integer({ min: 0, max: 5 }))),
    loose: fc.array(fc.integer({ min: 0, max: (1 << bits) - 1 }), {
      minLength: FEATURES_PER_TOKEN,
      maxLength: FEATURES_PER_TOKEN,
    }),
  });
  const setup = fc.record({
    weights: fc.array(fc.integer({ min: -40, max: 40 }), {
      minLength: (1 << bits) * L,
      maxLength: (1 << bits) * L,
    }),
    trans: fc.array(fc.integer({ min: -40, max: 40 }), { minLength: (L + 1) * L, maxLength: (L + 1) * L }),
    sentences: fc.array(fc.array(word, { minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 6 }),
  });
  fc.assert(
    fc.property(setup, ({ weights, trans, sentences }) => {
      const keyed = EntityModel.fromWeights(bits, 0.5, Int16Array.from(weights), Int16Array.from(trans), 1);
      const plain = EntityModel.fromWeights(bits, 0.5, Int16Array.from(weights), Int16Array.from(trans));
      for (const words of sentences) {
        const n = words.length;
        const features = new Uint32Array(n * FEATURES_PER_TOKEN);
        const keys = new Int32Array(n * KEYS_PER_WORD);
        words.forEach((w, i) => {
          const at = i * FEATURES_PER_TOKEN;
          features.set(w.loose, at);
          FEATURE_GROUPS.forEach((group, g) => {
            for (const f of group)
              if (g < KEYED_GROUPS) features[at + f] = hash(g, w.keys[g] as number, f);
              else if (w.few) features[at + f] = hash(g, ...w.few, f);
          });
          keys.set(w.keys, i * KEYS_PER_WORD);
          keys.set(w.few ?? [-1, 0], i * KEYS_PER_WORD + KEYED_GROUPS);
        });
        const expected = new Uint8Array(n);
        plain.decode(features, n, expected);
        const out = new Uint8Array(n);
        keyed.decode(features, n, out, undefined, { keys, epoch: 0 });
        assert.deepEqual([...out], [...expected]);
      }
    }),
    { numRuns: 300 },
  );
});

test('model decode: a sentence longer than the work areas made so far decodes as a plain search', () => {
  const model = tiny();
  const buckets = Array.from({ length: 1500 }, (_, i) => [0, 1, 2, 2, 0, 0, 1, 0][i % 8] as number);
  const expected = buckets.map((b, i) =>
    b === 0 ? OUTSIDE : b === 1 ? begin(P) : buckets[i - 1] ? inside(P) : 0,
  );
  const out = new Uint8Array(buckets.length);
  model.decode(featuresFor(buckets), buckets.length, out);
  assert.deepEqual([...out], expected);
});

test('model decode: a sentence longer than the kernel takes at once decodes as one search', () => {
  // 10,000 words: past the kernel's window of 4,096 words, which is cut after a word not searched when
  // there is one, and inside a run of searched words when there is none.
  const model = tiny();
  const buckets = Array.from({ length: 10_000 }, (_, i) => [0, 1, 2, 2, 0, 0, 1, 0][i % 8] as number);
  const expected = buckets.map((b, i) =>
    b === 0 ? OUTSIDE : b === 1 ? begin(P) : buckets[i - 1] ? inside(P) : 0,
  );
  const features = featuresFor(buckets);
  const everyWord = new Uint8Array(buckets.length);
  model.decode(features, buckets.length, everyWord);
  assert.deepEqual([...everyWord], expected, 'every word searched: the windows cut runs');
  const live = Uint8Array.from(buckets, (b) => (b === 0 ? 0 : 1));
  const liveOnly = new Uint8Array(buckets.length);
  model.decode(features, buckets.length, liveOnly, live);
  assert.deepEqual([...liveOnly], expected, 'the words not searched: the windows end after one');
});
