import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { contextFor, entity, readDispatch } from '../../test/stage-context.js';
import { sharedPath, table } from '../../test/table.js';
import type { Entity, Event, Quote } from '../document/analysis.js';
import { eventsStage } from './find-events.js';

function eventsOf(text: string, entities: Entity[] = []): readonly Event[] {
  const context = contextFor(text, { published: '2025-10-24', entities });
  eventsStage.run(context);
  return context.layers.events;
}

/** [sentence from news, type family or type expected, trigger text, modality when it matters]. */
const TYPED: readonly (readonly [string, string, string, Event['modality']?])[] = [
  [
    'North Korea has held a groundbreaking ceremony for a memorial museum.',
    'ceremony.groundbreaking',
    'groundbreaking ceremony',
  ],
  [
    'In August, North Korea held a commendation ceremony for its troops.',
    'award.commendation',
    'commendation ceremony',
  ],
  ['Since October last year, North Korea has sent around 15,000 troops to Russia.', 'deployment', 'sent'],
  ['The last group of combatants left for Russia a year ago.', 'deployment.departure', 'left'],
  [
    'He disclosed a plan to build a new street in Pyongyang.',
    'construction.plan',
    'plan to build',
    'planned',
  ],
  ['A monument will be erected as well, Kim noted.', 'construction', 'erected', 'planned'],
  ['The two leaders met in Singapore on Tuesday.', 'meeting', 'met'],
  ['The summit ended without an agreement.', 'meeting.summit', 'summit'],
  ['Foreign ministers will hold talks in Geneva next week.', 'meeting', 'talks'],
  ['The president delivered a speech at the United Nations.', 'statement.speech', 'speech'],
  ['The ministry announced new measures on Monday.', 'statement.announcement', 'announced'],
  ['The prime minister will visit Japan next month.', 'visit', 'visit', 'planned'],
  ['The pope arrived in Baghdad on Friday.', 'visit.arrival', 'arrived'],
  ['The Pentagon deployed 3,000 troops to the region.', 'deployment', 'deployed'],
  ['Moscow began the withdrawal of its forces from the city.', 'deployment.withdrawal', 'withdrawal'],
  ['Russian forces attacked the city overnight.', 'attack', 'attacked'],
  ['An air strike hit a hospital in the north.', 'attack.airstrike', 'air strike'],
  ['Militants shelled the town for three hours.', 'attack.shelling', 'shelled'],
  ['A suicide bombing killed 12 people in Kabul.', 'attack.bombing', 'bombing'],
  ['Troops clashed with protesters near the border.', 'conflict.clash', 'clashed'],
  ['Heavy fighting continued in the east.', 'conflict.clash', 'fighting'],
  ['At least 30 civilians were killed in the attack.', 'casualties.killed', 'killed'],
  ['More than 4,000 troops have been injured.', 'casualties.injured', 'injured'],
  ['Police arrested the suspect on Sunday.', 'arrest', 'arrested'],
  ['Two journalists were detained at the airport.', 'arrest.detention', 'detained'],
  ['Thousands of people joined the protest in the capital.', 'protest', 'protest'],
  ['Workers staged a general strike across the country.', 'protest.strike', 'general strike'],
  ['Supporters held a rally outside parliament.', 'protest.rally', 'rally'],
  ['Voters went to the polls in the presidential election.', 'election', 'election'],
  ['The country will hold a referendum on independence.', 'election.referendum', 'referendum'],
  ['The two countries signed a peace treaty.', 'agreement', 'signed'],
  ['Both sides agreed to a ceasefire.', 'agreement', 'agreed'],
  ['The European Union imposed new sanctions on Russia.', 'sanction', 'sanctions'],
  ['North Korea fired two ballistic missiles into the sea.', 'weapons.launch', 'fired'],
  ['The missile launch was condemned by Seoul.', 'weapons.launch', 'missile launch'],
  ['Pyongyang conducted its sixth nuclear test.', 'weapons.test', 'nuclear test'],
  ['The city will build a new bridge over the river.', 'construction', 'build', 'planned'],
  ['Construction of the dam began in 2019.', 'construction', 'Construction'],
  ['A passenger plane crashed shortly after take-off.', 'accident.crash', 'crashed'],
  ['An explosion ripped through a chemical plant.', 'accident.explosion', 'explosion'],
  ['A powerful earthquake struck central Turkey.', 'disaster.earthquake', 'earthquake'],
  ['Floods have displaced thousands of families.', 'disaster.flood', 'Floods'],
  ['The typhoon made landfall on Sunday.', 'disaster.storm', 'typhoon'],
  ['The trial of the former president opened on Monday.', 'justice.trial', 'trial'],
  ['The court convicted him of bribery.', 'justice.verdict', 'convicted'],
  ['He was sentenced to 15 years in prison.', 'justice.sentence', 'sentenced'],
  ['Prosecutors charged the executive with fraud.', 'justice.charge', 'charged'],
  ['The company filed a lawsuit against Samsung.', 'justice.lawsuit', 'lawsuit'],
  ['The president appointed a new defence minister.', 'personnel.appointment', 'appointed'],
  ['The chief executive resigned on Friday.', 'personnel.resignation', 'resigned'],
  ['The minister stepped down after the scandal.', 'personnel.resignation', 'stepped down'],
  ['The former leader died at the age of 89.', 'death', 'died'],
  ['His death was announced by state media.', 'death', 'death'],
  ['Japan pledged humanitarian aid to the victims.', 'aid', 'humanitarian aid'],
  ['Rescuers evacuated residents from the flooded area.', 'aid.evacuation', 'evacuated'],
  ['Aer Lingus buys twelve new long-haul Airbus jets.', 'trade.purchase', 'buys'],
  ['DaimlerChrysler plans to sell the Chrysler Group.', 'trade.sale', 'sell', 'planned'],
  ['The merger created the largest bank in the region.', 'trade.merger', 'merger'],
  ['The company won a $40 billion contract.', 'trade.contract', 'contract'],
  ['The soldiers were awarded medals for bravery.', 'award', 'awarded'],
  ['The leader commended the troops for their heroism.', 'award.commendation', 'commended'],
  ['Shares fell 5 percent in early trading.', 'change.decrease', 'fell'],
  ['Exports rose for the third straight month.', 'change.increase', 'rose'],
  ['The rebels did not attack the convoy.', 'attack', 'attack', 'negated'],
  ['The army may launch a new offensive.', 'conflict', 'offensive'],
];

