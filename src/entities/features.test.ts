import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import {
  CaseMemory,
  CaseSeen,
  extractFeatures,
  FEATURES_PER_TOKEN,
  isUpperSentence,
  wordShape,
} from './features.js';
import { defaultGazetteer } from './gazetteer.js';

table(
  'word shape: case, digits and punctuation in runs',
  [
    ['Kim', 'Xx'],
    ['Jong-un', 'Xx-x'],
    ['U.S.', 'X.X.'],
    ['1996-08-30', 'd-d-d'],
    ['KCNA', 'X4'],
    ['LONDON', 'X+'],
    ['iPhone', 'xXx'],
    ['the', 'x'],
  ] as const,
  ([word, shape]) => assert.equal(wordShape(word), shape, `shape of "${word}"`),
);

table(
  'upper-case sentences: headlines and datelines, not acronyms in a sentence',
  [
    ['EU REJECTS GERMAN CALL TO BOYCOTT BRITISH LAMB .', true],
    ['LONDON 1996-08-30', false],
    ['The KCNA said the U.S. had left .', false],
    ['NEW YORK 1996-08-30', true],
  ] as const,
  ([sentence, upper]) => assert.equal(isUpperSentence(sentence.split(' ')), upper, sentence),
);

table(
  'case memory: what the document says about a word elsewhere, the first word of a sentence aside',
  [
    [['The Pirelli board met .', 'Shares in Pirelli rose .'], 'pirelli', CaseSeen.Capitalised],
    [['The spring came .', 'Spring is here .'], 'spring', CaseSeen.Lower],
    [['Spring is here .'], 'spring', 0],
    [['SHARES IN PIRELLI ROSE .'], 'pirelli', 0],
  ] as const,
  ([sentences, word, seen]) => {
    const memory = new CaseMemory();
    for (const s of sentences) memory.observe(s.split(' '));
    assert.equal(memory.get(word), seen, `case seen for "${word}"`);
  },
);

table(
  'case memory: the company a capitalised word keeps, after a given name or title, before an organisation word',
  [
    [
      ['Stephen Frater said .', 'Then Frater left .'],
      'frater',
      CaseSeen.AfterGivenName | CaseSeen.Capitalised,
    ],
    [['It met Mr. Frater .'], 'frater', CaseSeen.AfterTitle | CaseSeen.Capitalised],
    [['Shares in Cofinec Corp fell .'], 'cofinec', CaseSeen.BeforeOrgWord | CaseSeen.Capitalised],
    // Negative: a given name after a given name is no surname ("Mary Ann").
    [['He met Mary Ann .'], 'ann', CaseSeen.Capitalised],
    // Negative: a lower-case organisation word after the name says nothing ("Cofinec group").
    [['Shares in Cofinec group fell .'], 'cofinec', CaseSeen.Capitalised],
    // Negative: headlines in capitals say nothing.
    [['STEPHEN FRATER SAID .'], 'frater', 0],
  ] as const,
  ([sentences, word, seen]) => {
    const memory = new CaseMemory(defaultGazetteer());
    for (const s of sentences) memory.observe(s.split(' '));
    assert.equal(memory.get(word), seen, `memory bits for "${word}"`);
  },
);

table(
  'features: deterministic buckets within the hash size, the context changing them',
  [['Kim Jong-un visited Moscow .', 'Kim Jong-un left Moscow .']] as const,
  ([a, b]) => {
    const gazetteer = defaultGazetteer();
    const run = (s: string) => {
      const words = s.split(' ');
      const out = new Uint32Array(words.length * FEATURES_PER_TOKEN);
      extractFeatures(words, gazetteer, new CaseMemory(), 12, out);
      return out;
    };
    const first = run(a);
    assert.deepEqual(run(a), first, 'the same sentence gives the same features');
    assert.ok(
      first.every((x) => x < 1 << 12),
      'every bucket is below 2^bits',
    );
    assert.notDeepEqual(
      run(b).subarray(0, FEATURES_PER_TOKEN),
      first.subarray(0, FEATURES_PER_TOKEN),
      "the next-but-one word changes the first token's features",
    );
  },
);
