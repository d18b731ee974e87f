import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { verbForm } from './verbs.js';

table(
  'verbForm reads the lemma and form of the lexicon’s verbs, in any case, and nothing else',
  [
    ['a regular past', 'killed', { lemma: 'kill', form: 'past' }],
    ['a doubled consonant', 'banned', { lemma: 'ban', form: 'past' }],
    ['an irregular form', 'held', { lemma: 'hold', form: 'past' }],
    ['a gerund', 'launching', { lemma: 'launch', form: 'gerund' }],
    ['capitalised', 'Announced', { lemma: 'announce', form: 'past' }],
    ['in capitals', 'SAID', { lemma: 'say', form: 'past' }],
    ['a noun', 'government', undefined],
    ['a word shaped like a verb form', 'killer', undefined],
    ['an empty string', '', undefined],
  ] as const,
  ([, word, want]) => assert.deepEqual(verbForm(word), want, `verbForm(${JSON.stringify(word)})`),
);
