import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import fc from 'fast-check';
import { sharedPath, table } from '../../test/table.js';
import type { Quote } from '../document/analysis.js';
import { createDocument } from '../document/document.js';
import type { StageContext } from '../pipeline/stage.js';
import { TextLayer } from '../text/text-layer.js';
import { tagTimeResults, tagTimes, timeStage } from './tag-times.js';

// [sentence, reference (publication date), expected span text, type, value, mod?]
type Row = readonly [string, string, string, string, string, string?];

const FRI = '2025-10-24'; // a Friday
const TB = '1989-10-26'; // a Thursday, in the middle of earnings season

const rows: readonly Row[] = [
  // weekdays: past in news, future with "will"
  ['State media reported Friday.', FRI, 'Friday', 'DATE', '2025-10-24'],
  ['The talks ended Tuesday.', FRI, 'Tuesday', 'DATE', '2025-10-21'],
  ['He arrived on Monday.', FRI, 'Monday', 'DATE', '2025-10-20'],
  ['The vote was held Sunday.', FRI, 'Sunday', 'DATE', '2025-10-19'],
  ['The ministers met Thursday in Seoul.', FRI, 'Thursday', 'DATE', '2025-10-23'],
  ['The ministers will meet Wednesday.', FRI, 'Wednesday', 'DATE', '2025-10-29'],
  ['He said last Friday that it was over.', FRI, 'last Friday', 'DATE', '2025-10-17'],
  ['They will vote next Tuesday.', FRI, 'next Tuesday', 'DATE', '2025-10-28'],
  ['Shots were heard Tuesday morning.', FRI, 'Tuesday morning', 'TIME', '2025-10-21TMO'],
  ['Fighting resumed Sunday night.', FRI, 'Sunday night', 'TIME', '2025-10-19TNI'],
  ['The ceremony took place Wednesday afternoon.', FRI, 'Wednesday afternoon', 'TIME', '2025-10-22TAF'],
  ['Shares fell early Tuesday.', FRI, 'early Tuesday', 'DATE', '2025-10-21', 'START'],
  // today, yesterday, tomorrow, tonight
  ['The president spoke today.', FRI, 'today', 'DATE', '2025-10-24'],
  ['The bill passed yesterday.', FRI, 'yesterday', 'DATE', '2025-10-23'],
  ['The court rules tomorrow.', FRI, 'tomorrow', 'DATE', '2025-10-25'],
  ['The match is tonight.', FRI, 'tonight', 'DATE', '2025-10-24'],
  ['Rain fell last night.', FRI, 'last night', 'TIME', '2025-10-23TNI'],
  ['He resigned this morning.', FRI, 'this morning', 'TIME', '2025-10-24TMO'],
  ['Troops withdrew yesterday afternoon.', FRI, 'yesterday afternoon', 'TIME', '2025-10-23TAF'],
  ['Markets rallied late yesterday.', FRI, 'late yesterday', 'DATE', '2025-10-23', 'END'],
  ['Earlier today, the minister resigned.', FRI, 'Earlier today', 'DATE', '2025-10-24', 'START'],
  // story-relative days
  [
    'State media reported Friday. The North held the ceremony the previous day.',
    FRI,
    'the previous day',
    'DATE',
    '2025-10-23',
  ],
  ['The storm hit on Oct. 10. The next day, roads were closed.', FRI, 'The next day', 'DATE', '2025-10-11'],
  [
    'The storm hit on Oct. 10. Two days later, roads were closed.',
    FRI,
    'Two days later',
    'DATE',
    '2025-10-12',
  ],
  [
    'The deal was signed on Monday. The following day the shares rose.',
    FRI,
    'The following day',
    'DATE',
    '2025-10-21',
  ],
  ['He was arrested on March 3 and charged the day before.', FRI, 'March 3', 'DATE', '2025-03-03'],
  ['The fire started on Oct. 5 and was put out that day.', FRI, 'that day', 'DATE', '2025-10-05'],
  // month and day
  ['The law took effect Oct. 24.', FRI, 'Oct. 24', 'DATE', '2025-10-24'],
  ['The law takes effect October 24, 2025.', FRI, 'October 24, 2025', 'DATE', '2025-10-24'],
  ['The law took effect 24 October.', FRI, '24 October', 'DATE', '2025-10-24'],
  ['The law took effect 24 October 2024.', FRI, '24 October 2024', 'DATE', '2024-10-24'],
  ['It was signed on the 3rd of March.', FRI, 'the 3rd of March', 'DATE', '2025-03-03'],
  ['The dividend is payable Dec. 15 to holders of record Nov. 17.', FRI, 'Dec. 15', 'DATE', '2025-12-15'],
  ['The dividend is payable Dec. 15 to holders of record Nov. 17.', FRI, 'Nov. 17', 'DATE', '2025-11-17'],
  ['The offer expires Jan. 14.', '1999-12-20', 'Jan. 14', 'DATE', '2000-01-14'],
  ['The plan was announced Aug. 21.', FRI, 'Aug. 21', 'DATE', '2025-08-21'],
  ['The summit will be held on Sept. 3.', FRI, 'Sept. 3', 'DATE', '2026-09-03'],
  ['Trading resumed Sept. 30, 1989.', FRI, 'Sept. 30, 1989', 'DATE', '1989-09-30'],
  ['The report is dated 2025-10-20.', FRI, '2025-10-20', 'DATE', '2025-10-20'],
  ['The report is dated 10/20/2025.', FRI, '10/20/2025', 'DATE', '2025-10-20'],
  ['Friday, Oct. 24 was chosen.', FRI, 'Friday, Oct. 24', 'DATE', '2025-10-24'],
  ['The deadline is around Nov. 1.', FRI, 'around Nov. 1', 'DATE', '2025-11-01', 'APPROX'],
  // month names
  ['In August, North Korea held a ceremony.', FRI, 'August', 'DATE', '2025-08'],
  ['In December, the plant will open.', FRI, 'December', 'DATE', '2025-12'],
  ['The plant will open in February.', FRI, 'February', 'DATE', '2026-02'],
  ['Prices rose in January.', FRI, 'January', 'DATE', '2025-01'],
  ['Since October last year, North Korea has sent troops.', FRI, 'October last year', 'DATE', '2024-10'],
  ['The accord was reached in October 2024.', FRI, 'October 2024', 'DATE', '2024-10'],
  ['The accord was reached in June of 2019.', FRI, 'June of 2019', 'DATE', '2019-06'],
  ['Elections are set for March next year.', FRI, 'March next year', 'DATE', '2026-03'],
  ['Sales fell last April.', FRI, 'last April', 'DATE', '2025-04'],
  ['Sales fell last October.', FRI, 'last October', 'DATE', '2024-10'],
  ['Output will rise next August.', FRI, 'next August', 'DATE', '2026-08'],
  ['The treaty was signed in May 1998.', FRI, 'May 1998', 'DATE', '1998-05'],
  ['Talks will resume in May.', FRI, 'May', 'DATE', '2026-05'],
  ['Results are due in mid-November.', FRI, 'mid-November', 'DATE', '2025-11', 'MID'],
  ['The plant closed in early December.', '2000-01-06', 'early December', 'DATE', '1999-12', 'START'],
  ['The plant closed in late November.', '2000-01-06', 'late November', 'DATE', '1999-11', 'END'],
  ['The contract ends at the end of November.', FRI, 'the end of November', 'DATE', '2025-11', 'END'],
  ['It started at the beginning of October.', FRI, 'the beginning of October', 'DATE', '2025-10', 'START'],
  // years, decades, centuries
  ['The company was founded in 1990.', FRI, '1990', 'DATE', '1990'],
  ['Sales peaked in 2019 and fell.', FRI, '2019', 'DATE', '2019'],
  ['Profit in fiscal 1989 rose.', TB, 'fiscal 1989', 'DATE', '1989'],
  ['The boom of the 1990s is over.', FRI, 'the 1990s', 'DATE', '199'],
  ['The boom of the early 1980s is over.', FRI, 'the early 1980s', 'DATE', '198', 'START'],
  ['Prices rose in the mid-1990s.', FRI, 'the mid-1990s', 'DATE', '199', 'MID'],
  ["It was a hit in the '80s.", FRI, "the '80s", 'DATE', '198'],
  ['It was the bloodiest war of the 20th century.', FRI, 'the 20th century', 'DATE', '19'],
  ['It will shape the twenty-first century.', FRI, 'the twenty-first century', 'DATE', '20'],
  ['Prices stabilised in mid-1996.', FRI, 'mid-1996', 'DATE', '1996', 'MID'],
  ['Growth should return in early 1990.', TB, 'early 1990', 'DATE', '1990', 'START'],
  ['The plan runs until 1994 or later.', TB, '1994 or later', 'DATE', '1994', 'ON_OR_AFTER'],
  ['The tax was passed in nineteen ninety-six.', FRI, 'nineteen ninety-six', 'DATE', '1996'],
  [
    'Unemployment will be halved by the year two thousand.',
    '1998-02-05',
    'the year two thousand',
    'DATE',
    '2000',
  ],
  // relative units
  ['The talks collapsed last week.', '2013-03-22', 'last week', 'DATE', '2013-W11'],
  ['Officials met last week.', FRI, 'last week', 'DATE', '2025-W42'],
  ['The vote is this week.', FRI, 'this week', 'DATE', '2025-W43'],
  ['The vote is next week.', FRI, 'next week', 'DATE', '2025-W44'],
  ['Sales rose this year.', FRI, 'this year', 'DATE', '2025'],
  ['Sales rose last year.', FRI, 'last year', 'DATE', '2024'],
  ['Sales will rise next year.', FRI, 'next year', 'DATE', '2026'],
  ['Prices will rise next month.', FRI, 'next month', 'DATE', '2025-11'],
  ['Prices rose last month.', FRI, 'last month', 'DATE', '2025-09'],
  ['Prices rose this month.', FRI, 'this month', 'DATE', '2025-10'],
  ['Profit rose in the past year.', FRI, 'the past year', 'DATE', '2024'],
  ['Sales rose earlier this year.', FRI, 'earlier this year', 'DATE', '2025', 'START'],
  ['Sales will pick up early next year.', FRI, 'early next year', 'DATE', '2026', 'START'],
  [
    'The agency said earlier this month that prices rose.',
    FRI,
    'earlier this month',
    'DATE',
    '2025-10',
    'START',
  ],
  ['The funds are due by the end of the year.', FRI, 'the end of the year', 'DATE', '2025', 'END'],
  ['Sales were strong in the current quarter.', TB, 'the current quarter', 'DATE', '1989-Q4'],
  ['Sales fell in the latest quarter.', TB, 'the latest quarter', 'DATE', '1989-Q3'],
  ['Traders squared positions before the weekend.', TB, 'the weekend', 'DATE', '1989-W42-WE'],
  ['Markets were quiet last weekend.', FRI, 'last weekend', 'DATE', '2025-W42-WE'],
  ['Late last week, the report was out.', TB, 'Late last week', 'DATE', '1989-W42', 'END'],
  ['The harvest was poor this summer.', FRI, 'this summer', 'DATE', '2025-SU'],
  ['The harvest was poor last spring.', FRI, 'last spring', 'DATE', '2025-SP'],
  ['The talks will resume in the spring of 2026.', FRI, 'the spring of 2026', 'DATE', '2026-SP'],
  ['The session opens in the fall.', FRI, 'the fall', 'DATE', '2025-FA'],
  ['Prices rose over the past decade.', FRI, 'the past decade', 'DURATION', 'P10Y'],
  // quarters and halves
  ['Profit rose in the third quarter.', TB, 'the third quarter', 'DATE', '1989-Q3'],
  ['Third-quarter profit rose.', TB, 'Third-quarter', 'DATE', '1989-Q3'],
  ['The company reported its third-quarter results.', TB, 'third-quarter', 'DATE', '1989-Q3'],
  ['Profit fell in the fourth quarter of 1988.', TB, 'the fourth quarter of 1988', 'DATE', '1988-Q4'],
  ['Growth slowed in the first half of 2024.', FRI, 'the first half of 2024', 'DATE', '2024-H1'],
  ['Growth slowed in the second half.', FRI, 'the second half', 'DATE', '2025-H2'],
  [
    'Profit rose in the first quarter of last year.',
    FRI,
    'the first quarter of last year',
    'DATE',
    '2024-Q1',
  ],
  ['Sales rose in Q3 2025.', FRI, 'Q3 2025', 'DATE', '2025-Q3'],
  ['Net income fell in the fiscal first quarter.', TB, 'the fiscal first quarter', 'DATE', '1989-Q1'],
  ["Sales for this year's third quarter rose.", TB, "this year's third quarter", 'DATE', '1989-Q3'],
  [
    "It could be effective as early as next year's first quarter.",
    TB,
    "next year's first quarter",
    'DATE',
    '1990-Q1',
  ],
  [
    'Profit rose in the third quarter. A year earlier, it had fallen.',
    TB,
    'A year earlier',
    'DATE',
    '1988-Q3',
  ],
  [
    'Net was $5 million in the third quarter, up from $4 million a year ago.',
    TB,
    'a year ago',
    'DATE',
    '1988-Q3',
  ],
  ['It had a year-earlier loss.', TB, 'year-earlier', 'DATE', '1988'],
  // durations
  ['The war lasted a decade.', FRI, 'a decade', 'DURATION', 'P10Y'],
  ['The reforms take 90 days.', FRI, '90 days', 'DURATION', 'P90D'],
  ['He served five years in prison.', FRI, 'five years', 'DURATION', 'P5Y'],
  ['The siege lasted two weeks.', FRI, 'two weeks', 'DURATION', 'P2W'],
  ['He signed a two-year contract.', FRI, 'two-year', 'DURATION', 'P2Y'],
  ['The meeting lasted three hours.', FRI, 'three hours', 'DURATION', 'PT3H'],
  ['The strike lasted 16 months.', FRI, '16 months', 'DURATION', 'P16M'],
  ['The polls were open for 45 minutes.', FRI, '45 minutes', 'DURATION', 'PT45M'],
  ['It took a few days.', FRI, 'a few days', 'DURATION', 'PXD'],
  ['The plan has failed for years.', FRI, 'years', 'DURATION', 'PXY'],
  ['Sales rose over the past two months.', FRI, 'the past two months', 'DURATION', 'P2M'],
  ['Profit fell in the first nine months.', TB, 'the first nine months', 'DURATION', 'P9M'],
  ['Spending will rise over the next 14 months.', FRI, 'the next 14 months', 'DURATION', 'P14M'],
  ['Talks lasted more than four hours.', FRI, 'more than four hours', 'DURATION', 'PT4H', 'MORE_THAN'],
  ['The offer stands for at least 30 days.', FRI, 'at least 30 days', 'DURATION', 'P30D', 'EQUAL_OR_MORE'],
  ['The reform took nearly two years.', FRI, 'nearly two years', 'DURATION', 'P2Y', 'EQUAL_OR_LESS'],
  ['The trip took about three days.', FRI, 'about three days', 'DURATION', 'P3D', 'APPROX'],
  ['It lasted less than an hour.', FRI, 'less than an hour', 'DURATION', 'PT1H', 'LESS_THAN'],
  // TimeBank writes a fraction in the next unit down: "2 1/2 years" is P2Y6M
  ['Inflation has stayed high for two and a half years.', FRI, 'two and a half years', 'DURATION', 'P2Y6M'],
  ['The 24-hour strike ended.', FRI, '24-hour', 'DURATION', 'PT24H'],
  ['The area has been quiet in recent weeks.', FRI, 'recent weeks', 'DURATION', 'PXW'],
  ['Just one year ago, it was different.', FRI, 'one year ago', 'DATE', '2024'],
  ['The firm was founded five years ago.', FRI, 'five years ago', 'DATE', '2020'],
  ['He left three days ago.', FRI, 'three days ago', 'DATE', '2025-10-21'],
  ['He left a decade ago.', FRI, 'a decade ago', 'DATE', '2015'],
  [
    'It was built more than four decades ago.',
    FRI,
    'more than four decades ago',
    'DATE',
    '1985',
    'MORE_THAN',
  ],
  ['He will return a year from now.', FRI, 'a year from now', 'DATE', '2026'],
  ['It happened years ago.', FRI, 'years ago', 'DATE', 'PAST_REF'],
  // present, past, future references
  ['The company currently employs 500 people.', FRI, 'currently', 'DATE', 'PRESENT_REF'],
  ['Prices are now higher.', FRI, 'now', 'DATE', 'PRESENT_REF'],
  ['It has happened in the past.', FRI, 'the past', 'DATE', 'PAST_REF'],
  ['Prices rose recently.', FRI, 'recently', 'DATE', 'PAST_REF'],
  ['It will not happen in the near future.', FRI, 'the near future', 'DATE', 'FUTURE_REF'],
  ['The current government will fall.', FRI, 'current', 'DATE', 'PRESENT_REF'],
  ['Prices have risen in recent years.', FRI, 'recent years', 'DATE', 'PAST_REF'],
  ['Markets are calm these days.', FRI, 'these days', 'DATE', 'PRESENT_REF'],
  ['It will hurt in the short term.', FRI, 'the short term', 'DATE', 'FUTURE_REF'],
  // clock times
  ['The blast occurred at 3 p.m.', FRI, '3 p.m.', 'TIME', '2025-10-24T15:00'],
  ['Trading halted at 10:35 a.m. EDT on Friday.', FRI, '10:35 a.m. EDT', 'TIME', '2025-10-24T10:35'],
  ['The offer expires at 5 p.m. EST Nov. 9.', '1989-11-02', '5 p.m. EST Nov. 9', 'TIME', '1989-11-09T17:00'],
  ['The ceasefire began at noon.', FRI, 'noon', 'TIME', '2025-10-24T12:00'],
  ['The curfew starts at midnight.', FRI, 'midnight', 'TIME', '2025-10-24T24:00'],
  ['The offer expired at midnight Friday.', '1989-10-30', 'midnight Friday', 'TIME', '1989-10-27T24:00'],
  ['The deadline passed at noon Saturday.', FRI, 'noon Saturday', 'TIME', '2025-10-18T12:00'],
  ['Police arrived at around 7:15 p.m.', FRI, 'around 7:15 p.m.', 'TIME', '2025-10-24T19:15', 'APPROX'],
  ["The meeting starts at 9 o'clock.", FRI, "9 o'clock", 'TIME', '2025-10-24T09:00'],
  // sets
  ['The magazine appears every week.', FRI, 'every week', 'SET', 'P1W'],
  ['The shop is open daily.', FRI, 'daily', 'SET', 'P1D'],
  ['Rates are reviewed every month.', FRI, 'every month', 'SET', 'P1M'],
  ['The council meets every Monday.', FRI, 'every Monday', 'SET', 'XXXX-WXX-1'],
  ['Elections are held every four years.', FRI, 'every four years', 'SET', 'P4Y'],
  ['The committee meets twice a month.', FRI, 'twice a month', 'SET', 'P1M'],
  ['The data are published each year.', FRI, 'each year', 'SET', 'P1Y'],
  ['The paper is printed weekly.', FRI, 'weekly', 'SET', 'P1W'],
  // ranges
  ['Since October last year, troops have been sent.', FRI, 'October last year', 'DATE', '2024-10'],
  ['The show ran from March to June.', FRI, 'March', 'DATE', '2025-03'],
  ['The show ran from March to June.', FRI, 'June', 'DATE', '2025-06'],
  ['The office will be closed until Monday.', FRI, 'Monday', 'DATE', '2025-10-27'],
  // tense cues: "since" looks back, a plan "for" a month looks ahead, "set" alone says neither
  ['They have searched since the Oct. 23 slaying.', '1999-05-06', 'Oct. 23', 'DATE', '1998-10-23'],
  ['The accession was planned for early March.', '1999-02-10', 'early March', 'DATE', '1999-03', 'START'],
  ['The accession was held in early March.', '1999-02-10', 'early March', 'DATE', '1998-03', 'START'],
  ['The index is near its record high set on Aug. 6.', '1998-02-06', 'Aug. 6', 'DATE', '1997-08-06'],
  ['The company has set Nov. 10 as the deadline.', '1989-11-02', 'Nov. 10', 'DATE', '1989-11-10'],
  ['The vote is set for Nov. 10.', '1989-12-20', 'Nov. 10', 'DATE', '1990-11-10'],
  ['The record was set on Nov. 10.', '1989-12-20', 'Nov. 10', 'DATE', '1989-11-10'],
  ['It would be paid on a still unspecified date in January.', TB, 'January', 'DATE', '1990-01'],
  ['The dividend was paid in January.', TB, 'January', 'DATE', '1989-01'],
  [
    '"He will leave at dawn (4 a.m. EDT Thursday)," Castro said.',
    '2000-04-05',
    '4 a.m. EDT Thursday',
    'TIME',
    '2000-04-06T04:00',
  ],
  ['He left at dawn (4 a.m. EDT Thursday).', '2000-04-05', '4 a.m. EDT Thursday', 'TIME', '2000-03-30T04:00'],
  // parts of the day and clock hours said in words
  ['At mid-afternoon yesterday, shares were up.', TB, 'mid-afternoon yesterday', 'TIME', '1989-10-25TAF'],
  ['By mid afternoon, officials said the fire was out.', TB, 'mid afternoon', 'TIME', '1989-10-26TAF'],
  ['The father will leave at 4 in the morning.', TB, '4 in the morning', 'TIME', '1989-10-26T04:00'],
  ['The vote closes at 3 in the afternoon.', TB, '3 in the afternoon', 'TIME', '1989-10-26T15:00'],
  // an amount that counts to no day is a duration, "later" left out of it
  ['A few days later, the company announced a loss.', TB, 'A few days', 'DURATION', 'PXD'],
  ['Just over an hour later, he was declared dead.', TB, 'over an hour', 'DURATION', 'PT1H', 'MORE_THAN'],
  ['A minute and a half later, a pilot landed.', TB, 'A minute and a half', 'DURATION', 'PT1M30S'],
  ['Several years earlier, he had left.', TB, 'Several years', 'DURATION', 'PXY'],
  // "one day" after a modal is some day to come
  ['Islam will one day be the largest religion.', TB, 'one day', 'DATE', 'FUTURE_REF'],
  ['He hopes to one day lead the party.', TB, 'one day', 'DATE', 'FUTURE_REF'],
  ['The strike lasted one day.', TB, 'one day', 'DURATION', 'P1D'],
  // years said in words after a month or a season
  [
    'January nineteen ninety-seven. Atlanta again.',
    '1998-02-27',
    'January nineteen ninety-seven',
    'DATE',
    '1997-01',
  ],
  [
    'Prices fell in the winter of nineteen ninety-four.',
    '1998-02-23',
    'the winter of nineteen ninety-four',
    'DATE',
    '1994-WI',
  ],
  // halves of decades, two quarters as a half, the quarter a year back
  ["Sales grew in the last half of the '80s.", TB, "the last half of the '80s", 'DATE', '198', 'END'],
  ['It boomed in the first half of the 1990s.', TB, 'the first half of the 1990s', 'DATE', '199', 'START'],
  [
    'Output will rise through the first two quarters of 1990.',
    TB,
    'the first two quarters of 1990',
    'DATE',
    '1990-H1',
  ],
  ['Output rose in the last two quarters of 1988.', TB, 'the last two quarters of 1988', 'DATE', '1988-H2'],
  ['He spent the first two quarters abroad.', TB, 'the first two quarters', 'DURATION', 'P2Q'],
  ['For the quarter a year ago, it earned $3 million.', TB, 'the quarter a year ago', 'DATE', '1988-Q3'],
  // "that year" after a year the story named
  ['In 1988, it had a small share of imports that year.', TB, 'that year', 'DATE', '1988'],
  ['Profit rose in the quarter. A year earlier, it was lower.', TB, 'A year earlier', 'DATE', '1988-Q3'],
  // weekdays with a part of the day in the plural recur
  ['Flights leave on Monday and Tuesday nights.', TB, 'Tuesday nights', 'SET', 'XXXX-WXX-2TNI'],
  ['Flights leave on Monday and Tuesday nights.', TB, 'Monday', 'SET', 'XXXX-WXX-1TNI'],
  ['They met Monday and Tuesday.', TB, 'Monday', 'DATE', '1989-10-23'],
  ['He worked Sunday morning.', TB, 'Sunday morning', 'TIME', '1989-10-22TMO'],
  // lengths without a count
  ["The government's decades-long battle went on.", TB, 'decades-long', 'DURATION', 'PXY'],
  ['They emerged from their third day-long meeting.', TB, 'day-long', 'DURATION', 'P1D'],
  ['The city endured a year-long siege.', TB, 'year-long', 'DURATION', 'P1Y'],
  ['They will live without it for a while.', TB, 'a while', 'DURATION', 'PXX'],
  ['Over the years many patients recovered.', TB, 'the years', 'DURATION', 'PXY'],
  ['Cuban families were split for decades.', TB, 'decades', 'DURATION', 'PXY'],
  ['The mosque dominated the skyline for centuries.', TB, 'centuries', 'DURATION', 'PXC'],
  ['It lost money in two quarters of the last three.', TB, 'two quarters', 'DURATION', 'P2Q'],
];

