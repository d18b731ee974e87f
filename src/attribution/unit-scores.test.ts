import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { TextLayer } from '../text/text-layer.js';
import { hashText, reserveWords, VOCABULARY_BOUND } from '../text/vocabulary.js';
import {
  FEATURES_PER_TOKEN,
  mixHash,
  SEEDS,
  type TagUnit,
  tagUnits,
  unitFeatures,
  unitWords,
} from './features.js';
import { AttributionTagger, defaultTagger, TAG_COUNT, TAGS } from './tagger.js';
import { UnitScorer } from './unit-scores.js';

/** The plain reading of the model, as it was trained: every hash of `unitFeatures` looked up and summed. */
function plainEmissions(tagger: AttributionTagger, text: TextLayer, unit: TagUnit): Float64Array | undefined {
  const words = unitWords(text, unit, tagger.cueWords);
  if (!words.lexical.includes(1) && !words.forms.some((f) => f === '<q>' || f === '</q>')) return undefined;
  const features = unitFeatures(text, unit, words);
  const n = unit.end - unit.first;
  const scores = new Float64Array(n * TAG_COUNT);
  const { table } = tagger.weights;
  for (let k = 0; k < n; k++) {
    const sums = new Array<number>(TAG_COUNT).fill(0);
    for (let f = k * FEATURES_PER_TOKEN; f < (k + 1) * FEATURES_PER_TOKEN; f++) {
      const w = tagger.weights.find(features[f] as number);
      for (let t = 0; t < TAG_COUNT; t++) sums[t] = (sums[t] as number) + (table[w + t] as number);
    }
    for (let t = 0; t < TAG_COUNT; t++) scores[k * TAG_COUNT + t] = (sums[t] as number) * tagger.scale;
  }
  return scores;
}

/** Where the scorer and the plain reading first differ on a text, or undefined when they agree. */
function disagreement(scorer: UnitScorer, text: string, tagger = defaultTagger()): string | undefined {
  const layer = new TextLayer(text);
  for (const unit of tagUnits(layer)) {
    const plain = plainEmissions(tagger, layer, unit);
    const fast = scorer.emissions(layer, unit);
    const at = `unit [${unit.first}, ${unit.end})`;
    if (!plain || !fast) {
      if (plain || fast) return `${at}: skipped by ${plain ? 'the scorer' : 'the plain reading'} only`;
      continue;
    }
    for (let j = 0; j < plain.length; j++)
      if (plain[j] !== fast[j]) {
        const k = Math.floor(j / TAG_COUNT);
        return `${at}: token ${k} ("${layer.tokens.text(unit.first + k)}"), tag ${j % TAG_COUNT}: ${fast[j]}, plainly ${plain[j]}`;
      }
  }
  return undefined;
}

// News-like text from the pieces the templates read: cue words (learned and listed), quote marks of
// both kinds, commas and "that" between a word and its cue, names, numbers, links, sentence and
// paragraph breaks, forms outside ASCII ("İ" lower-cases to two characters, "’" is read as "'"), words
// named like the prototype keys of CROSSED, forms that fill a whole number of the scorer's packed
// words of four characters or not ("official", "officials"), and forms on either side of the 20
// characters it keeps packed, sharing their first twenty ("internationalization", "…izations").
const piece = fc.constantFrom(
  'said',
  'says',
  'told',
  'according to',
  'added',
  'insisted',
  'claimed',
  'statement',
  'spokesman',
  'announced',
  'that',
  ',',
  '"',
  '\u201c',
  '\u201d',
  "'",
  '\u2019s',
  'don\u2019t',
  'Kim',
  'KCNA',
  'the',
  'officials',
  'official',
  'OFFICIAL',
  'officialdom',
  'spokesperson',
  'spokespersons',
  'internationalization',
  'internationalizations',
  'Internationalizationz',
  'INTERNATIONALIZATIONS',
  'Trump',
  'U.S.',
  '15,000',
  'http://x.y/z',
  '.',
  '?',
  ':',
  '\u2014',
  '\n\n',
  '\n',
  'constructor',
  '__proto__',
  'toString',
  'Ünal',
  'İstanbul',
  'STRASSE',
  'Straße',
  '<s>',
  '</s>',
);
const word = fc.string({
  unit: fc.constantFrom('a', 'B', 'c', 'e', 'D', 'ö', 'I', '-', "'"),
  minLength: 1,
  maxLength: 24,
});
const news = fc
  .array(fc.oneof({ arbitrary: piece, weight: 3 }, { arbitrary: word, weight: 1 }), { maxLength: 120 })
  .chain((parts) =>
    fc
      .array(fc.constantFrom(' ', ' ', ' ', ''), { minLength: parts.length, maxLength: parts.length })
      .map((gaps) => parts.map((p, i) => p + (gaps[i] ?? ' ')).join('')),
  );