table('events: typed triggers', TYPED, ([sentence, type, trigger, modality]) => {
  const events = eventsOf(sentence);
  const hit = events.find((e) => e.trigger.text === trigger);
  assert.ok(
    hit,
    `no event on "${trigger}" in "${sentence}"; got ${JSON.stringify(events.map((e) => [e.type, e.trigger.text]))}`,
  );
  assert.ok(hit.type.startsWith(type), `"${trigger}" is ${hit.type}, expected ${type}`);
  if (modality) assert.equal(hit.modality, modality, `modality of "${trigger}"`);
});

/** [sentence, a word that is not an event trigger there]. */
const UNTYPED: readonly (readonly [string, string])[] = [
  ['The war heroes were honoured.', 'war'],
  ['The fallen troops were remembered.', 'fallen'],
  ['It was demonstrated by the alliance.', 'demonstrated'],
  ['He sent a letter to the president.', 'sent'],
  ['She left the company in 2019.', 'left'],
  ['The company will launch a new phone.', 'launch'],
  ['The talks took place in March.', 'March'],
  ['Officials visited the Memorial Museum of Combat Feats.', 'Combat'],
];

table('events: not triggers', UNTYPED, ([sentence, word]) => {
  const events = eventsOf(sentence);
  assert.ok(
    !events.some((e) => e.trigger.text === word),
    `"${word}" in "${sentence}" is not an event; got ${JSON.stringify(events.map((e) => [e.type, e.trigger.text]))}`,
  );
});

table('events: frames', [['frames']] as const, () => {
  const text = 'In August, North Korea held a ceremony in Pyongyang. He disclosed a plan to build a street.';
  const nk = entity(text, 'nk', 'GPE', 'North Korea');
  const pyongyang = entity(text, 'pyongyang', 'GPE', 'Pyongyang');
  const events = eventsOf(text, [nk, pyongyang]);
  const ceremony = events.find((e) => e.type === 'ceremony');
  assert.ok(ceremony, 'the ceremony');
  assert.equal(ceremony.place, 'pyongyang', 'place after "in"');
  assert.deepEqual(
    ceremony.participants,
    [{ role: 'agent', entity: 'nk' }],
    'the subject of "held" is the agent',
  );
  const plan = events.find((e) => e.type === 'construction.plan');
  assert.ok(
    plan && ceremony.time && plan.time === ceremony.time,
    '"He disclosed" continues the time of the sentence before',
  );
});