table(
  'tagTimes',
  rows,
  ([text, reference, span, type, value, mod]) => {
    const times = tagTimes(text, { reference });
    const t = times.find((x) => x.text === span);
    assert.ok(t, `no time "${span}" in ${JSON.stringify(times.map((x) => x.text))}`);
    for (const x of times) assert.equal(text.slice(x.start, x.end), x.text);
    assert.equal(t.type, type, `type of "${span}"`);
    assert.equal(t.value, value, `value of "${span}"`);
    assert.equal(t.mod, mod, `mod of "${span}"`);
  },
  ([text, , span]) => `${span} in ${JSON.stringify(text)}`,
);

// Parsers that a common word ("the", "that", "a", an apostrophe) starts are tried only where the next
// token can continue them: each kind of continuation still reads.
const started: readonly Row[] = [
  ['They met on the 24th of October.', FRI, 'the 24th of October', 'DATE', '2025-10-24'],
  ['Output fell in the third quarter.', FRI, 'the third quarter', 'DATE', '2025-Q3'],
  ["The band was popular in the '90s.", FRI, "the '90s", 'DATE', '199'],
  ["Bands of '80s fame returned.", FRI, "'80s", 'DATE', '198'],
  ['Fashion of \u201990s returned.', FRI, '\u201990s', 'DATE', '199'],
  ['The firm was founded in the early 1990s.', FRI, 'the early 1990s', 'DATE', '199', 'START'],
  ['It was built in the 19th century.', FRI, 'the 19th century', 'DATE', '18'],
  ['Prices rose over the past two years.', FRI, 'the past two years', 'DURATION', 'P2Y'],
  ['He spent the first two years abroad.', FRI, 'the first two years', 'DURATION', 'P2Y'],
  ['Talks resumed the previous day.', FRI, 'the previous day', 'DATE', '2025-10-23'],
  ['He left the next morning.', FRI, 'the next morning', 'TIME', '2025-10-25TMO'],
  ['The deal closes at the end of the year.', FRI, 'the end of the year', 'DATE', '2025', 'END'],
  ['Rates will stay low for the near future.', FRI, 'the near future', 'DATE', 'FUTURE_REF'],
  ['The camp opens in the summer.', FRI, 'the summer', 'DATE', '2025-SU'],
  ['Sales rose in the year ended June 30.', FRI, 'the year', 'DURATION', 'P1Y'],
  ['Prices fell in the latest quarter.', FRI, 'the latest quarter', 'DATE', '2025-Q3'],
  ['It rained all through the weekend.', FRI, 'the weekend', 'DATE', '2025-W42-WE'],
  ['The plant reopened that week.', FRI, 'that week', 'DATE', '2025-W43'],
  ['She called that day.', FRI, 'that day', 'DATE', '2025-10-24'],
  ['The strike lasted a few days.', FRI, 'a few days', 'DURATION', 'PXD'],
  ['The talks took an additional year.', FRI, 'an additional year', 'DURATION', 'P1Y'],
  ['He waited a year and a half.', FRI, 'a year and a half', 'DURATION', 'P1Y6M'],
  ['The trial lasted a week.', FRI, 'a week', 'DURATION', 'P1W'],
];

