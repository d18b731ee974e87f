import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measures, scoreDocument } from './tempeval-score.js';

test('tempeval-score: strict, relaxed and attribute F1 on a tiny example', () => {
  const gold = [
    { start: 0, end: 6, type: 'DATE', value: '2025-10-24' }, // Friday
    { start: 10, end: 24, type: 'TIME', value: '2025-10-21TMO' }, // Tuesday morning
    { start: 30, end: 37, type: 'DURATION', value: 'P90D' }, // 90 days
  ];
  const system = [
    { start: 0, end: 6, type: 'DATE', value: '2025-10-24' }, // exact, right
    { start: 10, end: 17, type: 'DATE', value: '2025-10-21' }, // overlap only, type and value wrong
    { start: 50, end: 55, type: 'DATE', value: 'PRESENT_REF' }, // spurious
  ];
  const s = scoreDocument(gold, system);
  assert.deepEqual(s.counts, { gold: 3, system: 3, strict: 1, relaxed: 2, type: 1, value: 1 });
  assert.equal(s.missed.length, 1);
  assert.equal(s.spurious.length, 1);
  const m = measures(s.counts);
  assert.equal(m.strict.f1.toFixed(4), (1 / 3).toFixed(4));
  assert.equal(m.relaxed.f1.toFixed(4), (2 / 3).toFixed(4));
  // attribute F1 = relaxed F1 x accuracy over relaxed matches (1 of 2)
  assert.equal(m.valueF1.toFixed(4), (1 / 3).toFixed(4));
  assert.equal(m.typeF1.toFixed(4), (1 / 3).toFixed(4));
});

test('tempeval-score: one system time cannot match two gold times', () => {
  const gold = [
    { start: 0, end: 5, type: 'DATE', value: 'a' },
    { start: 6, end: 10, type: 'DATE', value: 'b' },
  ];
  const system = [{ start: 0, end: 10, type: 'DATE', value: 'a' }];
  const s = scoreDocument(gold, system);
  assert.equal(s.counts.relaxed, 1);
  assert.equal(s.counts.strict, 0);
});
