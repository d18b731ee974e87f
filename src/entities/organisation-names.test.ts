import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { defaultGazetteer } from './gazetteer.js';
import {
  acronymNames,
  byFirst,
  type FoundName,
  isCapitalised,
  isOrgHead,
  isPlainName,
  joinOfNames,
  personVotes,
  pressNames,
  splitJoinedNames,
  titledPersons,
} from './organisation-names.js';

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
    // Negative: a legal form closes the name; the country after "of" is the company's home.
    [
      'a car made by Kia Motor Corp of South Korea',
      [
        [4, 7, 'ORG'],
        [8, 10, 'GPE'],
      ],
      ['Kia Motor Corp/ORG', 'South Korea/GPE'],
    ],
    // Negative: a weekday after "on" is no part of the name.
    ['The Treasury Department on Wednesday denied it', [[1, 3, 'ORG']], ['Treasury Department/ORG']],
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

table(
  'splitJoinedNames: names run together at a legal form or a role come apart',
  [
    [
      'compete with Johnson Controls Inc and Lear Corp .',
      [[2, 8, 'ORG']],
      ['Johnson Controls Inc/ORG', 'Lear Corp/ORG'],
    ],
    ['Cofinec CEO Stephen Frater said', [[0, 4, 'PERSON']], ['Cofinec/ORG', 'Stephen Frater/PERSON']],
    [
      'the United Nations and United States criticised',
      [[1, 6, 'ORG']],
      ['United Nations/ORG', 'United States/ORG'],
    ],
    // Negative: a country's own name with "and" in it stays whole.
    ['flights to Trinidad and Tobago resumed', [[2, 5, 'GPE']], ['Trinidad and Tobago/GPE']],
    // Negative: no known place after "and".
    ['the Ministry of Trade and Industry said', [[1, 6, 'ORG']], ['Ministry of Trade and Industry/ORG']],
    [
      'Russian Ambassador Alexandr Matsegora said',
      [[0, 4, 'PERSON']],
      ['Russian/NORP', 'Alexandr Matsegora/PERSON'],
    ],
    // A role ending the name before a capitalised word is left out: the person follows.
    [
      'Federal Reserve Governor Lawrence Lindsey said',
      [
        [0, 3, 'ORG'],
        [3, 5, 'PERSON'],
      ],
      ['Federal Reserve/ORG', 'Lawrence Lindsey/PERSON'],
    ],
    // Negative: "and" inside a name with no legal form before it stays ("Defence and Space").
    [
      'European Aeronautic Defence and Space Company said',
      [[0, 6, 'ORG']],
      ['European Aeronautic Defence and Space Company/ORG'],
    ],
    // Negative: an adjective title opens an organisation's name and cuts nothing.
    ['the German Foreign Ministry said', [[1, 4, 'ORG']], ['German Foreign Ministry/ORG']],
    // Negative: a role at the name's end with no name after it stays ("the Foreign Secretary").
    ['said Foreign Secretary .', [[1, 3, 'PERSON']], ['Foreign Secretary/PERSON']],
    // A role before a possessive is left out too: the office is the organisation's.
    ["the Federal Reserve Governor 's remarks", [[1, 4, 'ORG']], ['Federal Reserve/ORG']],
    // A person's name right after an organisation word, or at a known given name, is the person.
    [
      'CEO of the Refugee Council Enver Solomon told',
      [[3, 7, 'ORG']],
      ['Refugee Council/ORG', 'Enver Solomon/PERSON'],
    ],
    [
      'the Council on Islamic Relations Alia Mansour said',
      [[1, 7, 'ORG']],
      ['Council on Islamic Relations/ORG', 'Alia Mansour/PERSON'],
    ],
    // Negative: a place after the organisation word is part of its name.
    ['the Bank Negara Malaysia said', [[1, 4, 'ORG']], ['Bank Negara Malaysia/ORG']],
    // Negative: two plain words with no organisation word before them make no cut.
    ['the Google Science Fair opened', [[1, 4, 'ORG']], ['Google Science Fair/ORG']],
    // Negative: a person's own three words are not cut.
    ['Mary Ann Smith said', [[0, 3, 'PERSON']], ['Mary Ann Smith/PERSON']],
  ] as const,
  ([text, given, expected]) => {
    const w = text.split(' ');
    const got = show(
      w,
      splitJoinedNames(
        w,
        given.map(([a, b, t]) => name(a, b, t)),
        defaultGazetteer(),
      ),
    );
    assert.deepEqual(got, expected, `${text}: got ${JSON.stringify(got)}`);
  },
);

