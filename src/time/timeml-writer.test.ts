import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseTimeml } from '../read/timeml-reader.js';
import { tagTimes } from './tag-times.js';
import { writeTimeml } from './timeml-writer.js';

const strip = (xml: string) => {
  const body = xml.slice(xml.indexOf('<TEXT>') + 6, xml.indexOf('</TEXT>'));
  return body
    .replace(/<[^>]*>/g, '')
    .replace(
      /&(lt|gt|quot|apos|amp);/g,
      (_, n: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[n] ?? '',
    );
};

test('writeTimeml: stripping the tags and unescaping gives back the text', () => {
  const text =
    'AT&T said on Friday that profit <rose> "sharply" in the third quarter & fell 5% a year earlier.\n\nNow what?';
  const times = tagTimes(text, { reference: '1989-10-27' });
  assert.ok(times.length >= 3);
  const xml = writeTimeml({ id: 'doc1', text, published: '1989-10-27' }, times);
  assert.equal(strip(xml), text);
  assert.match(
    xml,
    /<DCT><TIMEX3 tid="t0" type="DATE" value="1989-10-27" temporalFunction="false" functionInDocument="CREATION_TIME">/,
  );
  assert.match(xml, /<TIMEX3 tid="t1" type="DATE" value="1989-10-27">Friday<\/TIMEX3>/);
  const back = parseTimeml(xml);
  assert.equal(back?.text, text);
  assert.equal(back?.dct, '1989-10-27');
  assert.deepEqual(
    back?.timexes.map((t) => [t.text, t.value]),
    times.map((t) => [t.text, t.value]),
  );
});

test('writeTimeml: overlapping times keep the longest; mod is written', () => {
  const text = 'It lasted more than four hours on Friday.';
  const base = { rule: 'test', type: 'DURATION' as const, value: 'PT4H' };
  const xml = writeTimeml({ id: 'x', text }, [
    { ...base, id: 't1', start: 10, end: 30, text: text.slice(10, 30), mod: 'MORE_THAN' },
    { ...base, id: 't2', start: 20, end: 30, text: text.slice(20, 30) },
  ]);
  assert.match(
    xml,
    /<TIMEX3 tid="t1" type="DURATION" value="PT4H" mod="MORE_THAN">more than four hours<\/TIMEX3>/,
  );
  assert.doesNotMatch(xml, /tid="t2"/);
  assert.doesNotMatch(xml, /<DCT>/);
  assert.equal(strip(xml), text);
});