table(
  'tagTimes: expressions a common word starts',
  started,
  ([text, reference, span, type, value, mod]) => {
    const times = tagTimes(text, { reference });
    const t = times.find((x) => x.text === span);
    assert.ok(t, `no time "${span}" in ${JSON.stringify(times.map((x) => x.text))}`);
    assert.equal(t.type, type, `type of "${span}"`);
    assert.equal(t.value, value, `value of "${span}"`);
    assert.equal(t.mod, mod, `mod of "${span}"`);
  },
  ([text, , span]) => `${span} in ${JSON.stringify(text)}`,
);

table(
  'tagTimes: a common word alone is no time',
  ['The government said that a man was hurt.', "That's the plan, a spokesman said.", "Don't go."] as const,
  (text) => assert.deepEqual(tagTimes(text, { reference: FRI }), [], `times in ${JSON.stringify(text)}`),
);

// [sentence, word that must not be (part of) a time]
const negatives: readonly (readonly [string, string])[] = [
  ['He named it Sappyol Street, which means morning star.', 'morning'],
  ['He named it Sappyol Street, which means morning star.', 'Sappyol'],
  ['"The years of militant fraternity will advance," he said.', 'years'],
  ['It guarantees the long-term development of ties.', 'long-term'],
  ['May I ask a question?', 'May'],
  ['They march to the square every Sunday.', 'march'],
  ['Thousands march through the capital.', 'march'],
  ['The shop is on Spring Street.', 'Spring'],
  ['The Arab Spring changed the region.', 'Spring'],
  ['Theresa May resigned as prime minister.', 'May'],
  ['Call 555-1234 or 1-800-555-0199 for details.', '555'],
  ['He was ranked No. 1 in the world.', '1'],
  ['The No. 1990 flight landed.', '1990'],
  ['A 32-year-old man was arrested.', 'year'],
  ['The man, 45, was arrested.', '45'],
  ['The company sold 2000 shares.', '2000'],
  ['The index rose 1.5 percent to 1,990.5 points.', '1,990'],
  ['Good Friday is a holiday.', 'Friday'],
  ['Police searched a second-floor apartment.', 'second'],
  ['He bought a second-hand car.', 'second'],
  ['Prices may fall further.', 'fall'],
  ['The fall of the Berlin Wall changed Europe.', 'fall'],
  ['The Airbus A380 landed.', '380'],
  ['Some 600 soldiers are believed to have been killed.', '600'],
  ['The current account deficit widened.', 'current'],
  ['August Wilson wrote plays.', 'August'],
  ['He scored 3 goals in 90 minutes of play.', 'goals'],
  ['James Baker said on ABC\'s "This Week With David Brinkley" that the war would end.', 'Week'],
  ['He said in the Last Night Of The Proms that it was over.', 'Night'],
  ['The midfielder played in the mid-table club.', 'mid'],
  ['He has 4 in the morning group.', '4'],
  ['He married when Kopp was in his 30s.', '30s'],
  ['It accounts for more than a quarter of the market.', 'quarter'],
  ['Once in a while he calls.', 'while'],
  ['Over the years of the war, he wrote.', 'years'],
];

