import assert from 'node:assert/strict';
import { table } from '../../test/table.js';
import { creditOutlets } from './outlets.js';

const SPACES = ' '.repeat(40_000);

table(
  'credits naming outlets',
  [
    ['Yonhap/AFP', ['Yonhap', 'AFP']],
    ['AP - Reuters', ['AP', 'Reuters']],
    ['Reuters, AP', ['Reuters', 'AP']],
    ['Agence France-Presse', ['AFP']],
    [`Yonhap${SPACES}/${SPACES}AFP`, ['Yonhap', 'AFP']],
    [`AP${SPACES}-${SPACES}Reuters`, ['AP', 'Reuters']],
    // Not credits: a part that is no outlet, an empty part, a dash not set off by spaces on both sides.
    ['Kim/AFP', undefined],
    ['Yonhap/', undefined],
    ['AP -Reuters', undefined],
    ['AP - - Reuters', undefined],
    [`Yonhap${SPACES}`.repeat(3), undefined],
    [`${SPACES}-${SPACES}`, undefined],
  ] as const,
  ([written, expected]) => assert.deepEqual(creditOutlets(written), expected),
  ([written]) =>
    written.length > 40 ? `${JSON.stringify(written.slice(0, 8))}... (${written.length} chars)` : written,
);
