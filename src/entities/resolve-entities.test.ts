import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import type { Analysis, Entity, EntityType } from '../document/analysis.js';
import { createDocument } from '../document/document.js';
import { Pipeline } from '../pipeline/pipeline.js';
import type { Stage } from '../pipeline/stage.js';
import { resolveEntities } from './resolve-entities.js';

/**
 * Runs resolution alone over names given by hand (every occurrence of each listed name, as the
 * recogniser would give them), so that each rule is tested apart from the model.
 */
function resolve(text: string, names: [string, EntityType][]): Analysis {
  const given: Stage = {
    name: 'test/given-names',
    role: 'extract',
    writes: ['entities'],
    run(context) {
      const entities: Entity[] = [];
      const taken = new Set<number>();
      for (const [name, type] of [...names].sort((a, b) => b[0].length - a[0].length)) {
        for (let at = text.indexOf(name); at >= 0; at = text.indexOf(name, at + 1)) {
          const end = at + name.length;
          if (/\w/.test(text[at - 1] ?? '') || /\w/.test(text[end] ?? '')) continue;
          if ([...Array(name.length).keys()].some((k) => taken.has(at + k))) continue;
          for (let k = at; k < end; k++) taken.add(k);
          entities.push({
            id: `n${entities.length + 1}`,
            type,
            name,
            mentions: [{ start: at, end, text: name, kind: 'name' }],
            rule: 'test/given-names',
            confidence: 1,
          });
        }
      }
      context.layers.entities = entities.sort(
        (a, b) => (a.mentions[0]?.start ?? 0) - (b.mentions[0]?.start ?? 0),
      );
    },
  };
  const doc = createDocument({ text, bodyOffset: 0, origin: { format: 'text' } });
  return new Pipeline([given, resolveEntities]).analyze(doc);
}

/** `mention text@occurrence` -> the entity holding it ("he@2": the second "he" in the text). */
function owner(a: Analysis, ref: string): Entity | undefined {
  const [needle, nth] = ref.split('@') as [string, string | undefined];
  const text = a.document.text;
  const whole = (at: number) => !/\w/.test(text[at - 1] ?? '') && !/\w/.test(text[at + needle.length] ?? '');
  let at = -1;
  for (let k = 0; k < Number(nth ?? 1); k++) {
    at = text.indexOf(needle, at + 1);
    while (at >= 0 && !whole(at)) at = text.indexOf(needle, at + 1);
  }
  return a.entities.find((e) => e.mentions.some((m) => m.start === at && m.text === needle));
}

const describe = (a: Analysis) =>
  a.entities
    .map((e) => `${e.id} ${e.type} "${e.name}": ${e.mentions.map((m) => `${m.text}/${m.kind}`).join(', ')}`)
    .join('\n');

type Row = [rule: string, text: string, names: [string, EntityType][], same: string[][], apart: string[][]];