table(
  'pressNames: a name before newspaper, daily or news agency is the publication, an organisation',
  [
    ["Britain 's Sun newspaper reported", [[0, 1, 'GPE']], ['Britain/GPE', 'Sun/ORG']],
    ['the Hong Kong Standard newspaper said', [[1, 3, 'GPE']], ['Hong Kong Standard/ORG']],
    ['Itar-Tass news agency quoted him', [], ['Itar-Tass/ORG']],
    ['Zycie Warszawy daily said', [[0, 2, 'PERSON']], ['Zycie Warszawy/ORG']],
    ['The Sunday Telegraph newspaper said', [], ['Sunday Telegraph/ORG']],
    // Negative: "daily" before a name is the name's description ("the Moscow daily Segodnya").
    ['the Moscow daily Segodnya said', [[1, 2, 'GPE']], ['Moscow/GPE']],
    // Negative: an agency with no "news" before it may be anything's ("the Atomic Energy agency").
    ['the Reuters agency', [[1, 2, 'ORG']], ['Reuters/ORG']],
    // Negative: lower-case words before "newspaper" name nothing.
    ['a local newspaper said', [], []],
    // Several press words in a story: each name found among the others, kept in order; a long name
    // running over the run before a press word leaves it as it is.
    [
      'Paris told the Le Monde daily and the Pravda newspaper , Moscow said',
      [
        [0, 1, 'GPE'],
        [4, 5, 'PERSON'],
        [11, 12, 'GPE'],
      ],
      ['Paris/GPE', 'Le Monde/ORG', 'Pravda/ORG', 'Moscow/GPE'],
    ],
    ['the Big Sun Daily Times daily wrote', [[2, 6, 'ORG']], ['Sun Daily Times daily/ORG']],
    // The names inside the run give way to it, in whatever order they came.
    [
      'the Big Sun Daily Times daily said',
      [
        [2, 4, 'PERSON'],
        [1, 2, 'ORG'],
      ],
      ['Big Sun Daily Times/ORG'],
    ],
  ] as const,
  ([text, given, expected]) => {
    const w = text.split(' ');
    const got = show(
      w,
      pressNames(
        w,
        given.map(([a, b, t]) => name(a, b, t)),
      ),
    );
    assert.deepEqual(got, expected, `${text}: got ${JSON.stringify(got)}`);
  },
);

table(
  "titledPersons: a person's title read into a name is dropped, the rest a person",
  [
    ['said Ambassador Mohib .', [[1, 3, 'ORG']], ['Mohib/PERSON']],
    ["Cambodia 's King Norodom Sihanouk said", [[2, 5, 'ORG']], ['Norodom Sihanouk/PERSON']],
    ['" Ms Bauchtman said', [[1, 3, 'ORG']], ['Bauchtman/PERSON']],
    ['Emeritus Professor John Burrows said', [[0, 4, 'PERSON']], ['John Burrows/PERSON']],
    // Negative: a title alone is no name to shorten.
    ['said Professor Emeritus today', [[1, 3, 'PERSON']], ['Professor Emeritus/PERSON']],
    // Negative: an organisation, facility or place word in the rest keeps the name whole.
    ['at Queen Elizabeth Hospital today', [[1, 4, 'FAC']], ['Queen Elizabeth Hospital/FAC']],
    ['in King County today', [[1, 3, 'GPE']], ['King County/GPE']],
    // Negative: "General" opens companies' names.
    ['shares in General Dynamics rose', [[2, 4, 'ORG']], ['General Dynamics/ORG']],
  ] as const,
  ([text, given, expected]) => {
    const w = text.split(' ');
    const got = show(
      w,
      titledPersons(
        w,
        given.map(([a, b, t]) => name(a, b, t)),
      ),
    );
    assert.deepEqual(got, expected, `${text}: got ${JSON.stringify(got)}`);
  },
);

