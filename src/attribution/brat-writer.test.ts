import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Analysis } from '../document/analysis.js';
import { createDocument } from '../document/document.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { writeBrat } from './brat-writer.js';
import { findAttributions } from './find-attributions.js';

function analyse(text: string, bodyOffset: number): Analysis {
  const document = createDocument({ text, bodyOffset, origin: { format: 'text' } });
  return new Pipeline([findAttributions]).analyze(document);
}

test('brat lines: Source, Cue, Content, an Attribution trigger and the event, in file offsets', () => {
  const header = 'Title line\n\n';
  const body = 'The bridge will reopen in March, officials said.';
  const ann = writeBrat(analyse(body, header.length));
  const file = header + body;
  const lines = ann.trim().split('\n');
  const event = lines.find((l) => l.startsWith('E1\t'));
  assert.ok(event, `an event line, got:\n${ann}`);
  assert.match(event, /^E1\tAttribution:T\d+ Content:T\d+ Cue:T\d+ Source:T\d+$/);
  for (const line of lines.filter((l) => l.startsWith('T'))) {
    const [, spec = '', words] = line.split('\t');
    const [s, e] = spec.split(' ').slice(1).map(Number);
    assert.equal(file.slice(s, e), words, `offsets of "${line}" must point into the input file`);
  }
  assert.ok(
    lines.some((l) => /^T\d+\tCue \d+ \d+\tsaid$/.test(l)),
    `a cue "said":\n${ann}`,
  );
  assert.ok(
    lines.some((l) => /^T\d+\tSource \d+ \d+\tofficials$/.test(l)),
    `a source "officials":\n${ann}`,
  );
});

test('no attribution, no lines', () => {
  assert.equal(writeBrat(analyse('Heavy snow closed the mountain roads for a second day.', 0)), '');
});