table(
  'resolution: mentions that are one referent, and those that must stay apart',
  [
    [
      'surname after full name',
      'Kim Jong-un visited the site. Kim said it was ready.',
      [
        ['Kim Jong-un', 'PERSON'],
        ['Kim', 'PERSON'],
      ],
      [['Kim Jong-un', 'Kim@2']],
      [],
    ],
    [
      'distinct people sharing a surname stay apart',
      'Kim Jong-un met Kim Yo-jong. Kim Yo-jong said the talks went well.',
      [
        ['Kim Jong-un', 'PERSON'],
        ['Kim Yo-jong', 'PERSON'],
      ],
      [['Kim Yo-jong@1', 'Kim Yo-jong@2']],
      [['Kim Jong-un', 'Kim Yo-jong@1']],
    ],
    [
      "a country is no one's surname: a name run into it does not take it over",
      'Lebed Chechnya met rebels. Troops left Chechnya.',
      [
        ['Lebed Chechnya', 'PERSON'],
        ['Chechnya', 'GPE'],
      ],
      [],
      [['Lebed Chechnya', 'Chechnya@2']],
    ],
    [
      'acronym introduced in parentheses',
      'the Korean Central News Agency (KCNA) said. Later the KCNA added more.',
      [
        ['Korean Central News Agency', 'ORG'],
        ['KCNA', 'ORG'],
      ],
      [['Korean Central News Agency', 'KCNA@1', 'KCNA@2']],
      [],
    ],
    [
      'an acronym the recogniser did not name is found wherever it stands',
      'the Korean Central News Agency (KCNA) said. Later KCNA added more.',
      [['Korean Central News Agency', 'ORG']],
      [['Korean Central News Agency', 'KCNA@1', 'KCNA@2']],
      [],
    ],
    [
      'an acronym inside a longer name is part of that name, not the acronym',
      'the Korean Central News Agency (KCNA) said. The KCNA Watch site disagreed.',
      [
        ['Korean Central News Agency', 'ORG'],
        ['KCNA Watch', 'ORG'],
      ],
      [['Korean Central News Agency', 'KCNA@1']],
      [
        ['Korean Central News Agency', 'KCNA Watch'],
        ['Korean Central News Agency', 'KCNA@2'],
      ],
    ],
    [
      'parentheses whose letters do not fit the name are no acronym',
      'the Korean Central News Agency (AP) said. Later AP added more.',
      [
        ['Korean Central News Agency', 'ORG'],
        ['AP', 'ORG'],
      ],
      [],
      [['Korean Central News Agency', 'AP@2']],
    ],
    [
      'demonym tied to its country',
      'North Korea sent troops. Some 600 North Korean soldiers died.',
      [
        ['North Korea', 'GPE'],
        ['North Korean', 'NORP'],
      ],
      [['North Korea', 'North Korean']],
      [],
    ],
    [
      'a demonym of another country stays with that country',
      'North Korea sent troops. The Russian side agreed.',
      [
        ['North Korea', 'GPE'],
        ['Russian', 'NORP'],
      ],
      [],
      [['North Korea', 'Russian']],
    ],
    [
      'the North for North Korea',
      'North Korea held a ceremony. The North said it would go on.',
      [['North Korea', 'GPE']],
      [['North Korea', 'The North']],
      [],
    ],
    [
      'the same places are one entity by the gazetteer: U.S. and United States',
      'The United States objected. The U.S. envoy left.',
      [
        ['United States', 'GPE'],
        ['U.S.', 'GPE'],
      ],
      [['United States', 'U.S.']],
      [],
    ],
    [
      'role description after the titled name',
      "North Korea held it, with leader Kim Jong-un present. The North's leader said it was done.",
      [
        ['Kim Jong-un', 'PERSON'],
        ['North Korea', 'GPE'],
      ],
      [['Kim Jong-un', "The North's leader"]],
      [],
    ],
    [
      'a bare role after the titled name',
      'Russian Ambassador Alexandr Matsegora attended. The ambassador praised the troops.',
      [['Alexandr Matsegora', 'PERSON']],
      [['Alexandr Matsegora', 'The ambassador']],
      [],
    ],
    [
      "pronoun by salience: the story's subject, not the nearest name",
      "Kim Jong-un opened the museum. Kim shoveled the first scoop. From Russia's side, Ambassador Alexandr Matsegora attended the ceremony. At the event, he also encouraged the troops.",
      [
        ['Kim Jong-un', 'PERSON'],
        ['Kim', 'PERSON'],
        ['Alexandr Matsegora', 'PERSON'],
        ['Russia', 'GPE'],
      ],
      [['Kim Jong-un', 'he']],
      [['Alexandr Matsegora', 'he']],
    ],
    [
      'pronoun follows the subject of the sentence before',
      'Alexandr Matsegora attended the ceremony. He praised the troops.',
      [['Alexandr Matsegora', 'PERSON']],
      [['Alexandr Matsegora', 'He']],
      [],
    ],
    [
      'she goes to the woman, not the nearer man',
      'Queen Elizabeth welcomed President Joe Biden. She said the visit mattered.',
      [
        ['Elizabeth', 'PERSON'],
        ['Joe Biden', 'PERSON'],
      ],
      [['Elizabeth', 'She']],
      [['Joe Biden', 'She']],
    ],
    [
      'a pronoun in capitals is still one',
      'Alexandr Matsegora attended the ceremony. HE praised the troops.',
      [['Alexandr Matsegora', 'PERSON']],
      [['Alexandr Matsegora', 'HE']],
      [],
    ],
    [
      'a role description after a curly possessive',
      'North Korea held it, with leader Kim Jong-un present. The North\u2019s leader said it was done.',
      [
        ['Kim Jong-un', 'PERSON'],
        ['North Korea', 'GPE'],
      ],
      [['Kim Jong-un', 'The North\u2019s leader']],
      [],
    ],
    [
      'they for the organisation named just before, in capitals too',
      'Hamas fired rockets. THEY said more would follow.',
      [['Hamas', 'ORG']],
      [['Hamas', 'THEY']],
      [],
    ],
  ] as Row[],
  ([, text, names, same, apart]) => {
    const a = resolve(text, names);
    for (const group of same) {
      const owners = group.map((ref) => owner(a, ref));
      assert.ok(owners[0], `"${group[0]}" has no entity\n${describe(a)}`);
      for (const [k, o] of owners.entries())
        assert.equal(
          o?.id,
          owners[0]?.id,
          `"${group[k]}" should be one entity with "${group[0]}"\n${describe(a)}`,
        );
    }
    for (const [x, y] of apart) {
      const ox = owner(a, x as string);
      const oy = owner(a, y as string);
      assert.ok(!ox || !oy || ox.id !== oy.id, `"${x}" and "${y}" must stay apart\n${describe(a)}`);
    }
  },
);

