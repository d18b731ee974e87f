import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { TextLayer } from '../text/text-layer.js';
import { findQuantities, type Quantity } from './quantities.js';

type Expect = Partial<Pick<Quantity, 'value' | 'low' | 'high' | 'unit' | 'approx' | 'kind'>> & {
  span: string;
};

/** [sentence from news, the quantity expected in it]: value, approximation, unit and the span it covers. */
const FOUND: readonly (readonly [string, Expect])[] = [
  [
    'North Korea has sent around 15,000 troops to participate in the war.',
    { span: 'around 15,000 troops', value: 15000, approx: 'about', unit: 'troops' },
  ],
  [
    'The agency said some 600 North Korean soldiers are believed to have been killed.',
    { span: 'some 600 North Korean soldiers', value: 600, approx: 'about', unit: 'soldiers' },
  ],
  [
    'More than 4,000 North Korean troops have also been injured.',
    { span: 'More than 4,000 North Korean troops', value: 4000, approx: 'more-than', unit: 'troops' },
  ],
  [
    'At least 12 people were killed in the blast.',
    { span: 'At least 12 people', value: 12, approx: 'at-least', unit: 'people' },
  ],
  [
    'The ferry can carry up to 300 passengers.',
    { span: 'up to 300 passengers', value: 300, approx: 'up-to', unit: 'passengers' },
  ],
  [
    'Nearly 1 million people have fled the fighting.',
    { span: 'Nearly 1 million people', value: 1e6, approx: 'less-than', unit: 'people' },
  ],
  [
    'Police detained between 10 and 20 protesters.',
    {
      span: 'between 10 and 20 protesters',
      value: 10,
      low: 10,
      high: 20,
      approx: 'range',
      unit: 'protesters',
    },
  ],
  [
    'Dozens of people gathered outside the embassy.',
    { span: 'Dozens of people', value: 24, low: 24, high: 99, approx: 'at-least', unit: 'people' },
  ],
  [
    'Hundreds of residents were evacuated.',
    { span: 'Hundreds of residents', value: 200, approx: 'at-least', unit: 'residents' },
  ],
  [
    'Tens of thousands of refugees crossed the border.',
    {
      span: 'Tens of thousands of refugees',
      value: 20000,
      low: 20000,
      high: 99999,
      approx: 'at-least',
      unit: 'refugees',
    },
  ],
  [
    'A third of the troops were redeployed.',
    { span: 'A third of the troops', value: 1 / 3, unit: 'fraction', kind: 'fraction' },
  ],
  [
    'The government pledged $3.5 billion in aid.',
    { span: '$3.5 billion', value: 3.5e9, unit: 'USD', kind: 'money' },
  ],
  [
    'The budget sets aside 1.2 trillion won for defence.',
    { span: '1.2 trillion won', value: 1.2e12, unit: 'KRW', kind: 'money' },
  ],
  [
    'Exports rose 15 percent from a year earlier.',
    { span: '15 percent', value: 15, unit: 'percent', kind: 'percent' },
  ],
  ['Twenty-five people were injured.', { span: 'Twenty-five people', value: 25, unit: 'people' }],
  ['Two million people live in the city.', { span: 'Two million people', value: 2e6, unit: 'people' }],
  ['The firm will cut 13,000 jobs.', { span: '13,000 jobs', value: 13000, unit: 'jobs' }],
  [
    'Chrysler wants to eliminate 789 dealerships.',
    { span: '789 dealerships', value: 789, unit: 'dealerships' },
  ],
  ['GM plans to close 1,100 dealerships.', { span: '1,100 dealerships', value: 1100, unit: 'dealerships' }],
  ['Ford posted a $2.7 billion annual profit.', { span: '$2.7 billion', value: 2.7e9, unit: 'USD' }],
  [
    'Australia announced a 52.5 million dollar package.',
    { span: '52.5 million dollar', value: 52.5e6, unit: 'USD' },
  ],
  ['Ford offered 78 million euros for the plant.', { span: '78 million euros', value: 78e6, unit: 'EUR' }],
  ['The contract is worth US$40 billion.', { span: 'US$40 billion', value: 40e9, unit: 'USD' }],
  ['The port cost HK$3 billion to build.', { span: 'HK$3 billion', value: 3e9, unit: 'HKD' }],
  [
    'Seoul set aside KRW 500 billion for the plan.',
    { span: 'KRW 500 billion', value: 500e9, unit: 'KRW', kind: 'money' },
  ],
  ['The index fell 2.5% on Monday.', { span: '2.5%', value: 2.5, unit: 'percent' }],
  ['Unemployment rose to 8.1 per cent.', { span: '8.1 per cent', value: 8.1, unit: 'percent' }],
  [
    'The rate was cut by 0.25 percentage points.',
    { span: '0.25 percentage points', value: 0.25, unit: 'percent' },
  ],
  [
    'About 200 soldiers were deployed to the border.',
    { span: 'About 200 soldiers', value: 200, approx: 'about' },
  ],
  [
    'Roughly 40 percent of voters backed the plan.',
    { span: 'Roughly 40 percent', value: 40, approx: 'about', unit: 'percent' },
  ],
  [
    'Approximately 3,500 workers went on strike.',
    { span: 'Approximately 3,500 workers', value: 3500, approx: 'about' },
  ],
  [
    'An estimated 5,000 people attended the rally.',
    { span: 'An estimated 5,000 people', value: 5000, approx: 'about' },
  ],
  [
    'Over 300 flights were cancelled.',
    { span: 'Over 300 flights', value: 300, approx: 'more-than', unit: 'flights' },
  ],
  ['Fewer than 50 people turned up.', { span: 'Fewer than 50 people', value: 50, approx: 'less-than' }],
  [
    'Less than 10 percent of the aid arrived.',
    { span: 'Less than 10 percent', value: 10, approx: 'less-than' },
  ],
  [
    'No fewer than 7 ministers resigned.',
    { span: 'No fewer than 7 ministers', value: 7, approx: 'at-least' },
  ],
  [
    'No more than 20 journalists were allowed in.',
    { span: 'No more than 20 journalists', value: 20, approx: 'at-most' },
  ],
  ['At most 100 guests will attend.', { span: 'At most 100 guests', value: 100, approx: 'at-most' }],
  ['As many as 2,000 homes lost power.', { span: 'As many as 2,000 homes', value: 2000, approx: 'up-to' }],
  [
    'Almost 90 percent of the town was destroyed.',
    { span: 'Almost 90 percent', value: 90, approx: 'less-than' },
  ],
  ['Close to 700 people signed the petition.', { span: 'Close to 700 people', value: 700, approx: 'about' }],
  [
    'In excess of 1,000 migrants were rescued.',
    { span: 'In excess of 1,000 migrants', value: 1000, approx: 'more-than' },
  ],
  [
    'Upwards of 60 vehicles were damaged.',
    { span: 'Upwards of 60 vehicles', value: 60, approx: 'more-than' },
  ],
  ['Well over 100 people were arrested.', { span: 'Well over 100 people', value: 100, approx: 'more-than' }],
  [
    'From 300 to 400 soldiers were involved.',
    { span: '300 to 400 soldiers', value: 300, low: 300, high: 400, approx: 'range' },
  ],
  [
    'Officials expect 3 to 5 million barrels a day.',
    { span: '3 to 5 million barrels', value: 3e6, high: 5e6, approx: 'range' },
  ],
  [
    'Between $2 billion and $3 billion was spent.',
    { span: 'Between $2 billion and $3 billion', value: 2e9, high: 3e9, approx: 'range' },
  ],
  ['Two or three people were hurt.', { span: 'Two or three people', value: 2, high: 3, approx: 'range' }],
  ['A dozen protesters were arrested.', { span: 'A dozen protesters', value: 12 }],
  ['A hundred villagers fled.', { span: 'A hundred villagers', value: 100 }],
  ['Thousands of people marched in Seoul.', { span: 'Thousands of people', value: 2000, approx: 'at-least' }],
  ['Millions of viewers watched the debate.', { span: 'Millions of viewers', value: 2e6 }],
  [
    'Hundreds of thousands of people took to the streets.',
    { span: 'Hundreds of thousands of people', value: 200000 },
  ],
  [
    'Two-thirds of the members voted in favour.',
    { span: 'Two-thirds of the members', value: 2 / 3, kind: 'fraction' },
  ],
  ['Half of the houses were flooded.', { span: 'Half of the houses', value: 0.5, kind: 'fraction' }],
  ['Seven people died in the fire.', { span: 'Seven people', value: 7 }],
  ['Forty-two miners were trapped.', { span: 'Forty-two miners', value: 42 }],
  [
    'The company sold 1.2 million vehicles.',
    { span: '1.2 million vehicles', value: 1.2e6, unit: 'vehicles' },
  ],
  ['The fine was 500 million yen.', { span: '500 million yen', value: 500e6, unit: 'JPY' }],
  ['China pledged 10 billion yuan.', { span: '10 billion yuan', value: 10e9, unit: 'CNY' }],
  ['The club paid £80 million for the striker.', { span: '£80 million', value: 80e6, unit: 'GBP' }],
  ['The EU approved €1.5bn in loans.', { span: '€1.5bn', value: 1.5e9, unit: 'EUR' }],
  ['Russia fired 120 missiles overnight.', { span: '120 missiles', value: 120, unit: 'missiles' }],
  ['The quake killed 2,300 people.', { span: '2,300 people', value: 2300, unit: 'people' }],
  ['Some 2,000 riot police were deployed.', { span: 'Some 2,000 riot police', value: 2000, unit: 'police' }],
  [
    'About 30 wounded soldiers were evacuated.',
    { span: 'About 30 wounded soldiers', value: 30, unit: 'soldiers' },
  ],
  ['The storm destroyed 450 homes.', { span: '450 homes', value: 450, unit: 'homes' }],
  ['Shares jumped 7.3 percent.', { span: '7.3 percent', value: 7.3 }],
  ['Turnout was 66.2%.', { span: '66.2%', value: 66.2 }],
  ['No one was killed in the attack.', { span: 'No one', value: 0 }],
  ['Nobody was hurt.', { span: 'Nobody', value: 0 }],
  ['The death toll rose to 90.', { span: '90', value: 90 }],
  ['Prices fell by 3 percent in March.', { span: '3 percent', value: 3 }],
  ['Under 5 percent of the budget goes to aid.', { span: 'Under 5 percent', value: 5, approx: 'less-than' }],
  ['It costs $12,500 a year.', { span: '$12,500', value: 12500, unit: 'USD' }],
  ['A $700bn rescue plan was approved.', { span: '$700bn', value: 700e9, unit: 'USD' }],
  ['The fund holds 45 billion rubles.', { span: '45 billion rubles', value: 45e9, unit: 'RUB' }],
  [
    'Around 80 North Korean defectors arrived.',
    { span: 'Around 80 North Korean defectors', value: 80, unit: 'defectors' },
  ],
  ['The army mobilised 150,000 reservists.', { span: '150,000 reservists', value: 150000 }],
  ['Sales were down 40 percent from 2008.', { span: '40 percent', value: 40 }],
  ['The plant employs 2,900 workers.', { span: '2,900 workers', value: 2900, unit: 'workers' }],
  [
    'A quarter of the staff were laid off.',
    { span: 'A quarter of the staff', value: 0.25, kind: 'fraction' },
  ],
  ['Sixty percent of respondents agreed.', { span: 'Sixty percent', value: 60, unit: 'percent' }],
  ['Scores of houses were burned.', { span: 'Scores of houses', value: 40 }],
  ['The airline ordered 179 aircraft.', { span: '179 aircraft', value: 179, unit: 'aircraft' }],
  ['He paid 5 constructor fees.', { span: '5 constructor fees', value: 5, unit: 'fees' }],
];