table('events: the seed dispatch with hand-made layers', [['seed']] as const, () => {
  const document = readDispatch(readFileSync(sharedPath('gold', '000_4e6a1e8230babff5.txt'), 'utf8'));
  const text = document.text;
  const kim = entity(text, 'kim', 'PERSON', 'Kim Jong-un', ['Kim', 1]);
  const matsegora = entity(text, 'matsegora', 'PERSON', 'Alexandr Matsegora');
  const nkAt = (context: string) => {
    const start = text.indexOf(context) + context.indexOf('North Korea');
    return { start, end: start + 11, text: 'North Korea', kind: 'name' as const };
  };
  const nk: Entity = {
    ...entity(text, 'nk', 'GPE', 'North Korea'),
    mentions: ['North Korea has held', 'North Korea has sent', 'August, North Korea held'].map(nkAt),
  };
  const pyongyang = entity(text, 'pyongyang', 'GPE', 'Pyongyang', ['Pyongyang', 2]);
  const kcna = entity(text, 'kcna', 'ORG', 'Korean Central News Agency');
  const quotes: Quote[] = [];
  const context = contextFor(document, { entities: [kim, matsegora, nk, pyongyang, kcna], quotes });
  eventsStage.run(context);
  const value = (id?: string) => context.layers.times.find((t) => t.id === id)?.value;
  const of = (type: string) => context.layers.events.filter((e) => e.type.includes(type));
  const ground = of('groundbreaking')[0];
  assert.equal(
    value(ground?.time),
    '2025-10-23',
    'the ceremony was "the previous day", told in the next sentence',
  );
  assert.equal(ground?.place, 'pyongyang');
  assert.ok(
    ground?.participants.some((p) => p.entity === 'kim' && p.role === 'attendee'),
    'Kim attended',
  );
  assert.ok(
    ground?.participants.some((p) => p.entity === 'matsegora'),
    'Matsegora attended the ceremony',
  );
  const sent = of('deployment').find((e) => e.trigger.text === 'sent');
  assert.equal(value(sent?.time), '2024-10');
  assert.ok(
    sent?.participants.some((p) => p.entity === 'nk' && p.role === 'agent'),
    'North Korea sent the troops',
  );
  const commendation = of('commendation')[0];
  assert.equal(value(commendation?.time), '2025-08');
  assert.ok(commendation?.participants.some((p) => p.entity === 'nk'));
  const plan = of('construction.plan')[0];
  assert.equal(value(plan?.time), '2025-08', 'the plan inherits the time of the commendation ceremony');
  assert.equal(plan?.place, 'pyongyang');
  assert.equal(plan?.modality, 'planned');
  const left = of('departure')[0];
  assert.equal(value(left?.time), '2024-10-23', '"one year ago from today" in the quote');
});

table(
  'a sentence too long to read whole at each trigger gives each of its clauses the events it gives alone',
  [
    ['Kim visited Seoul on Monday', ['Kim', 'Seoul']],
    ['police arrested Smith in Busan on Friday', ['Smith', 'Busan']],
    ['the ministry said Kim held a meeting in Seoul with Smith present', ['Kim', 'Seoul', 'Smith']],
  ] as const,
  ([clause, names]) => {
    const copies = 30;
    /** The events of `copies` copies of the clause in one sentence, read by the names of their places and participants. */
    const readAll = (n: number) => {
      const text = `${Array.from({ length: n }, () => clause).join(', and ')}.`;
      const entities = names.map((name) =>
        entity(
          text,
          name,
          name === 'Seoul' || name === 'Busan' ? 'GPE' : 'PERSON',
          ...Array.from({ length: n }, (_, k) => [name, k] as const),
        ),
      );
      return eventsOf(text, entities).map((e) =>
        [
          e.type,
          e.trigger.text,
          e.place,
          e.participants.map((p) => `${p.role}:${p.entity}`).join(' '),
          e.time ? 'dated' : 'undated',
          e.modality,
        ].join('|'),
      );
    };
    const alone = readAll(1);
    assert.ok(alone.length > 0, `"${clause}" alone gives an event`);
    const long = readAll(copies);
    assert.equal(long.length, alone.length * copies, `${copies} copies of the events of "${clause}"`);
    for (let n = 0; n < copies; n++)
      assert.deepEqual(
        long.slice(n * alone.length, (n + 1) * alone.length),
        alone,
        `copy ${n + 1} of "${clause}" in one long sentence`,
      );
  },
);