table(
  "personVotes: a full name whose surname alone is read as a person's is a person's",
  [
    [
      'Muammar Gaddafi came . Gaddafi said . Gaddafi left .',
      [
        [0, 2, 'ORG'],
        [4, 5, 'PERSON'],
        [7, 8, 'PERSON'],
      ],
      ['Muammar Gaddafi/PERSON', 'Gaddafi/PERSON', 'Gaddafi/PERSON'],
    ],
    // Negative: the surname's readings do not outvote when they disagree as often.
    [
      'Muammar Gaddafi came . Gaddafi said . Gaddafi left .',
      [
        [0, 2, 'ORG'],
        [4, 5, 'PERSON'],
        [7, 8, 'ORG'],
      ],
      ['Muammar Gaddafi/ORG', 'Gaddafi/PERSON', 'Gaddafi/ORG'],
    ],
    // Negative: an organisation word keeps the organisation ("Dow Chemical" against "Dow").
    [
      'Dow Chemical grew . Dow said .',
      [
        [0, 2, 'ORG'],
        [4, 5, 'PERSON'],
      ],
      ['Dow Chemical/ORG', 'Dow/PERSON'],
    ],
  ] as const,
  ([text, given, expected]) => {
    const w = text.split(' ');
    const got = show(
      w,
      personVotes(
        w,
        given.map(([a, b, t]) => ({ ...name(a, b, t), rule: 'entities/model' })),
        defaultGazetteer(),
      ),
    );
    assert.deepEqual(got, expected, `${text}: got ${JSON.stringify(got)}`);
  },
);

table(
  "isPlainName: two or three capitalised words of no word class, unknown to the gazetteer, make a person's name",
  [
    ['Enver Solomon', true],
    ['Stefania Giannini', true],
    ['Amneh Al Jafari', true],
    // Negative: an organisation word, a title, a month, a known place, capitals, one word, four words.
    ['Refugee Council', false],
    ['Minister Giannini', false],
    ['March Solomon', false],
    ['Enver Malaysia', false],
    ['IBM Solomon', false],
    ['Grand Hotel', false],
    ['Pacific Holdings', false],
    ['Solomon', false],
    ['Anna Maria Teresa Solomon', false],
  ] as const,
  ([text, expected]) => {
    const w = text.split(' ');
    assert.equal(isPlainName(w, 0, w.length, defaultGazetteer()), expected, text);
  },
);

table(
  'isCapitalised: an upper-case first letter, ASCII or beyond',
  [
    ['Kim', true],
    ['KCNA', true],
    ['Édouard', true],
    ['Ωmega', true],
    ['kim', false],
    ['été', false],
    ['1990', false],
    ["'s", false],
    ['', false],
  ] as const,
  ([word, expected]) => assert.equal(isCapitalised(word), expected, `"${word}"`),
);

table(
  'organisation names: byFirst orders by first word, keeping the order of names that start together',
  [
    [
      'in order already',
      [
        [0, 'a'],
        [2, 'b'],
        [2, 'c'],
        [5, 'd'],
      ],
      'abcd',
    ],
    [
      'out of order',
      [
        [5, 'a'],
        [2, 'b'],
        [0, 'c'],
        [2, 'd'],
      ],
      'cbda',
    ],
    ['empty', [], ''],
  ] as const,
  ([, rows, expected]) => {
    const names = rows.map(([first, id]) => ({ first, id }));
    assert.equal(
      byFirst(names)
        .map((n) => n.id)
        .join(''),
      expected,
      'order by first word, stable',
    );
  },
);
