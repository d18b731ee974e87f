import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { table } from '../../test/table.js';
import { TextLayer } from '../text/text-layer.js';
import { FEATURES_PER_TOKEN, type TagUnit, tagUnits, unitFeatures, unitWords } from './features.js';
import { type AttributionTagger, defaultTagger, TAG_COUNT } from './tagger.js';
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
function disagreement(scorer: UnitScorer, text: string): string | undefined {
  const layer = new TextLayer(text);
  const tagger = defaultTagger();
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
// named like the prototype keys of CROSSED, and forms on either side of the 8 characters the scorer
// keeps packed, sharing their first eight ("official", "officials").
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
  maxLength: 7,
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
    if (tags) assert.equal(tags.length, first.end - first.first, `${title}: one tag per token`);
  },
);