test('the scorer gives the scores of the plain reading of every feature, for any text', () => {
  const scorer = new UnitScorer(defaultTagger());
  fc.assert(
    fc.property(news, (text) => {
      const found = disagreement(scorer, text);
      assert.equal(found, undefined, found);
    }),
    { numRuns: 300 },
  );
});

test('the scorer gives the same scores when it keeps fewer words than a unit holds', () => {
  // A bound of 40 words drops the table before almost every unit, and a long unit overruns it.
  const scorer = new UnitScorer(defaultTagger(), 40);
  fc.assert(
    fc.property(news, (text) => {
      const found = disagreement(scorer, text);
      assert.equal(found, undefined, found);
    }),
    { numRuns: 100 },
  );
});

test('the scorer gives the same scores when the vocabulary is cleared and its ids name other words', () => {
  const scorer = new UnitScorer(defaultTagger());
  fc.assert(
    fc.property(news, news, (first, second) => {
      assert.equal(disagreement(scorer, first), undefined);
      reserveWords(VOCABULARY_BOUND);
      // The second text's words take the ids the first's had.
      const found = disagreement(scorer, second) ?? disagreement(scorer, first);
      assert.equal(found, undefined, found);
    }),
    { numRuns: 50 },
  );
});

test("the scorer's tags are the decoder's over its scores", () => {
  const tagger = defaultTagger();
  const scorer = new UnitScorer(tagger);
  fc.assert(
    fc.property(news, (text) => {
      const layer = new TextLayer(text);
      for (const unit of tagUnits(layer)) {
        const n = unit.end - unit.first;
        const scores = scorer.emissions(layer, unit)?.slice(0, n * TAG_COUNT);
        const tags = scorer.tag(layer, unit)?.slice(0, n);
        assert.deepEqual(tags, scores && tagger.decode(scores, n).slice(0, n), `"${text}"`);
      }
    }),
    { numRuns: 200 },
  );
});

test('the scorer gives the scores of the plain reading for a unit longer than its window of rows', () => {
  // Some 9,000 tokens in one paragraph: the kernel sums them in three windows.
  const text = 'Kim said the plan, "which works," would work. '.repeat(750);
  const found = disagreement(new UnitScorer(defaultTagger()), text);
  assert.equal(found, undefined, found);
});

// Forms with the hash (FNV-1a) of a word the model knows, and its length: only the comparison of
// their characters tells them apart. Each row has a scorer of its own, so the word it meets first
// is the one it keeps first.
table<[title: string, text: string]>(
  'forms with the hash of a word the model knows are not taken for it',
  [
    ['10 characters, three packed words', 'The candidates said so. Kim said cajeycakav.'],
    ['12 characters, the first packed word alike', 'Kim acknowledged it. She said acknexhyafrf.'],
    [
      '17 characters, the first two packed words alike',
      'They said realclearpolitics. She said realclearqvmubizk.',
    ],
    ['23 characters, past what is packed', 'The candidates said so. Kim said candidatesxyzabtitdbxdq.'],
    ['the other form met first', 'Kim said cajeycakav. The candidates said so.'],
    ['negative: the word itself again', 'The candidates said so. Kim said candidates.'],
  ],
  ([title, text]) => {
    const found = disagreement(new UnitScorer(defaultTagger(), 400), text);
    assert.equal(found, undefined, `${title}: ${found}`);
  },
);

