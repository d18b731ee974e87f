import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { normalizePublished } from './published.js';

table(
  'publication dates',
  [
    ['2025-10-24', '2025-10-24'],
    ['2025-10-24T08:00:00+09:00', '2025-10-24T08:00:00+09:00'],
    ['2025-10-24T08:00:00Z', '2025-10-24T08:00:00Z'],
    ['2025-10-24T08:00:00.123+0900', '2025-10-24T08:00:00+09:00'],
    ['2017-05-01 12:34:56', '2017-05-01T12:34:56'],
    ['Fri, 24 Oct 2025 08:00:00 +0900', '2025-10-24T08:00:00+09:00'],
    ['Fri, 24 Oct 2025 08:00:00 GMT', '2025-10-24T08:00:00Z'],
    ['October 24, 2025', '2025-10-24'],
    ['Oct. 24, 2025', '2025-10-24'],
    ['Friday, January 4, 2019', '2019-01-04'],
    ['24 October 2025', '2025-10-24'],
    ['2019/01/04', '2019-01-04'],
    ['2025-02-30', undefined],
    ['2025-13-01', undefined],
    ['yesterday', undefined],
    ['', undefined],
    ['12345', undefined],
    ['Smarch 3, 2025', undefined],
  ] as const,
  ([raw, expected]) => assert.equal(normalizePublished(raw), expected),
);
