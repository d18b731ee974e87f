import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { defaultGazetteer } from './gazetteer.js';
import { acronymNames, type FoundName, isOrgHead, joinOfNames } from './organisation-names.js';

const name = (first: number, end: number, type: FoundName['type']): FoundName => ({
  first,
  end,
  type,
  rule: 'test',
  confidence: 1,
});
/** Names as "words/TYPE", for messages that show the whole result. */
const show = (w: string[], names: FoundName[]) =>
  names.map((n) => `${w.slice(n.first, n.end).join(' ')}/${n.type}`);

table(
  'organisation heads: organisation words and trades end organisations, other words do not',
  [
    ['ministry', true],
    ['chemical', true],
    ['airlines', true],
    ['spa', true],
    ['steel', false],
    ['river', false],
    ['said', false],
  ] as const,
  ([word, expected]) => assert.equal(isOrgHead(word), expected, `isOrgHead(${word})`),
);

table(
  'joinOfNames: an organisation word runs on through of/for/on, never through in or and',
  [
    ['The Ministry of Defence said', [[1, 2, 'ORG']], ['Ministry of Defence/ORG']],
    ['the Council on Foreign Relations said', [[1, 2, 'ORG']], ['Council on Foreign Relations/ORG']],
    [
      'the Bank of England said',
      [
        [1, 2, 'ORG'],
        [3, 4, 'GPE'],
      ],
      ['Bank of England/ORG'],
    ],
    // Negative: "in" leaves the department and its city apart.
    [
      'the Commerce Department in Washington',
      [
        [1, 3, 'ORG'],
        [4, 5, 'GPE'],
      ],
      ['Commerce Department/ORG', 'Washington/GPE'],
    ],
    // Negative: a person's name after "of" is no part of an organisation.
    [
      'the Party of John Smith',
      [
        [1, 2, 'ORG'],
        [3, 5, 'PERSON'],
      ],
      ['Party/ORG', 'John Smith/PERSON'],
    ],
    // Negative: a name not headed by an organisation word.
    [
      'Reuters of London said',
      [
        [0, 1, 'ORG'],
        [2, 3, 'GPE'],
      ],
      ['Reuters/ORG', 'London/GPE'],
    ],
    // Negative: lower-case words after "of".
    ['the Party of the people', [[1, 2, 'ORG']], ['Party/ORG']],
  ] as const,
  ([text, given, expected]) => {
    const w = text.split(' ');
    const got = show(
      w,
      joinOfNames(
        w,
        given.map(([a, b, t]) => name(a, b, t)),
      ),
    );
    assert.deepEqual(got, expected, `${text}: got ${JSON.stringify(got)}`);
  },
);

table(
  'acronymNames: the words an acronym in parentheses spells are one name',
  [
    [
      'The Organisation for Security and Cooperation in Europe ( OSCE ) said',
      [
        [1, 5, 'ORG'],
        [7, 8, 'LOC'],
      ],
      ['Organisation for Security and Cooperation in Europe/ORG'],
    ],
    [
      'the State Law and Order Restoration Council ( SLORC ) ruled',
      [
        [1, 3, 'ORG'],
        [4, 7, 'ORG'],
      ],
      ['State Law and Order Restoration Council/ORG'],
    ],
    [
      'the U.N. Interim Force in Lebanon ( UNIFIL ) said',
      [
        [1, 4, 'ORG'],
        [5, 6, 'GPE'],
      ],
      ['U.N. Interim Force in Lebanon/ORG'],
    ],
    // Negative: letters that do not spell the acronym leave the names alone.
    [
      'the Foreign Office in London ( FCO ) said',
      [
        [1, 3, 'ORG'],
        [4, 5, 'GPE'],
      ],
      ['Foreign Office/ORG', 'London/GPE'],
    ],
    // Negative: a single word is no expansion to check.
    ['Hamas ( HM ) said', [[0, 1, 'ORG']], ['Hamas/ORG']],
  ] as const,
  ([text, given, expected]) => {
    const w = text.split(' ');
    const got = show(
      w,
      acronymNames(
        w,
        given.map(([a, b, t]) => name(a, b, t)),
        defaultGazetteer(),
      ),
    );
    assert.deepEqual(got, expected, `${text}: got ${JSON.stringify(got)}`);
  },
);
