import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../../test/table.js';
import { defaultGazetteer, GazClass, Gazetteer, PHRASE_LENGTHS, WordCode } from './gazetteer.js';

table(
  'gazetteer lookup: countries by any of their names, demonyms, cities with GeoNames ids',
  [
    ['North Korea', 'country', 'KP'],
    ["Democratic People's Republic of Korea", 'country', 'KP'],
    ['DPRK', 'country', 'KP'],
    ['U.S.', 'country', 'US'],
    ['Britain', 'country', 'GB'],
    ['North Korean', 'demonym', 'KP'],
    ['Russians', 'demonym', 'RU'],
    ['Pyongyang', 'city', 'KP'],
    ['Paris', 'city', 'FR'],
    ['Middle East', 'location', undefined],
    ['California', 'region', undefined],
    ['NATO', 'organisation', undefined],
  ] as const,
  ([name, kind, country]) => {
    const place = defaultGazetteer().lookup(name);
    assert.equal(place?.kind, kind, `kind of "${name}"`);
    assert.equal(defaultGazetteer().kindOf(name), kind, `kindOf("${name}")`);
    assert.equal(place?.country, country, `country of "${name}"`);
    if (kind === 'city') assert.match(place?.ref ?? '', /^geonames:\d+$/);
  },
);

table(
  'gazetteer: words that are no place',
  [['Kim'], ['the'], ['Matsegora'], ['north korea']] as const,
  ([name]) => {
    assert.equal(defaultGazetteer().lookup(name), undefined, `"${name}" is no place`);
    assert.equal(defaultGazetteer().kindOf(name), undefined, `"${name}" has no kind`);
  },
);

table(
  "gazetteer: a word's kind from its code, as from looking it up, a word in other phrase form too",
  [['Pyongyang'], ['Russians'], ['NATO'], ['Kim'], ['the'], ['North\u00a0Korea'], ['(Korea)']] as const,
  ([word]) => {
    const gazetteer = defaultGazetteer();
    const kind = gazetteer.kindOfWord(word, gazetteer.code(word));
    assert.equal(kind, gazetteer.kindOf(word), `kindOfWord("${word}")`);
    if (word.includes('\u00a0')) assert.equal(kind, 'country', 'a no-break space is a space in a phrase');
  },
);

table(
  "gazetteer kindOfPhrase: a name's kind from its first word's code, as kindOf gives it",
  [
    ['North Korea', 'North', 'country'],
    ['North Korean', 'North', 'demonym'],
    ['Los Angeles', 'Los', 'city'],
    ['United Nations', 'United', 'organisation'],
    ['Guinea , Bissau', 'Guinea', undefined],
    ['Cofinec Corp', 'Cofinec', undefined],
    ['Stephen Frater', 'Stephen', undefined],
  ] as const,
  ([name, first, kind]) => {
    const gazetteer = defaultGazetteer();
    assert.equal(gazetteer.kindOfPhrase(name, gazetteer.code(first)), kind, `kindOfPhrase("${name}")`);
    assert.equal(gazetteer.kindOf(name), kind, `kindOf("${name}")`);
  },
);

table(
  'gazetteer classes: the longest phrase wins and marks its inner words',
  [
    ['troops from North Korea arrived', [0, 0, GazClass.Country, GazClass.Country + 8, 0]],
    ['North Korean troops', [GazClass.Demonym, GazClass.Demonym + 8, 0]],
    ['the cat sat', [0, 0, 0]],
  ] as const,
  ([sentence, classes]) =>
    assert.deepEqual([...defaultGazetteer().classes(sentence.split(' '))], classes, sentence),
);

table(
  "gazetteer given names: a person's name tends to open with one",
  [
    ['Gloria', true],
    ['Stephen', true],
    // Negative: surnames, companies and lower-case words are no given names.
    ['Pirelli', false],
    ['Frater', false],
    ['gloria', false],
  ] as const,
  ([word, expected]) => {
    const gazetteer = defaultGazetteer();
    assert.equal(gazetteer.isFirstName(word), expected, `isFirstName(${word})`);
    assert.equal((gazetteer.code(word) & WordCode.FirstName) !== 0, expected, `code(${word}) has FirstName`);
  },
);

test('gazetteer given names: the code finds each of them, whatever its first letter and length', () => {
  const names = ['Gloria', 'Zoë', 'Élodie', 'Bartholomew-Alexander-Maximilian-Jones', 'Al'];
  const gazetteer = new Gazetteer({
    countries: [],
    cities: [],
    regions: [],
    locations: [],
    organisations: [],
    firstNames: names,
  });
  for (const name of names)
    assert.ok(gazetteer.code(name) & WordCode.FirstName, `code(${name}) has FirstName`);
  for (const word of ['gloria', 'Glorias', 'Zo', 'Elodie', 'Bartholomew-Alexander-Maximilian-Jone', 'A'])
    assert.equal(gazetteer.code(word) & WordCode.FirstName, 0, `code(${word}) has no FirstName`);
});