table(
  'tagTimes negative',
  negatives,
  ([text, word]) => {
    const at = text.indexOf(word);
    const times = tagTimes(text, { reference: FRI });
    const hit = times.find((t) => t.start < at + word.length && at < t.end);
    assert.equal(hit, undefined, `"${word}" read as ${JSON.stringify(hit)}`);
  },
  ([text, word]) => `no time at "${word}" in ${JSON.stringify(text)}`,
);

test('tagTimes: TimeBank reads "32-year-old" as no time (ages are not TIMEX3 there)', () => {
  assert.deepEqual(tagTimes('A 32-year-old man was arrested.', { reference: FRI }), []);
});

test('tagTimes: ranges from since/from/until', () => {
  const [since] = tagTimes('Since October last year, troops went.', { reference: FRI });
  assert.deepEqual(since?.range, { begin: '2024-10' });
  const ft = tagTimes('The show ran from March to June.', { reference: FRI });
  assert.deepEqual(ft[0]?.range, { begin: '2025-03', end: '2025-06' });
  assert.deepEqual(ft[1]?.range, { begin: '2025-03', end: '2025-06' });
  const [until] = tagTimes('It will stay closed until Monday.', { reference: FRI });
  assert.deepEqual(until?.range, { end: '2025-10-27' });
});