table(
  'resolution: the rules that add no mention when their condition fails',
  [
    [
      'no North-something place: "the North" is no alias',
      'Troops came from the North. Seoul waited.',
      [['Seoul', 'GPE']] as [string, EntityType][],
      'the North',
    ],
    [
      '"the North Atlantic" is a name of its own',
      'North Korea watched the North Atlantic Treaty.',
      [['North Korea', 'GPE']] as [string, EntityType][],
      'the North',
    ],
    [
      'no one titled leader: "the North\'s leader" stays unresolved',
      "North Korea met. The North's leader spoke.",
      [['North Korea', 'GPE']] as [string, EntityType][],
      "The North's leader",
    ],
    [
      'no person before it: "he" stays unresolved',
      'North Korea said he would come.',
      [['North Korea', 'GPE']] as [string, EntityType][],
      'he',
    ],
    [
      'no one so titled: "the ambassador" stays unresolved',
      'Leader Kim Jong-un came. The ambassador left.',
      [['Kim Jong-un', 'PERSON']] as [string, EntityType][],
      'The ambassador',
    ],
    [
      'a pronoun inside a quotation speaks from the speaker',
      'Kim Jong-un said, "he will return."',
      [['Kim Jong-un', 'PERSON']] as [string, EntityType][],
      'he',
    ],
    [
      '"they" inside a quotation speaks from the speaker',
      'Hamas fired rockets. A spokesman said, "they will see."',
      [['Hamas', 'ORG']] as [string, EntityType][],
      'they',
    ],
    [
      'words that open like a pronoun are none: "hey", "then", "shed"',
      'Alexandr Matsegora attended. Hey, then they shed tears.',
      [['Alexandr Matsegora', 'PERSON']] as [string, EntityType][],
      'Hey',
    ],
  ] as const,
  ([, text, names, mention]) => {
    const a = resolve(text, [...names]);
    const o = owner(a, mention);
    assert.equal(o, undefined, `"${mention}" should belong to no entity\n${describe(a)}`);
  },
);