table(
  "gazetteer classes: the same from the words' codes as from the words",
  [
    ['troops from North Korea arrived in Pyongyang'],
    ['the New York Times said Paris and Gloria'],
    ['North Korean and South Korean troops'],
    ['North by northwest'],
    // "_" joins two words into one token: a phrase goes on across a token holding a space.
    ["the Democratic People's_Republic of Korea"],
    ['Hong Kong and Sri Lanka'],
  ] as const,
  ([sentence]) => {
    const gazetteer = defaultGazetteer();
    const words = sentence.split(' ').map((w) => w.replace('_', ' '));
    const codes = words.map((w) => gazetteer.code(w));
    const phrases = new Int32Array(words.length).fill(-1);
    const fromCodes = gazetteer.classes(
      words,
      new Uint8Array(words.length + 3).fill(9),
      codes,
      0,
      words.length,
      phrases,
    );
    assert.deepEqual([...fromCodes.subarray(0, words.length)], [...gazetteer.classes(words)], sentence);
    // The phrases kept are phraseAt's, at each word that may start one longer than itself and is no
    // inner word of one; none elsewhere.
    for (let i = 0; i < words.length; i++) {
      const starts = ((codes[i] as number) & WordCode.Prefix) !== 0 && (fromCodes[i] as number) < 8;
      const expected = starts ? gazetteer.phraseAt(words, i, codes[i] as number) : -1;
      assert.equal(phrases[i], expected, `phrase kept at ${words[i]} in ${sentence}`);
    }
  },
);

table(
  'gazetteer codes: class as a whole phrase, start of a longer one, given name, later word of a phrase',
  [
    ['Pyongyang', GazClass.BigCity],
    ['North', WordCode.Prefix | WordCode.Continues],
    ['Stephen', WordCode.FirstName],
    ['Gloria', WordCode.FirstName | WordCode.Continues],
    // "Sri Lanka", "Hong Kong": words that only go on a phrase.
    ['Lanka', WordCode.Continues],
    ['Kong', WordCode.Continues],
    // Negative: a word that is none of these has no code.
    ['Matsegora', 0],
  ] as const,
  ([word, code]) => assert.equal(defaultGazetteer().code(word), code, `code of "${word}"`),
);

table(
  'gazetteer lookup: a name spaced or punctuated otherwise than its phrase; no place for a near miss',
  [
    ['North  Korea', 'country'],
    [' North Korea ', 'country'],
    ['North\u00a0Korea', 'country'],
    ['North\tKorean', 'demonym'],
    ['Korea North', undefined],
    ['North Koreaa', undefined],
    ['', undefined],
  ] as const,
  ([name, kind]) => assert.equal(defaultGazetteer().lookup(name)?.kind, kind, JSON.stringify(name)),
);

table(
  "gazetteer phraseAt: match's phrase as its class and length, given the word code",
  [
    ['troops crossed into North Korea on Monday', 3, GazClass.Country, 2],
    ['North Korean troops', 0, GazClass.Demonym, 2],
    ['the United Nations Security Council met', 1, GazClass.Organisation, 2],
    ['he visited Paris and Pyongyang', 2, GazClass.BigCity, 1],
    // Negative: no phrase starts at "Korea" (only "North Korea" is one) nor at "he".
    ['troops crossed into North Korea on Monday', 4, GazClass.None, 0],
    ['he visited Paris and Pyongyang', 0, GazClass.None, 0],
  ] as const,
  ([sentence, i, cls, length]) => {
    const gazetteer = defaultGazetteer();
    const words = sentence.split(' ');
    const m = gazetteer.phraseAt(words, i, gazetteer.code(words[i] as string));
    const at = `${sentence} at ${words[i]}`;
    assert.equal(Math.floor(m / PHRASE_LENGTHS), cls, `class ${at}`);
    assert.equal(m % PHRASE_LENGTHS, length, `length ${at}`);
    assert.equal(m % PHRASE_LENGTHS, gazetteer.match(words, i)?.length ?? 0, `match's length ${at}`);
  },
);

table(
  'gazetteer match: the longest phrase, also across a token holding a space; none past a word no phrase goes on with',
  [
    [['in', 'North', 'Korea', 'today'], 1, 2],
    [['the', 'Democratic', "People's Republic", 'of', 'Korea'], 1, 4],
    [['North', 'Zqxv', 'Korea'], 0, undefined],
    [['the', 'United', 'Nations', 'Security', 'Council'], 1, 2],
  ] as const,
  ([words, i, length]) => {
    const m = defaultGazetteer().match(words, i);
    assert.equal(m?.length, length, `${words.join('|')} at ${words[i]}`);
  },
);

table(
  'gazetteer lookup: a city made from its columns carries the values of models/gazetteer.json exactly',
  [
    [
      'Shanghai',
      {
        kind: 'city',
        name: 'Shanghai',
        country: 'CN',
        lat: 31.2222,
        lon: 121.4581,
        ref: 'geonames:1796236',
        population: 22315474,
      },
    ],
    [
      'Buenos Aires',
      {
        kind: 'city',
        name: 'Buenos Aires',
        country: 'AR',
        lat: -34.6131,
        lon: -58.3772,
        ref: 'geonames:3435910',
        population: 13076300,
      },
    ],
    // Negative: a country is no city and has no GeoNames ref.
    ['France', { kind: 'country', name: 'France', country: 'FR', lat: 46, lon: 2 }],
  ] as const,
  ([name, place]) => assert.deepEqual(defaultGazetteer().lookup(name), place, name),
);
