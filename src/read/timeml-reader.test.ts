import assert from 'node:assert/strict';
import { test } from 'node:test';
import { table } from '../../test/table.js';
import { isFailure } from './reader.js';
import { parseTimeml, timemlReader } from './timeml-reader.js';

const RAW = `<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>wsj_0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1989-10-26" temporalFunction="false" functionInDocument="CREATION_TIME">10/26/89</TIMEX3></DCT>
<TEXT>
AT&amp;T <EVENT eid="e1" class="OCCURRENCE">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="1989-10-25">yesterday</TIMEX3> that &quot;profit&quot; rose <TIMEX3 tid="t2" type="DURATION" value="P2Y" mod="MORE_THAN">more than two years</TIMEX3> later.
</TEXT>
</TimeML>
`;

test('parseTimeml: text without tags, entities decoded, spans of the TIMEX3s', () => {
  const doc = parseTimeml(RAW);
  assert.ok(doc);
  assert.equal(doc.text, '\nAT&T said yesterday that "profit" rose more than two years later.\n');
  assert.equal(doc.dct, '1989-10-26');
  assert.equal(doc.docid, 'wsj_0001');
  assert.equal(RAW.slice(doc.bodyOffset, doc.bodyOffset + 4), '\nAT&');
  const [a, b] = doc.timexes;
  assert.deepEqual([a?.text, a?.type, a?.value, a?.mod], ['yesterday', 'DATE', '1989-10-25', undefined]);
  assert.equal(doc.text.slice(a?.start, a?.end), 'yesterday');
  assert.deepEqual([b?.text, b?.value, b?.mod], ['more than two years', 'P2Y', 'MORE_THAN']);
});

test('timemlReader: one document with the DCT as its publication date', () => {
  const items = [...timemlReader.read({ name: 'wsj_0001.tml', text: RAW })];
  assert.equal(items.length, 1);
  const item = items[0];
  assert.ok(item && !isFailure(item));
  assert.equal(item.document.meta.published, '1989-10-26');
  assert.equal(item.document.origin.format, 'timeml');
  assert.equal(item.document.text.includes('<'), false);
  assert.equal(item.document.bodyOffset, RAW.indexOf('<TEXT>') + 6);
});

test('timemlReader: a file without <TEXT> is a failure, not an exception', () => {
  const items = [...timemlReader.read({ name: 'bad.tml', text: '<TimeML></TimeML>' })];
  assert.equal(items.length, 1);
  assert.ok(items[0] && isFailure(items[0]));
});

const SOUP = 'a'.repeat(200_000);

table(
  'hostile TimeML: attribute soup, unclosed tags, case',
  [
    [
      'attribute soup in a TIMEX3',
      `<TEXT>On <TIMEX3 tid="t1" ${SOUP} type='DATE' ${SOUP}= value="2020-01-01" x=y>Monday</TIMEX3>.</TEXT>`,
      { text: 'On Monday.', timexes: [['Monday', 't1', 'DATE', '2020-01-01']] },
    ],
    ['100,000 unclosed <TEXT openers', '<TEXT '.repeat(100_000), undefined],
    ['<TEXTUAL> is not <TEXT>', '<TEXTUAL>no</TEXTUAL>', undefined],
    [
      'lower case tags, attributes on <text>',
      '<docid> d1 </docid><text id="x">Rain.</text>',
      { text: 'Rain.', docid: 'd1', timexes: [] },
    ],
    [
      'DCT after 100,000 TIMEX3 openers',
      `${'<TIMEX3 '.repeat(100_000)}<TIMEX3 functionInDocument = "CREATION_TIME" value="1998-01-08"><TEXT>x</TEXT>`,
      { text: 'x', dct: '1998-01-08', timexes: [] },
    ],
    [
      'no DCT: TIMEX3 openers that never end, and a DCT-like attribute on another tag',
      `<TEXT>x</TEXT><EVENT functionInDocument="CREATION_TIME" value="1">${'<TIMEX3 '.repeat(100_000)}`,
      { text: 'x', timexes: [] },
    ],
    [
      'DOCID after 100,000 openers',
      `${'<DOCID>'.repeat(100_000)}wsj_1</DOCID><TEXT>x</TEXT>`,
      { text: 'x', docid: 'wsj_1', timexes: [] },
    ],
    [
      'text that changes length when upper-cased',
      `<TEXT>${'\u00df'.repeat(20)}</TEXT>\nafter`,
      { text: '\u00df'.repeat(20), timexes: [] },
    ],
  ] as const,
  ([, raw, expected]) => {
    const doc = parseTimeml(raw);
    if (expected === undefined) {
      assert.equal(doc, undefined, 'no <TEXT> element');
      return;
    }
    assert.ok(doc, 'a <TEXT> element');
    assert.deepEqual(
      {
        text: doc.text,
        docid: doc.docid,
        dct: doc.dct,
        timexes: doc.timexes.map((t) => [t.text, t.tid, t.type, t.value]),
      },
      { docid: undefined, dct: undefined, ...expected },
    );
  },
);
