import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { contextFor, entity, find } from '../../test/stage-context.js';
import { sharedPath, table } from '../../test/table.js';
import type { Claim, Quote } from '../document/analysis.js';
import { claimsStage } from './find-claims.js';

interface Expect {
  readonly value: number;
  readonly predicate: string;
  readonly approx?: Claim['quantity']['approx'];
  readonly certainty?: Claim['certainty'];
  readonly subject?: string;
  /** Entity id of the source; null: no source (the publisher). */
  readonly source?: string | null;
  /** The clause span must contain this. */
  readonly clause?: string;
}

function claimsOf(
  text: string,
  entities: [string, 'PERSON' | 'ORG' | 'GPE', string][] = [],
  quotes: Quote[] = [],
) {
  const context = contextFor(text, {
    published: '2025-10-24',
    entities: entities.map(([id, type, surface]) => entity(text, id, type, surface)),
    quotes,
  });
  claimsStage.run(context);
  return context.layers.claims;
}

function check(claims: readonly Claim[], want: Expect, where: string): void {
  const c = claims.find((x) => x.quantity.value === want.value);
  assert.ok(
    c,
    `${where}: no claim of ${want.value}; got ${JSON.stringify(claims.map((x) => [x.quantity.value, x.predicate]))}`,
  );
  assert.equal(c.predicate, want.predicate, `${where}: predicate of ${want.value}`);
  if (want.approx) assert.equal(c.quantity.approx, want.approx, `${where}: approximation of ${want.value}`);
  assert.equal(c.certainty, want.certainty ?? 'asserted', `${where}: certainty of ${want.value}`);
  if (want.subject) assert.equal(c.subject, want.subject, `${where}: subject of ${want.value}`);
  if (want.source !== undefined)
    assert.equal(c.source, want.source ?? undefined, `${where}: source of ${want.value}`);
  if (want.clause)
    assert.ok(c.text.includes(want.clause), `${where}: clause "${c.text}" should hold "${want.clause}"`);
}

type Row = readonly [string, Expect, [string, 'PERSON' | 'ORG' | 'GPE', string][]?];

const ROWS: readonly Row[] = [
  [
    'At least 12 people were killed when a bus crashed on Monday.',
    { value: 12, predicate: 'killed', approx: 'at-least', subject: 'people' },
  ],
  [
    'The attack reportedly killed 30 civilians.',
    { value: 30, predicate: 'killed', certainty: 'reported', subject: 'civilians' },
  ],
  [
    'Some 600 soldiers are believed to have been killed.',
    { value: 600, predicate: 'killed', certainty: 'believed', approx: 'about' },
  ],
  ['An estimated 5,000 people fled the town.', { value: 5000, predicate: 'fled', certainty: 'estimated' }],
  ['Rebels allegedly executed 40 prisoners.', { value: 40, predicate: 'executed', certainty: 'alleged' }],
  [
    'Rebels may have captured more than 500 soldiers.',
    { value: 500, predicate: 'captured', certainty: 'possible', approx: 'more-than' },
  ],
  [
    'The ministry denied that 200 protesters were detained.',
    { value: 200, predicate: 'detained', certainty: 'denied', source: 'ministry' },
    [['ministry', 'ORG', 'The ministry']],
  ],
  ['No one was killed in the attack.', { value: 0, predicate: 'killed' }],
  [
    'Troops did not fire 20 shells, the army said.',
    { value: 20, predicate: 'not fire', source: 'army' },
    [['army', 'ORG', 'the army']],
  ],
  [
    'The company raised $3.5 billion from investors.',
    { value: 3.5e9, predicate: 'raised', subject: 'The company' },
  ],
  ['Exports fell 15 percent in September.', { value: 15, predicate: 'fell', subject: 'Exports' }],
  ['The death toll rose to 90 on Tuesday.', { value: 90, predicate: 'rose', subject: 'The death toll' }],
  [
    'Russia has deployed up to 300 tanks near the border.',
    { value: 300, predicate: 'deployed', approx: 'up-to', source: null },
    [['russia', 'GPE', 'Russia']],
  ],
  [
    'According to the UN, more than 1,000 civilians have died.',
    { value: 1000, predicate: 'died', source: 'un' },
    [['un', 'ORG', 'UN']],
  ],
  [
    'More than 2,000 people were injured, police said.',
    { value: 2000, predicate: 'injured', source: 'police' },
    [['police', 'ORG', 'police']],
  ],
  [
    'Seoul said North Korea had sent about 3,000 more troops.',
    { value: 3000, predicate: 'sent', source: 'seoul' },
    [
      ['seoul', 'GPE', 'Seoul'],
      ['nk', 'GPE', 'North Korea'],
    ],
  ],
  [
    'Hundreds of villagers were displaced by the floods.',
    { value: 200, predicate: 'displaced', approx: 'at-least' },
  ],
  ['The government will send 1,500 engineers to the region.', { value: 1500, predicate: 'send' }],
  ['Two people died and 15 others were injured.', { value: 15, predicate: 'injured' }],
  [
    'Police arrested 47 people after the match.',
    { value: 47, predicate: 'arrested', clause: 'Police arrested 47 people' },
  ],
];

table('claims: news sentences', ROWS, ([text, want, entities]) =>
  check(claimsOf(text, entities), want, text),
);

table(
  'claims: not claims',
  [
    ['The war began in 2022 and ended in 2024.'],
    ['A 32-year-old man was arrested on October 24.'],
    ['Call 555-1234 or see page 5.'],
    ['He finished 3rd in the race.'],
    ['Kim, 55, met the delegation.'],
  ] as const,
  ([text]) =>
    assert.deepEqual(
      claimsOf(text).map((c) => c.text),
      [],
      `no claims in "${text}"`,
    ),
);

table('claims: a quote gives its speaker and relays', [['the quote']] as const, () => {
  const text = 'The ministry said more than 40 soldiers were wounded.';
  const content = find(text, 'more than 40 soldiers were wounded');
  const quote: Quote = {
    ...content,
    kind: 'indirect',
    speaker: 'ministry',
    via: ['agency'],
    rule: 'test/hand',
  };
  const [c] = claimsOf(text, [['ministry', 'ORG', 'The ministry']], [quote]);
  assert.equal(c?.source, 'ministry');
  assert.deepEqual(c?.via, ['agency']);
});

table('claims: the seed dispatch', [['seed']] as const, () => {
  const text = readFileSync(sharedPath('gold', '000_4e6a1e8230babff5.txt'), 'utf8');
  const claims = claimsOf(text, [
    ['nis', 'ORG', "South Korea's spy agency"],
    ['sk', 'GPE', 'South Korea'],
  ]);
  check(
    claims,
    { value: 15000, predicate: 'sent', approx: 'about', source: null, clause: 'around 15,000 troops' },
    'seed',
  );
  check(
    claims,
    {
      value: 600,
      predicate: 'killed',
      approx: 'about',
      certainty: 'believed',
      source: 'nis',
      subject: 'North Korean soldiers',
    },
    'seed',
  );
  check(
    claims,
    {
      value: 4000,
      predicate: 'injured',
      approx: 'more-than',
      source: 'nis',
      clause: 'more than 4,000 North Korean troops',
    },
    'seed',
  );
  assert.equal(
    claims.length,
    3,
    `only three claims in the seed, got ${JSON.stringify(claims.map((c) => c.text))}`,
  );
});
