import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import type { Analysis } from '../document/analysis.js';
import { createDocument } from '../document/document.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { recognizeEntities } from './recognize-entities.js';

const recognize = (text: string): Analysis =>
  new Pipeline([recognizeEntities]).analyze(
    createDocument({ text, bodyOffset: 0, origin: { format: 'text' } }),
  );

const found = (a: Analysis) => a.entities.map((e) => `${e.mentions[0]?.text}/${e.type}`);

table(
  'recognition: names and their types in news sentences',
  [
    ['North Korean leader Kim Jong-un visited Moscow on Friday.', ['Kim Jong-un/PERSON', 'Moscow/GPE']],
    ['The Korean Central News Agency reported the ceremony.', ['Korean Central News Agency/ORG']],
    [
      'Thousands of demonstrators marched through London to protest the war in Iraq.',
      ['London/GPE', 'Iraq/GPE'],
    ],
    [
      'President Barack Obama met Chancellor Angela Merkel in Berlin.',
      ['Barack Obama/PERSON', 'Angela Merkel/PERSON', 'Berlin/GPE'],
    ],
    ['Troops crossed into the Gaza Strip.', ['Gaza Strip/GPE']],
    ['Rain fell across Europe and the Middle East.', ['Europe/LOC', 'Middle East/LOC']],
    ['The U.N. Security Council met on Monday.', ['U.N. Security Council/ORG']],
    ['The Ministry of Defence said it had no comment.', ['Ministry of Defence/ORG']],
    [
      'The Organisation for Security and Cooperation in Europe (OSCE) sent monitors.',
      ['Organisation for Security and Cooperation in Europe/ORG'],
    ],
  ] as const,
  ([text, expected]) => {
    const got = found(recognize(text));
    for (const name of expected) assert.ok(got.includes(name), `expected ${name} in ${JSON.stringify(got)}`);
  },
);

table(
  'recognition: no names where there are none',
  [
    ['They built a new street and a bridge near the old station.'],
    ['The cat sat on the mat and looked at the rain.'],
    ['He said they would come back on Monday morning.'],
    ['Prices rose 3.5 percent in the third quarter.'],
  ] as const,
  ([text]) => assert.deepEqual(found(recognize(text)), [], text),
);

table(
  'recognition rules beside the model: datelines, results tables, name memory, gazetteer',
  [
    ['dateline in capitals', 'LONDON 1996-08-30\nShares fell.', 'LONDON', 'GPE', 'entities/dateline'],
    [
      'results row: clubs are organisations',
      'Results:\nPohang 3 Ulsan 2',
      'Ulsan',
      'ORG',
      'entities/table-row',
    ],
    [
      'a name headed by an event word is an event',
      'The museum honours the Overseas Military Operations of the army.',
      'Overseas Military Operations',
      'EVENT',
      undefined,
    ],
    [
      "a company suffix ends no person's name",
      'Shares in Pirelli SpA rose on Monday.',
      'Pirelli SpA',
      'ORG',
      undefined,
    ],
    [
      'a name headed by a facility word is the site',
      'The orbiter will go on display at the Adler Planetarium Center in Chicago.',
      'Adler Planetarium Center',
      'FAC',
      undefined,
    ],
    [
      'capitalised words closed by a facility word name the street',
      'The leader disclosed a plan to build a new street, naming it Sappyol Street.',
      'Sappyol Street',
      'FAC',
      undefined,
    ],
    [
      'a name before "newspaper" is the publication',
      'The Hong Kong Standard newspaper said the talks had failed.',
      'Hong Kong Standard',
      'ORG',
      'entities/press-name',
    ],
    [
      'a role between an organisation and a person parts them',
      'Cofinec CEO Stephen Frater said sales would rise.',
      'Stephen Frater',
      'PERSON',
      undefined,
    ],
    [
      'a surname alone after the full name',
      'Alexandr Matsegora arrived in the city on Tuesday. Later Matsegora left.',
      'Matsegora',
      'PERSON',
      undefined,
    ],
  ] as const,
  ([, text, name, type, rule]) => {
    const a = recognize(text);
    const mentions = a.entities.filter((e) => e.mentions.some((m) => m.text === name));
    const e = mentions[mentions.length - 1];
    assert.ok(e, `no entity for "${name}" in ${JSON.stringify(found(a))}`);
    assert.equal(e.type, type, `type of "${name}"`);
    if (rule) assert.equal(e.rule, rule, `rule for "${name}"`);
  },
);

table(
  'recognition: a results row needs numbers; a sentence with them is no table',
  [
    ['The team won 3 games and lost 2 in Chicago.', 'Chicago'],
    ['Friday, July 21, 2017\nThe Afghan team won silver.', 'Friday'],
  ] as const,
  ([text, name]) => {
    const e = recognize(text).entities.find((x) => x.mentions.some((m) => m.text === name));
    assert.notEqual(e?.rule, 'entities/table-row', `"${name}" is no team here`);
  },
);