/** [sentence, a stretch in it that holds no quantity]: years, ages, phones, ordinals, pages, dates, labels. */
const NOT_FOUND: readonly (readonly [string, string])[] = [
  ['The war began in 2022.', '2022'],
  ['In 1950, the war broke out.', '1950'],
  ['A 32-year-old man was arrested.', '32-year-old'],
  ['The suspect, aged 55, was released.', '55'],
  ['Kim, 32, said he was innocent.', '32'],
  ['Call 555-1234 for details.', '555-1234'],
  ['The hotline is 02 3456 7890.', '02 3456 7890'],
  ['Dial +82 2 123 4567 now.', '+82 2 123 4567'],
  ['It was the 3rd time this year.', '3rd'],
  ['She finished 21st in the race.', '21st'],
  ['He was the third person to speak.', 'third'],
  ['The report is on page 5.', '5'],
  ['See pp. 12-14 of the report.', '12-14'],
  ['The ceremony was held on October 24.', '24'],
  ['The ceremony was held on 24 October.', '24'],
  ['Talks resume Oct. 3 in Geneva.', '3'],
  ['The meeting starts at 10:30.', '10:30'],
  ['The market closes at 3 p.m. local time.', '3'],
  ['He is ranked No. 1 in the world.', '1'],
  ['The song reached number 1 on the charts.', '1'],
  ['Article 9 of the constitution bans war.', '9'],
  ['The Boeing 737 jets were grounded.', '737'],
  ['Flight 370 disappeared in 2014.', '370'],
  ['He served 15 years in prison.', '15 years'],
  ['The talks lasted three days.', 'three days'],
  ['One of the soldiers was wounded.', 'One'],
  ['Prices peaked in the 1990s.', '1990s'],
  ['The 2025-10-24 dispatch was late.', '2025-10-24'],
  ['The court upheld the ruling on 12/10/2024.', '12/10/2024'],
  ['The 15-member council met on Tuesday.', '15-member'],
  // Words that name properties of every JavaScript object are words, not numbers or scales.
  ['A constructor of bridges was hired.', 'A constructor of bridges'],
];