test('tagTimes: stated and implied parts are kept apart', () => {
  const [oct] = tagTimeResults('It opened Oct. 24.', { reference: FRI });
  assert.deepEqual(oct?.stated, ['month', 'day']);
  assert.deepEqual(oct?.implied, ['year']);
  assert.equal(oct?.reference, FRI);
  const [full] = tagTimeResults('It opened October 24, 2025.', { reference: FRI });
  assert.deepEqual(full?.implied, []);
});

test('tagTimes: quoted speech resolves against the time it was said', () => {
  const text = 'He spoke on Tuesday. "We came here today," he said at the rally.';
  const today = tagTimes(text, { reference: FRI }).find((t) => t.text === 'today');
  assert.equal(today?.value, '2025-10-24'); // no event link: the quote's own sentence has no date
  const given = tagTimes(text, { reference: FRI, quotes: [{ start: 22, end: 41, time: '2025-10-21' }] }).find(
    (t) => t.text === 'today',
  );
  assert.equal(given?.value, '2025-10-21');
  const said = tagTimes('"We won today," the coach said on Sunday.', { reference: FRI }).find(
    (t) => t.text === 'today',
  );
  assert.equal(said?.value, '2025-10-19');
  const event = tagTimes(
    'The party held a rally on Tuesday. At the rally, the leader spoke. "Today we begin," he said.',
    { reference: FRI },
  ).find((t) => t.text === 'Today');
  assert.equal(event?.value, '2025-10-21');
});

