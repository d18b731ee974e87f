import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { findDateline, findTrailingCredit, resolveDatelineDate } from './dispatch.js';

table(
  'datelines',
  [
    [
      'SEOUL, Oct. 24 (Yonhap) -- North Korea fired',
      '2025-10-25',
      { text: 'SEOUL, Oct. 24 (Yonhap) --', place: 'Seoul', date: '2025-10-24', source: 'Yonhap' },
    ],
    [
      'MOSCOW (Reuters) - Russia said',
      undefined,
      { text: 'MOSCOW (Reuters) -', place: 'Moscow', source: 'Reuters' },
    ],
    [
      'WASHINGTON, March 3 (AP) \u2014 The president',
      '2024-03-03',
      { text: 'WASHINGTON, March 3 (AP) \u2014', place: 'Washington', date: '2024-03-03', source: 'AP' },
    ],
    [
      'PYONGYANG, Oct 23 (KCNA) -- Kim Jong Un',
      '2025-10-24',
      { text: 'PYONGYANG, Oct 23 (KCNA) --', place: 'Pyongyang', date: '2025-10-23', source: 'KCNA' },
    ],
    [
      'NEW YORK, N.Y. (AP) \u2014 Stocks fell',
      undefined,
      { text: 'NEW YORK, N.Y. (AP) \u2014', place: 'New York, N.Y.', source: 'AP' },
    ],
    ['  LONDON -- Prices rose', undefined, { text: 'LONDON --', place: 'London' }],
    [
      'SEOUL, Dec. 30 (Yonhap) -- Year-end',
      '2026-01-02',
      { text: 'SEOUL, Dec. 30 (Yonhap) --', place: 'Seoul', date: '2025-12-30', source: 'Yonhap' },
    ],
    ['Kyiv (AFP) - Ukraine said', undefined, { text: 'Kyiv (AFP) -', place: 'Kyiv', source: 'AFP' }],
    [
      'SEOUL, Oct. 24 -- North Korea',
      undefined,
      { text: 'SEOUL, Oct. 24 --', place: 'Seoul', date: 'XXXX-10-24' },
    ],
  ] as const,
  ([text, published, expected]) => {
    const found = findDateline(text, published);
    assert.ok(found, `no dateline found in ${JSON.stringify(text)}`);
    assert.equal(text.slice(found.start, found.end), found.text);
    assert.deepEqual(
      { text: found.text, place: found.place, date: found.date, source: found.source },
      {
        date: undefined,
        source: undefined,
        ...expected,
      },
    );
  },
);

table(
  'not datelines',
  [
    ['Kim - the leader - spoke.'],
    ['North Korea has held a ceremony.'],
    ['The U.S. (and its allies) - said'],
    ['Seoul, Oct. 24 -- a lower-case place needs an agency'],
    ['AB -- too short'],
  ] as const,
  ([text]) => assert.equal(findDateline(text), undefined),
);

table(
  'trailing credits',
  [
    ['as well, Kim noted.Yonhap', { body: 'as well, Kim noted.', source: 'Yonhap' }],
    ['the minister said.\n\n(Reuters)', { body: 'the minister said.', source: 'Reuters' }],
    ['it ended."\n-- AP', { body: 'it ended."', source: 'AP' }],
    ['fell sharply. (Yonhap) (END)', { body: 'fell sharply.', source: 'Yonhap' }],
    ['talks resumed.\nYonhap/AFP', { body: 'talks resumed.', source: 'Yonhap' }],
    ['officials said.Korean Central News Agency', { body: 'officials said.', source: 'KCNA' }],
  ] as const,
  ([text, expected]) => {
    const credit = findTrailingCredit(text);
    assert.ok(credit, `no credit found in ${JSON.stringify(text)}`);
    assert.deepEqual({ body: text.slice(0, credit.bodyEnd), source: credit.source }, expected);
  },
);

table(
  'not credits',
  [
    ['He told the BBC.'],
    ['The deal was reported by Reuters.'],
    ['Shares rose in the U.S.'],
    ['Reuters'],
    ['It was a good year, AP'],
  ] as const,
  ([text]) => assert.equal(findTrailingCredit(text), undefined),
);

table(
  'dateline dates against the publication date',
  [
    [10, 24, '2025-10-24', '2025-10-24'],
    [10, 25, '2025-10-24', '2025-10-25'],
    [12, 31, '2026-01-01', '2025-12-31'],
    [1, 2, '2025-12-31', '2025-01-02'],
    [3, 3, undefined, 'XXXX-03-03'],
  ] as const,
  ([month, day, published, expected]) => assert.equal(resolveDatelineDate(month, day, published), expected),
  ([m, d, p]) => `${m}/${d} published ${p}`,
);