table('quantities: found', FOUND, ([sentence, expected]) => {
  const layer = new TextLayer(sentence);
  const found = findQuantities(layer.tokens, 0, layer.tokens.count);
  const q = found.find((x) => sentence.slice(x.start, x.end) === expected.span);
  assert.ok(
    q,
    `expected "${expected.span}" in "${sentence}", found ${JSON.stringify(found.map((x) => sentence.slice(x.start, x.end)))}`,
  );
  for (const key of ['value', 'low', 'high', 'unit', 'approx', 'kind'] as const) {
    if (expected[key] === undefined) continue;
    const got: unknown = q[key];
    const want = expected[key];
    if (typeof want === 'number')
      assert.ok(Math.abs((got as number) - want) < 1e-9, `${key} of "${expected.span}": ${got} != ${want}`);
    else assert.equal(got, want, `${key} of "${expected.span}"`);
  }
});

table('quantities: not amounts', NOT_FOUND, ([sentence, stretch]) => {
  const layer = new TextLayer(sentence);
  const at = sentence.indexOf(stretch);
  const found = findQuantities(layer.tokens, 0, layer.tokens.count).filter(
    (q) => q.start < at + stretch.length && at < q.end,
  );
  assert.deepEqual(
    found.map((q) => sentence.slice(q.start, q.end)),
    [],
    `"${stretch}" in "${sentence}" is not an amount`,
  );
});