table(
  'recognition: an organisation word inside the name keeps a facility-headed name an organisation',
  [
    ['The University of Texas Medical Center said it would expand.', 'University of Texas Medical Center'],
  ] as const,
  ([text, name]) => {
    const e = recognize(text).entities.find((x) => x.mentions.some((m) => m.text === name));
    assert.equal(e?.type, 'ORG', `"${name}" is an organisation: ${e?.type}`);
  },
);

table(
  "recognition: an office's field, churches, religions, peoples and feasts",
  [
    ['The Secretary of State, John Kerry, spoke.', 'State', undefined],
    ['The Undersecretary for Education visited schools.', 'Education', undefined],
    ['The Catholic Church opposed the tax.', 'Catholic Church', 'ORG'],
    ['Hackers attacked the Church of Scientology on Sunday.', 'Church of Scientology', 'ORG'],
    ["The stampede at Islam's holiest site killed hundreds.", 'Islam', 'NORP'],
    ['Boats carrying Rohingya were turned away.', 'Rohingya', 'NORP'],
    ['Pilgrims gathered for the Hajj near Mecca.', 'Hajj', 'EVENT'],
    // Negative: a demonym before a lower-case organisation word makes no organisation's name.
    ['The boat was towed by Indonesian navy ships.', 'Indonesian navy', undefined],
    // Negative: a church named for a saint is a building.
    ["Crowds gathered outside St. Mary's Church in Boston.", 'Boston', 'GPE'],
    // Negative: a ministry of a field is an organisation.
    ['The Ministry of Defence said it had no comment.', 'Ministry of Defence', 'ORG'],
  ] as const,
  ([text, name, type]) => {
    const got = recognize(text).entities.filter((e) => e.mentions[0]?.text === name);
    assert.deepEqual(
      got.map((e) => e.type),
      type ? [type] : [],
      `${text}: ${name} as ${type ?? 'no name'}, got ${JSON.stringify(found(recognize(text)))}`,
    );
  },
);

table(
  'recognition: craft, laws and fairs are no organisations; a minister of a field before a name is the person',
  [
    [
      'craft before its name',
      'Protesters boarded the vessel Arctic Sunrise near the rig.',
      'Arctic Sunrise',
      'OTHER',
    ],
    ['craft after its name', 'Engineers said the Cassini spacecraft had woken up.', 'Cassini', 'OTHER'],
    ['law', 'Lawyers cited the Freedom of Information Act in court.', 'Freedom of Information Act', 'OTHER'],
    [
      'follower before a name',
      'The site removed a video featuring Scientologist Tom Cruise from YouTube.',
      'Tom Cruise',
      'PERSON',
    ],
    ['hotel', 'Hundreds died when the Al-Ghaza Hotel collapsed near the mosque.', 'Al-Ghaza Hotel', 'FAC'],
    ['fair', 'He was invited to the Google Science Fair in California.', 'Google Science Fair', 'EVENT'],
    ['new year', 'Crowds gathered for the Chinese New Year celebrations.', 'Chinese New Year', 'EVENT'],
    [
      'field of an office',
      'Minister of Education Stefania Giannini said the system would change.',
      'Stefania Giannini',
      'PERSON',
    ],
    // Negative: a place before an office title stays the place.
    ['place before a title', 'The Kenya Minister of Trade spoke in Nairobi.', 'Kenya', 'GPE'],
    // Negative: an organisation the gazetteer knows keeps its type before a craft word.
    ['known organisation', 'Scientists at NASA said the NASA rover had landed.', 'NASA', 'ORG'],
    // Negative: an organisation word among a law word's name makes it the organisation's.
    [
      'no law',
      'The Protocol Department of the Foreign Ministry said so.',
      'Protocol Department of the Foreign Ministry',
      'ORG',
    ],
  ] as const,
  ([title, text, name, type]) => {
    const got = recognize(text).entities.filter((e) => e.mentions[0]?.text === name);
    assert.ok(got.length > 0, `${title}: no ${name} in ${JSON.stringify(found(recognize(text)))}`);
    for (const e of got) assert.equal(e.type, type, `${title}: ${name} as ${e.type}`);
  },
);

table(
  'recognition: one word of field before an office title is no name',
  [
    ['The Home Office confirmed the leak. On Wednesday, Home Secretary Suella Braverman told MPs.', 'Home'],
    ['The Health Ministry and the Health Minister said hospitals were ready.', 'Health'],
  ] as const,
  ([text, field]) => {
    const got = found(recognize(text));
    assert.ok(
      !got.some((n) => n.startsWith(`${field}/`)),
      `${field} is a field, not a name: ${JSON.stringify(got)}`,
    );
  },
);