test('tagTimes: ids in text order, spans exact, deterministic', () => {
  const text = 'On Friday, two days after the vote on Oct. 22, markets rose 3 percent. Now they wait.';
  const a = tagTimes(text, { reference: FRI });
  assert.deepEqual(a, tagTimes(text, { reference: FRI }));
  a.forEach((t, i) => {
    assert.equal(t.id, `t${i + 1}`);
    assert.equal(text.slice(t.start, t.end), t.text);
    assert.match(t.rule, /^time\/[a-z-]+$/);
  });
});

test('tagTimes: from the text layer tokens, the same times; tokens of another text are refused', () => {
  const text = 'On Friday, two days after the vote on Oct. 22, markets rose 3 percent. Now they wait.';
  const { tokens } = new TextLayer(text);
  assert.deepEqual(tagTimes(text, { reference: FRI, tokens }), tagTimes(text, { reference: FRI }));
  assert.throws(
    () => tagTimes(`${text} `, { tokens }),
    /OPTION_INVALID/,
    'the tokens must be of the text tagged',
  );
});

test('tagTimes: without a reference, relative values stay unresolved', () => {
  const [t] = tagTimes('It happened on Friday.');
  assert.equal(t?.value, 'XXXX-WXX-5');
});

test('tagTimes: the seed dispatch gives every gold time and nothing spurious', () => {
  const raw = readFileSync(sharedPath('gold', '000_4e6a1e8230babff5.txt'), 'utf8');
  const gold = JSON.parse(readFileSync(sharedPath('gold', '000_4e6a1e8230babff5.gold.json'), 'utf8')) as {
    times: { text: string; in?: string; value: string; optional?: boolean }[];
  };
  const start = raw.indexOf('North Korea has held');
  const end = raw.lastIndexOf('Yonhap');
  const body = raw.slice(start, end);
  const times = tagTimes(body, { reference: '2025-10-24' });
  const located = gold.times.map((g) => {
    const at = body.indexOf(g.in ?? g.text);
    const s = at + (g.in ?? g.text).indexOf(g.text);
    return { ...g, start: s, end: s + g.text.length };
  });
  for (const g of located.filter((x) => !x.optional)) {
    const t = times.find((x) => x.start === g.start && x.end === g.end);
    assert.ok(t, `missing "${g.text}"`);
    assert.equal(t.value, g.value, `value of "${g.text}"`);
  }
  for (const t of times) {
    const ok = located.some((g) => g.start < t.end && t.start < g.end);
    assert.ok(ok, `spurious "${t.text}" = ${t.value}`);
  }
});