table(
  'resolution: titles, descriptions of organisations, lone names, places',
  [
    [
      'title before the name',
      'Russian Ambassador to North Korea Alexandr Matsegora attended.',
      [
        ['Russian', 'NORP'],
        ['North Korea', 'GPE'],
        ['Alexandr Matsegora', 'PERSON'],
      ],
      'Alexandr Matsegora',
      (e: Entity) => assert.equal(e.title, 'Russian Ambassador to North Korea'),
    ],
    [
      'no title when none is stated',
      'The ceremony was attended by Alexandr Matsegora.',
      [['Alexandr Matsegora', 'PERSON']],
      'Alexandr Matsegora',
      (e: Entity) => assert.equal(e.title, undefined),
    ],
    [
      "a place's agency is an organisation of its own",
      "South Korea's spy agency said so.",
      [['South Korea', 'GPE']],
      "South Korea's spy agency",
      (e: Entity) => assert.equal(e.type, 'ORG'),
    ],
    [
      'a lone capitalised word never given a first name or title is an organisation',
      'Pirelli said profits rose. Shares in Pirelli fell.',
      [['Pirelli', 'PERSON']],
      'Pirelli',
      (e: Entity) => assert.equal(e.type, 'ORG'),
    ],
    [
      'a given name alone stays a person',
      'Gloria developed eczema. Gloria was taken to hospital.',
      [['Gloria', 'PERSON']],
      'Gloria',
      (e: Entity) => assert.equal(e.type, 'PERSON'),
    ],
    [
      'with a title it stays a person',
      'Mr. Pirelli said profits rose.',
      [['Pirelli', 'PERSON']],
      'Pirelli',
      (e: Entity) => assert.equal(e.type, 'PERSON'),
    ],
    [
      'a city carries its place on the map',
      'Troops paraded in Pyongyang.',
      [['Pyongyang', 'GPE']],
      'Pyongyang',
      (e: Entity) => {
        assert.equal(e.geo?.country, 'KP');
        assert.match(e.geo?.ref ?? '', /^geonames:\d+$/);
        assert.ok(Math.abs((e.geo?.lat ?? 0) - 39.03) < 0.1, `latitude ${e.geo?.lat}`);
      },
    ],
    [
      'a group known only by its demonym is NORP, tied to its country by geo',
      'Italian banks rallied.',
      [['Italian', 'NORP']],
      'Italian',
      (e: Entity) => {
        assert.equal(e.type, 'NORP');
        assert.equal(e.name, 'Italian');
        assert.equal(e.mentions[0]?.kind, 'demonym');
        assert.equal(e.geo?.country, 'IT');
      },
    ],
    [
      'a country is named by its common name and coded',
      'The DPRK objected.',
      [['DPRK', 'GPE']],
      'DPRK',
      (e: Entity) => {
        assert.equal(e.name, 'North Korea');
        assert.equal(e.geo?.ref, 'iso3166:KP');
      },
    ],
  ] as const,
  ([, text, names, mention, check]) => {
    const a = resolve(
      text,
      names.map(([n, t]) => [n, t as EntityType]),
    );
    const e = owner(a, mention);
    assert.ok(e, `"${mention}" has no entity\n${describe(a)}`);
    check(e);
  },
);

table(
  'plural pronouns: they/them/their for the organisation or people just named, unless grammar says otherwise',
  [
    ['Hamas said they would not attend.', [['Hamas', 'ORG']], 'they', 'Hamas'],
    ['The Taliban warned that they would fight.', [['Taliban', 'ORG']], 'they', 'Taliban'],
    ['The Palestinians said their leaders had agreed.', [['Palestinians', 'NORP']], 'their', 'Palestinians'],
    // Negative: a plural noun between the name and the pronoun is what "they" means.
    ['Hamas said the officials knew they were watched.', [['Hamas', 'ORG']], 'they', undefined],
    // Negative: people joined by "and" are "they".
    [
      'Hamas hosted Kim and Moon, and they shook hands.',
      [
        ['Hamas', 'ORG'],
        ['Kim', 'PERSON'],
        ['Moon', 'PERSON'],
      ],
      'they',
      undefined,
    ],
    // Negative: a place is no "they".
    [
      'Reuters reported from Seoul that they were ready.',
      [
        ['Reuters', 'ORG'],
        ['Seoul', 'GPE'],
      ],
      'they',
      undefined,
    ],
    // Negative: inside a quotation "they" speaks from the speaker's side.
    ['Hamas said: "they will pay."', [['Hamas', 'ORG']], 'they', undefined],
    // Negative: too far back, two sentences away.
    ['Hamas met. Rain fell. Then they left.', [['Hamas', 'ORG']], 'they', undefined],
  ] as [string, [string, EntityType][], string, string | undefined][],
  ([text, names, pronoun, expected]) => {
    const a = resolve(text, names);
    assert.equal(owner(a, pronoun)?.name, expected, `${pronoun} in ${text}\n${describe(a)}`);
  },
);

table(
  "organisation short forms: a word that opens an organisation's name before its organisation words is it",
  [
    [
      'Magna International Inc. cut jobs. Magna said so.',
      [
        ['Magna International Inc.', 'ORG'],
        ['Magna', 'PERSON'],
      ],
      'Magna@2',
      'ORG',
    ],
    [
      'Dow Chemical cut jobs. Dow said so.',
      [
        ['Dow Chemical', 'ORG'],
        ['Dow', 'GPE'],
      ],
      'Dow@2',
      'ORG',
    ],
    // Negative: the rest of the name is no organisation word.
    [
      'Jordan Valley Farms grew. Jordan said so.',
      [
        ['Jordan Valley Farms', 'ORG'],
        ['Jordan', 'GPE'],
      ],
      'Jordan@2',
      'GPE',
    ],
  ] as [string, [string, EntityType][], string, EntityType][],
  ([text, names, ref, expected]) => {
    const a = resolve(text, names);
    assert.equal(owner(a, ref)?.type, expected, `${ref} in ${text}\n${describe(a)}`);
  },
);