// Forms the scorer keeps by their strings, with the hash and length of a word whose suffix the model
// weighs: the model cannot tell them apart by the hash of the form, but by the suffix it can.
const LONG = 'abcdefghijklmnopqrstuv';
const FOREIGN = '\u00fcabcdefghi';
const suffixTagger = taggerWith([
  [12, hashText(LONG.slice(-3)), 0x100],
  [12, hashText(FOREIGN.slice(-3)), 0x100],
]);

table<[title: string, text: string]>(
  'forms kept by their strings are not taken for others of their hash',
  [
    ['22 characters, past what is packed', `Kim said ${LONG}. Kim said abcdefghijklmnvsusadgo.`],
    ['outside ASCII', `Kim said ${FOREIGN}. Kim said \u00fcaeevgabjx.`],
    ['negative: the same word again', `Kim said ${FOREIGN}. Kim said ${FOREIGN}.`],
  ],
  ([title, text]) => {
    const found = disagreement(new UnitScorer(suffixTagger, 400), text, suffixTagger);
    assert.equal(found, undefined, `${title}: ${found}`);
  },
);

table<[title: string, text: string, tagged: boolean]>(
  'units the scorer tags',
  [
    ['a cue word', 'The minister said the plan would work.', true],
    ['a quote mark alone', 'The "plan" would work.', true],
    ['a learned cue word', 'The plan, according to the minister, would work.', true],
    ['negative: no cue word and no quote mark', 'The plan would work in the spring.', false],
    ['negative: a cue word in another paragraph only', 'The plan would work.\n\nShe said so.', false],
  ],
  ([title, text, tagged]) => {
    const layer = new TextLayer(text);
    const first = tagUnits(layer)[0] as TagUnit;
    const tags = new UnitScorer(defaultTagger()).tag(layer, first);
    assert.equal(tags !== undefined, tagged, `${title}: the first paragraph of "${text}"`);
    if (tags) assert.ok(tags.length >= first.end - first.first, `${title}: a tag for every token`);
  },
);

/** A model of the given features alone, each with one weight for every tag, and "said" its cue word. */
function taggerWith(
  features: readonly [template: number, value: number, weight: number][],
): AttributionTagger {
  return new AttributionTagger({
    tags: TAGS,
    featuresPerToken: FEATURES_PER_TOKEN,
    start: new Array(TAG_COUNT).fill(0),
    transitions: new Array(TAG_COUNT * TAG_COUNT).fill(0),
    cueWords: ['said'],
    scale: 0.01,
    keys: Uint32Array.from(features, ([template, value]) => mixHash(SEEDS[template] as number, value)),
    weights: Int16Array.from(features.flatMap(([, , weight]) => new Array<number>(TAG_COUNT).fill(weight))),
  });
}

/**
 * A model whose weights for "said" (its word, stem and suffix) are all the int16 maximum, and those of
 * "the" as the word before or after a token all the minimum: its sums pass what a word's record holds.
 */
function saturatedTagger(): AttributionTagger {
  const said = hashText('said');
  const the = hashText('the');
  return taggerWith([
    [1, said, 0x7fff],
    [8, said, 0x7fff],
    [12, hashText('aid'), 0x7fff],
    [2, the, -0x8000],
    [9, the, -0x8000],
    [3, the, -0x8000],
    [10, the, -0x8000],
  ]);
}

table<[title: string, text: string]>(
  'sums past int16 give the scores of the plain reading',
  [
    ['the word itself', 'Kim said it would work.'],
    ['the word opening its sentence, quoted', 'He spoke. "Said so," Kim said.'],
    ['the word before and after a token', 'Kim said the plan, the minister said.'],
    ['negative: no such word', 'Kim told a reporter it would work.'],
  ],
  ([title, text]) => {
    const tagger = saturatedTagger();
    const found = disagreement(new UnitScorer(tagger), text, tagger);
    assert.equal(found, undefined, `${title}: ${found}`);
  },
);