table(
  'holidays',
  [
    ['Elian was found on Thanksgiving Day.', '1999-12-10', 'Thanksgiving Day', '1999-11-25'],
    ['Stores close on Christmas.', FRI, 'Christmas', '2025-12-25'],
    ['He returned last Thanksgiving.', FRI, 'last Thanksgiving', '2024-11-28'],
    ['Polls close on Election Day.', '2024-10-30', 'Election Day', '2024-11-05'],
    ["The fireworks start on New Year's Eve.", FRI, "New Year's Eve", '2025-12-31'],
  ] as const,
  ([text, reference, span, value]) => {
    const t = tagTimes(text, { reference }).find((x) => x.text === span);
    assert.equal(t?.value, value);
  },
  ([, , span]) => span,
);

test('timeStage: writes the times layer from the published date and the text layer sentences', () => {
  const text = 'The vote was held Friday. Results came the next day.';
  const context = {
    document: { text, meta: { published: '2025-10-27' } },
    text: {
      sentences: [
        { start: 0, end: 25 },
        { start: 26, end: text.length },
      ],
    },
    layers: { entities: [], times: [], quotes: [], claims: [], events: [] },
    report: () => {},
  };
  timeStage.run(context as unknown as Parameters<typeof timeStage.run>[0]);
  assert.deepEqual(
    context.layers.times.map((t: { text: string; value: string }) => [t.text, t.value]),
    [
      ['Friday', '2025-10-24'],
      ['the next day', '2025-10-25'],
    ],
  );
  assert.equal(timeStage.name, 'time/tag-times');
  assert.deepEqual(timeStage.writes, ['times']);
});

test('tagTimes: hostile input never throws and every span is exact', () => {
  fc.assert(
    fc.property(
      fc.array(
        fc.oneof(
          fc.constantFrom(
            'Friday',
            'Oct.',
            '24',
            ',',
            '2025',
            'the',
            'previous',
            'day',
            '"',
            'May',
            'last',
            'year',
            '-',
            'a.m.',
            '1/2',
            "'",
            'ago',
            'since',
            '\n\n',
            '.',
            'Q3',
            'mid-',
            'early',
          ),
          fc.string({ maxLength: 6 }),
        ),
        { maxLength: 40 },
      ),
      (parts) => {
        const text = parts.join(' ');
        for (const t of tagTimes(text, { reference: FRI })) assert.equal(text.slice(t.start, t.end), t.text);
      },
    ),
    { numRuns: 300 },
  );
});

// Speed is measured in `npm run bench`; here only that pathological runs end with valid spans.
test('tagTimes: pathological runs of digits, dashes and abbreviations give valid spans', () => {
  const text = `${'1'.repeat(20000)} ${'the '.repeat(5000)}${'-'.repeat(20000)} ${'a.m. '.repeat(3000)}`;
  for (const t of tagTimes(text, { reference: FRI })) assert.equal(text.slice(t.start, t.end), t.text);
});

