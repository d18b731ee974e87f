import assert from 'node:assert/strict';
import { contextFor, find } from '../../test/stage-context.js';
import { table } from '../../test/table.js';
import { findTriggers } from './triggers.js';

const PASSED_OVER = new Set([
  'the',
  'an',
  'a',
  'on',
  'it',
  'was',
  'in',
  'and',
  'quiet',
  'day',
  'town',
  'capital',
]);

/** Trigger texts of `text`, leaving out the tokens starting inside the first occurrence of `skipped`. */
function triggersOf(text: string, skipped?: string): string[] {
  const { tokens } = contextFor(text, {}).text;
  const range = skipped ? find(text, skipped) : undefined;
  const asked: number[] = [];
  const skip = (start: number, end: number) => {
    asked.push(start);
    return range !== undefined && start >= range.start && end <= range.end;
  };
  const found = findTriggers(tokens, 0, tokens.count, skip).map((t) =>
    text.slice(tokens.start(t.first), tokens.end(t.end - 1)),
  );
  // Words that no sense of the taxonomy starts with are passed over without asking.
  for (const start of asked) {
    const word = text.slice(start).split(/\W/)[0]?.toLowerCase() ?? '';
    assert.ok(!PASSED_OVER.has(word), `skip was asked at "${word}", which cannot start a trigger`);
  }
  return found;
}

table(
  'findTriggers asks `skip` only where a trigger starts, and leaves out what it skips',
  [
    [
      'nothing skipped',
      'Gunmen attacked the town and killed five people.',
      undefined,
      ['attacked', 'killed'],
    ],
    ['a skipped verb', 'Gunmen attacked the town and killed five people.', 'attacked', ['killed']],
    [
      'a skipped phrase start leaves the rest of the phrase to be read alone',
      'North Korea held a groundbreaking ceremony.',
      'groundbreaking',
      ['ceremony'],
    ],
    [
      'a phrase read whole',
      'North Korea held a groundbreaking ceremony.',
      undefined,
      ['groundbreaking ceremony'],
    ],
    ['no trigger word at all', 'It was a quiet day in the capital.', 'quiet', []],
    [
      'a phrase of three words before its two-word start',
      'The firm plans to build a plant.',
      undefined,
      ['plans to build'],
    ],
    ['a phrase of two words', 'A general strike began.', undefined, ['general strike']],
    ['a phrase start the phrase does not go on from', 'The general attacked.', undefined, ['attacked']],
    ['a phrase in capitals inside a sentence is a name', 'Then came the Press Conference.', undefined, []],
    ['a phrase cut by the end of the range', 'They held a press', undefined, []],
  ] as const,
  ([, text, skipped, want]) => assert.deepEqual(triggersOf(text, skipped), want, text),
);
