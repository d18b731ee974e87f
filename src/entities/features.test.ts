import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../../test/table.js';
import { TextLayer } from '../text/text-layer.js';
import { VOCABULARY_BOUND } from '../text/vocabulary.js';
import {
  CaseMemory,
  CaseSeen,
  extractFeatures,
  FEATURE_GROUPS,
  FEATURES_PER_TOKEN,
  isUpperSentence,
  isUpperSpan,
  KEYED_GROUPS,
  KEYS_PER_WORD,
  keyEpoch,
  wordShape,
  writeGroup,
} from './features.js';
import { defaultGazetteer, Gazetteer, type GazetteerData } from './gazetteer.js';

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

/** The token texts of `text`, with the layer they come from. */
function tokenWordsOf(text: string): { words: string[]; layer: TextLayer } {
  const layer = new TextLayer(text);
  const { tokens } = layer;
  return { words: Array.from({ length: tokens.count }, (_, i) => tokens.text(i)), layer };
}

table(
  "upper-case spans: from the tokens' flags, the same answer as from their strings",
  [
    ['EU REJECTS GERMAN CALL TO BOYCOTT BRITISH LAMB.', true],
    ['LONDON 1996-08-30', false],
    ['The KCNA said the U.S. had left.', false],
    ['NEW YORK 1996-08-30', true],
    ['\u00c9COLE \u00c9T\u00c9 PARIS A', true],
    ['\u00c9cole \u00e9t\u00e9 PARIS NICE', false],
    ['\u00c9\u00c9 PARIS \u00c9\u00c9 NICE', true],
    ['PARIS iPhone 4x4 LYON', false],
    ['A B C', false],
    ['123 456 \u2014', false],
  ] as const,
  ([sentence, upper]) => {
    const { words, layer } = tokenWordsOf(`Before. ${sentence}`);
    const { tokens } = layer;
    // From the second sentence on: the span is read from its first token, not the text's.
    const from = 2;
    assert.equal(isUpperSentence(words.slice(from)), upper, `from strings: ${sentence}`);
    assert.equal(isUpperSpan(tokens, from, tokens.count), upper, `from flags: ${sentence}`);
  },
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

test('case memory: what it saw holds as it grows and when the word table is cleared under it', () => {
  const memory = new CaseMemory();
  // More words than its first slots hold, capitalised mid-sentence, and one in lower case.
  const names = Array.from({ length: 700 }, (_, k) => `Name${k.toString(36)}`);
  for (let k = 0; k < names.length; k += 50) memory.observe(['It', ...names.slice(k, k + 50), 'pirelli']);
  // Another document's words fill the word table, which is cleared to take more.
  const other = new CaseMemory();
  for (let k = 0; k < 210_000; k += 1000)
    other.observe(Array.from({ length: 1000 }, (_, j) => `other${(k + j).toString(36)}`));
  memory.observe(['Shares', 'in', 'Pirelli', 'rose']);
  for (const name of [names[0], names[299], names[699]] as string[])
    assert.equal(memory.get(name.toLowerCase()), CaseSeen.Capitalised, `${name} after the clearing`);
  assert.equal(memory.get('pirelli'), CaseSeen.Lower | CaseSeen.Capitalised, 'pirelli, seen both ways');
  assert.equal(memory.get('nameless'), 0, 'a word never seen');
});

test('case memory: sized for the words of its document or not, it holds the same', () => {
  const sentences = Array.from({ length: 40 }, (_, k) => [
    'It',
    `Name${k}`,
    `word${k}`,
    k % 2 ? 'Pirelli' : 'pirelli',
    'rose',
  ]);
  const grown = new CaseMemory();
  const sized = new CaseMemory(undefined, sentences.length * 5);
  for (const s of sentences) {
    grown.observe(s);
    sized.observe(s);
  }
  for (const word of ['name0', 'name39', 'word7', 'pirelli', 'rose', 'it', 'nameless'])
    assert.equal(sized.get(word), grown.get(word), `case seen for "${word}"`);
  assert.equal(sized.get('pirelli'), CaseSeen.Lower | CaseSeen.Capitalised, 'pirelli, seen both ways');
});

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

test("features: a word's gazetteer class follows the gazetteer asked, not the one asked before", () => {
  const data = (cities: GazetteerData['cities']): GazetteerData => ({
    countries: [],
    cities,
    regions: [],
    locations: [],
    organisations: [],
  });
  const withMoscow = new Gazetteer(data([['Moscow', 'RU', 55.75, 37.62, 524901, 10_000_000]]));
  const without = new Gazetteer(data([]));
  const words = 'Kim visited Moscow .'.split(' ');
  const run = (gazetteer: Gazetteer) => {
    const out = new Uint32Array(words.length * FEATURES_PER_TOKEN);
    extractFeatures(words, gazetteer, new CaseMemory(), 16, out);
    return [...out];
  };
  const first = run(withMoscow);
  assert.notDeepEqual(run(without), first, 'no city, other features');
  assert.deepEqual(run(withMoscow), first, 'the city again, the same features');
});

test('features: the same from the word ids the case memory kept as from looking the words up', () => {
  const gazetteer = defaultGazetteer();
  const memory = new CaseMemory(gazetteer);
  const sentences = ['Shares in Cofinec Corp fell .', 'Stephen Frater said Cofinec would recover .'].map(
    (s) => s.split(' '),
  );
  for (const s of sentences) memory.observe(s);
  for (const s of sentences) {
    const run = (words: string[]) => {
      const out = new Uint32Array(words.length * FEATURES_PER_TOKEN);
      extractFeatures(words, gazetteer, memory, 20, out);
      return [...out];
    };
    // A copy of the sentence is no sentence the memory saw: its words are looked up afresh.
    assert.deepEqual(run(s), run([...s]), s.join(' '));
  }
});

test('features: extracted lazy, each group written on demand, the same as extracted whole', () => {
  const gazetteer = defaultGazetteer();
  const memory = new CaseMemory(gazetteer);
  const sentences = [
    'Stephen Frater said Cofinec Corp shares fell in Budapest on Friday .',
    'SHARES IN COFINEC FELL',
    'the talks in Seoul ended on a calm note',
  ].map((s) => s.split(' '));
  for (const s of sentences) memory.observe(s);
  for (const s of sentences) {
    const n = s.length;
    const whole = new Uint32Array(n * FEATURES_PER_TOKEN);
    const live = new Uint8Array(n);
    extractFeatures(s, gazetteer, memory, 20, whole, { live });
    const lazy = new Uint32Array(n * FEATURES_PER_TOKEN);
    extractFeatures(s, gazetteer, memory, 20, lazy, {
      live,
      lazy: true,
      keys: new Int32Array(n * KEYS_PER_WORD),
    });
    const grouped = new Set(FEATURE_GROUPS.flat());
    for (let i = 0; i < n; i++) {
      if (!live[i]) continue;
      const word = (f: Uint32Array) => [...f.subarray(i * FEATURES_PER_TOKEN, (i + 1) * FEATURES_PER_TOKEN)];
      const before = word(lazy);
      for (let f = 0; f < FEATURES_PER_TOKEN; f++)
        if (grouped.has(f)) assert.equal(before[f], 0, `"${s[i]}": feature ${f} is left to writeGroup`);
      FEATURE_GROUPS.forEach((_, g) => {
        writeGroup(i, g);
      });
      assert.deepEqual(word(lazy), word(whole), `"${s[i]}" in ${s.join(' ')}`);
    }
  }
});

test('features: the same when the word table was cleared and its rows went to other words', () => {
  const gazetteer = defaultGazetteer();
  const sentences = ['Shares in Cofinec Corp fell in Budapest .', 'SHARES IN COFINEC FELL'].map((s) =>
    s.split(' '),
  );
  const run = () =>
    sentences.map((s) => {
      const out = new Uint32Array(s.length * FEATURES_PER_TOKEN);
      extractFeatures([...s], gazetteer, new CaseMemory(gazetteer), 20, out);
      return [...out];
    });
  const first = run();
  // More new words than the table holds: it is cleared, and these take the rows of the words above.
  const memory = new CaseMemory(gazetteer);
  for (let k = 0; k < VOCABULARY_BOUND; k += 1000)
    memory.observe(Array.from({ length: 1000 }, (_, j) => `Filler${(k + j).toString(36)}`));
  assert.deepEqual(run(), first, 'the features of both sentences');
});

test('features: words with the same key for a group have the same buckets in it', () => {
  const gazetteer = defaultGazetteer();
  const memory = new CaseMemory(gazetteer);
  const sentences = [
    'Shares in Cofinec Corp fell in Budapest .',
    'Cofinec said shares in Budapest would recover .',
    'SHARES IN COFINEC FELL',
    // "New" a city's first word, then none: the word after it sees another class before it.
    'Cofinec opened in New York .',
    'Cofinec opened New offices .',
  ].map((s) => s.split(' '));
  for (const s of sentences) memory.observe(s);
  const seen = new Map<string, string>();
  let repeated = 0;
  for (const s of sentences) {
    const n = s.length;
    const out = new Uint32Array(n * FEATURES_PER_TOKEN);
    const keys = new Int32Array(n * KEYS_PER_WORD);
    extractFeatures(s, gazetteer, memory, 20, out, { keys });
    for (let i = 0; i < n; i++)
      FEATURE_GROUPS.forEach((group, g) => {
        const buckets = group.map((f) => out[i * FEATURES_PER_TOKEN + f]).join(',');
        const k = i * KEYS_PER_WORD + g;
        // The few-valued group, after the keyed ones, has two keys, the first -1 where none name it.
        // Keys name the same values only within an epoch: the word table may fill up between sentences.
        const key = `${keyEpoch()}:${g}:${keys[k]}${g < KEYED_GROUPS ? '' : `:${keys[k + 1]}`}`;
        assert.ok(g < KEYED_GROUPS || (keys[k] as number) >= 0, `few-valued key of "${s[i]}"`);
        const before = seen.get(key);
        if (before !== undefined) repeated++;
        assert.equal(before ?? buckets, buckets, `group ${g} of "${s[i]}" in ${s.join(' ')}`);
        seen.set(key, buckets);
      });
  }
  assert.ok(repeated > 5, `keys repeat across the sentences (${repeated} times)`);
  assert.ok(new Set(seen.values()).size > 30, 'other words, other keys');
  assert.ok(
    [...seen.keys()].filter((key) => key.includes(`:${KEYED_GROUPS}:`)).length > 10,
    'the few-valued group takes several keys',
  );
});

table(
  'live words: the words within two of a capital, a digit or a letter beyond ASCII',
  [
    ['the talks in Seoul ended on a calm note after all', '01111100000'],
    ['it rose by 5 percent over the year', '01111100'],
    ['a visit to the café went well for them', '001111100'],
    ['no name in this sentence at all', '0000000'],
    ['THE TALKS ENDED', '111'],
  ] as const,
  ([sentence, expected]) => {
    const words = sentence.split(' ');
    const live = new Uint8Array(words.length);
    const out = new Uint32Array(words.length * FEATURES_PER_TOKEN);
    extractFeatures(words, defaultGazetteer(), new CaseMemory(), 12, out, { live });
    assert.equal([...live].join(''), expected, sentence);
  },
);

test('features: a sentence with no word to search is left alone, its codes unwritten', () => {
  // The sentence from the second word on, its codes written at its words' indexes.
  const words = 'Before no name in this sentence at all'.split(' ');
  const n = words.length - 1;
  const live = new Uint8Array(n).fill(1);
  const codes = new Uint8Array(words.length + 1).fill(255);
  const out = new Uint32Array(n * FEATURES_PER_TOKEN).fill(7);
  extractFeatures(words, defaultGazetteer(), new CaseMemory(), 12, out, { live, codes, from: 1 });
  assert.equal([...live].join(''), '0000000', 'no word is live');
  assert.ok(
    codes.every((c) => c === 255),
    'the codes are not written',
  );
  assert.ok(
    out.every((f) => f === 7),
    'no features are written',
  );
  // Negative: one capital makes words live, and every code is written.
  const named = 'Before no name in this sentence but Seoul'.split(' ');
  extractFeatures(named, defaultGazetteer(), new CaseMemory(), 12, out, { live, codes, from: 1 });
  assert.equal([...live].join(''), '0000111', 'the words near "Seoul" are live');
  assert.ok(
    codes.subarray(1, named.length).every((c) => c !== 255),
    'the codes are written',
  );
  assert.ok(codes[0] === 255 && codes[named.length] === 255, 'no code is written outside the sentence');
});

test('features: the same for the words searched, whether told the case and kept codes or not', () => {
  const gazetteer = defaultGazetteer();
  const sentences = [
    'Shares in Cofinec Corp fell in trading on the exchange in Budapest after the report .',
    'NORTH KOREA SAYS IT WILL TEST AGAIN',
  ].map((s) => s.split(' '));
  const memory = new CaseMemory(gazetteer);
  for (const s of sentences) memory.observe(s, isUpperSentence(s));
  for (const s of sentences) {
    const n = s.length;
    const plain = new Uint32Array(n * FEATURES_PER_TOKEN);
    extractFeatures([...s], gazetteer, memory, 20, plain);
    const told = new Uint32Array(n * FEATURES_PER_TOKEN);
    const live = new Uint8Array(n);
    const codes = new Uint8Array(n);
    extractFeatures(s, gazetteer, memory, 20, told, { live, upperMode: isUpperSentence(s), codes });
    const upper = isUpperSentence(s);
    for (let i = 0; i < n; i++) {
      const w = s[i] as string;
      const asked = upper && w.length > 1 ? w[0] + w.slice(1).toLowerCase() : w;
      assert.equal(codes[i], gazetteer.code(asked), `code of "${w}" in ${s.join(' ')}`);
      if (!live[i]) continue;
      const at = i * FEATURES_PER_TOKEN;
      assert.deepEqual(
        told.subarray(at, at + FEATURES_PER_TOKEN),
        plain.subarray(at, at + FEATURES_PER_TOKEN),
        `features of "${w}" in ${s.join(' ')}`,
      );
    }
    assert.ok(live.includes(0) || upper, 'the mixed-case sentence has words beyond a name');
  }
});

test("features: the same whether the words' hashes come from their tokens or their strings", () => {
  const gazetteer = defaultGazetteer();
  const { words, layer } = tokenWordsOf(
    'Intro line. Shares in Cofinec Corp fell after Stephen Frater spoke. NORTH KOREA SAYS IT WILL TEST',
  );
  const { tokens } = layer;
  const spans = layer.sentences.map((s) => [s.firstToken, s.endToken] as const);
  const byString = new CaseMemory(gazetteer);
  // Sized for the document, it keeps the ids of the sentences it observes for their features.
  const byToken = new CaseMemory(gazetteer, tokens.count);
  for (const [a, b] of spans) {
    const upper = isUpperSpan(tokens, a, b);
    byString.observe(words.slice(a, b), upper);
    byToken.observe(words, upper, tokens, a, b);
  }
  for (const w of ['cofinec', 'frater', 'shares', 'korea'])
    assert.equal(byToken.get(w), byString.get(w), `case memory of "${w}"`);
  for (const [a, b] of spans) {
    const s = words.slice(a, b);
    const n = s.length;
    const plain = new Uint32Array(n * FEATURES_PER_TOKEN);
    extractFeatures([...s], gazetteer, byString, 20, plain);
    const told = new Uint32Array(n * FEATURES_PER_TOKEN);
    extractFeatures(words, gazetteer, byToken, 20, told, { tokens, from: a, to: b });
    assert.deepEqual(told, plain, `features of ${s.join(' ')}`);
  }
});

test('features: past the shapes its keys hold, the few-valued group has none, and its features stand', () => {
  const gazetteer = defaultGazetteer();
  const memory = new CaseMemory(gazetteer);
  // Words of a thousand and more shapes, each mark between letters its own run: "a!b#c$".
  const marks = '!#$%&*+/<=';
  const odd = Array.from({ length: 1100 }, (_, k) =>
    [...k.toString(10).padStart(4, '0')].map((d) => `a${marks[Number(d)]}`).join(''),
  );
  assert.equal(new Set(odd.map(wordShape)).size, odd.length, 'a shape for each word');
  for (let k = 0; k < odd.length; k += 100) memory.observe(odd.slice(k, k + 100));
  const s = ['Kim', 'saw', 'Zq!z#z%', 'in', 'Seoul', '.'];
  const n = s.length;
  const keys = new Int32Array(n * KEYS_PER_WORD);
  const lazy = new Uint32Array(n * FEATURES_PER_TOKEN);
  extractFeatures(s, gazetteer, memory, 20, lazy, { keys, lazy: true });
  const few = (i: number) => keys[i * KEYS_PER_WORD + KEYED_GROUPS] as number;
  assert.deepEqual([1, 2, 3].map(few), [-1, -1, -1], 'the new shape and its neighbours have no key');
  assert.ok(few(0) >= 0 && few(5) >= 0, 'words two away keep theirs');
  for (let i = 0; i < n; i++) writeGroup(i, KEYED_GROUPS);
  const whole = new Uint32Array(n * FEATURES_PER_TOKEN);
  extractFeatures(s, gazetteer, memory, 20, whole);
  for (let i = 0; i < n; i++)
    for (const f of FEATURE_GROUPS[KEYED_GROUPS] as number[])
      assert.equal(
        lazy[i * FEATURES_PER_TOKEN + f],
        whole[i * FEATURES_PER_TOKEN + f],
        `"${s[i]}" feature ${f}`,
      );
});