// [sentence, reference, span, value]: the tense of the clause picks the side of the anchor
table(
  'clause tense',
  [
    // a plan governs the infinitive clause after it
    ['The team planned to leave Nairobi on Thursday.', '1998-09-30', 'Thursday', '1998-10-01'],
    ['They were planning to drive to the airport on Monday.', '2000-01-07', 'Monday', '2000-01-10'],
    ['Officials did not plan to remove him on Thursday.', '2000-03-29', 'Thursday', '2000-03-30'],
    // ... but not the verb a fronted time modifies, a plan of the past, or the noun "plans"
    ['On Friday, the government planned to pay the victims.', '1998-09-30', 'Friday', '1998-09-25'],
    ['It had been due to expire Friday.', '1989-10-30', 'Friday', '1989-10-27'],
    ['In September, it announced plans to acquire the firm.', '1989-10-30', 'September', '1989-09'],
    ['The thrift announced the plan Aug. 21.', '1989-10-27', 'Aug. 21', '1989-08-21'],
    // an earliest date is ahead
    ['The group might come as soon as Tuesday.', '2000-04-03', 'Tuesday', '2000-04-04'],
    ['He could arrive as early as Tuesday.', '2000-04-03', 'Tuesday', '2000-04-04'],
    ['He left as soon as he could on Tuesday.', '2000-04-03', 'Tuesday', '2000-03-28'],
    // a limit set for what is pending: a weekday ahead, a date on the nearer side
    [
      'The agency gave them until 9 a.m. Tuesday to sign.',
      '2000-04-03',
      '9 a.m. Tuesday',
      '2000-04-04T09:00',
    ],
    ['The talks were postponed until Tuesday.', '2025-10-24', 'Tuesday', '2025-10-28'],
    ['The offer was extended to Nov. 16.', '1989-10-30', 'Nov. 16', '1989-11-16'],
    ['The offer was extended to Oct. 20.', '1989-10-30', 'Oct. 20', '1989-10-20'],
    ['Until Thursday, they had not called him a suspect.', '1999-05-06', 'Thursday', '1999-05-06'],
    ['He drove to Nov. 16 Street.', '1989-10-30', 'Nov. 16', '1989-11-16'],
    // a reporting verb dates the report, not the reported clause
    ['Conseco said it is calling the notes on Dec. 7.', '1989-10-30', 'Dec. 7', '1989-12-07'],
    ['The firm said it expects to report results in mid-November.', '1989-10-27', 'mid-November', '1989-11'],
    ['The firm said it sold the unit in March.', '1989-10-27', 'March', '1989-03'],
    // a fronted time takes the tense of the clause after its comma
    ['In January, the company brought in a new chief.', '1989-10-27', 'January', '1989-01'],
    ['In January, the company will name a new chief.', '1989-10-27', 'January', '1990-01'],
  ] as const,
  ([text, reference, span, value]) => {
    const t = tagTimes(text, { reference }).find((x) => x.text === span);
    assert.ok(t, `"${span}" not found in ${JSON.stringify(text)}`);
    assert.equal(t.value, value, `"${span}" against ${reference} in ${JSON.stringify(text)}`);
  },
  ([text]) => text,
);

// [sentence, span or undefined for no time, value]
table(
  'fractions, couples and recurring months',
  [
    ['They lived in the camps for 2 1/2 years.', '2 1/2 years', 'P2Y6M'],
    ['She spent about 5 1/2 hours in Nairobi.', 'about 5 1/2 hours', 'PT5H30M'],
    ['The hearing took a day and a half.', 'a day and a half', 'P1DT12H'],
    ['It lasted a minute and a half.', 'a minute and a half', 'PT1M30S'],
    ['Rates will not change for a couple of years.', 'a couple of years', 'P2Y'],
    ['Over the next couple of years we expect growth.', 'the next couple of years', 'P2Y'],
    ['A couple of friends won 1/2 of the vote.', undefined, ''],
    ['The index rose 2 1/2 points.', undefined, ''],
    ['Orangemen march each July.', 'each July', 'XXXX-07'],
    ['Every May the town votes.', 'Every May', 'XXXX-05'],
    ['He may win each race.', undefined, ''],
  ] as const,
  ([text, span, value]) => {
    const times = tagTimes(text, { reference: FRI });
    if (span === undefined) {
      assert.deepEqual(
        times.map((t) => t.text),
        [],
        `no time expected in ${JSON.stringify(text)}`,
      );
      return;
    }
    const t = times.find((x) => x.text === span);
    assert.ok(t, `"${span}" not found in ${JSON.stringify(text)}: ${times.map((x) => x.text).join(', ')}`);
    assert.equal(t.value, value);
  },
  ([text]) => text,
);

// The attribution stage runs first: its direct and partial quotes are the spans said at speech time.
table(
  'timeStage: quotes from the attribution layer',
  [
    // single marks: only the attribution layer knows this is a quote
    [
      "The party held a rally on Tuesday. At the rally, the leader spoke. 'Today we begin,' he said.",
      'direct',
      '2025-10-21',
    ],
    [
      "The party held a rally on Tuesday. At the rally, the leader spoke. 'Today we begin,' he said.",
      'partial',
      '2025-10-21',
    ],
    // an indirect quote is the reporter's words: "today" is the publication day
    [
      "The party held a rally on Tuesday. At the rally, the leader spoke. 'Today we begin,' he said.",
      'indirect',
      '2025-10-24',
    ],
    // an empty layer: the tagger finds the double-quoted passage itself
    [
      'The party held a rally on Tuesday. At the rally, the leader spoke. "Today we begin," he said.',
      'none',
      '2025-10-21',
    ],
  ] as const,
  ([text, kind, value]) => {
    const start = text.indexOf('Today');
    const end = text.indexOf('begin') + 'begin'.length;
    const quotes: Quote[] =
      kind === 'none'
        ? []
        : [{ start, end, text: text.slice(start, end), kind, rule: 'attribution/test', confidence: 1 }];
    const context: StageContext = {
      document: createDocument({ text, bodyOffset: 0, meta: { published: FRI }, origin: { format: 'text' } }),
      text: new TextLayer(text),
      layers: { entities: [], times: [], quotes, claims: [], events: [] },
      report: () => {},
    };
    timeStage.run(context);
    const today = context.layers.times.find((t) => t.text === 'Today');
    assert.equal(today?.value, value, `"Today" with a ${kind} quote`);
  },
  ([, kind]) => kind,
);
