import assert from 'node:assert/strict';
import type { Analysis } from '../../src/document/analysis.js';
import type { Message } from '../../src/document/message.js';
import { createPipeline } from '../../src/pipeline/default-pipeline.js';
import { type ReadInputOptions, readInput } from '../../src/read/read-input.js';
import { validateAnalysis } from '../schema.js';

/**
 * The whole default pipeline, as it grows. The budget is generous: it is there so that a stage that slows
 * down on some input ends the document as partial instead of hanging the suite, not to time anything.
 */
export const pipeline = createPipeline({ timeBudgetMs: 20_000 });

export type Outcome = { readonly analysis: Analysis } | { readonly failure: Message };

const RULE = /^[a-z]+\/[a-z0-9-]+$/;

/** A message is data a user can act on: a rule, a severity, words, and a place inside the text if any. */
export function checkMessage(m: Message, text?: string): void {
  assert.match(m.rule, RULE, `message rule ${JSON.stringify(m.rule)}`);
  assert.ok(['error', 'warning', 'info'].includes(m.severity), `severity ${m.severity}`);
  assert.ok(
    m.message.length > 0 && m.message.length < 2000,
    `message text of ${m.message.length} characters`,
  );
  if (m.start !== undefined || m.end !== undefined) {
    assert.ok(Number.isInteger(m.start) && Number.isInteger(m.end), `${m.rule}: place must be whole numbers`);
    assert.ok(
      (m.start as number) <= (m.end as number),
      `${m.rule}: place [${m.start}, ${m.end}) is inverted`,
    );
    if (text !== undefined)
      assert.ok((m.end as number) <= text.length, `${m.rule}: place ends past the text (${m.end})`);
  }
}

/**
 * Reads an input as the CLI does and analyses every document with the default pipeline, checking on the
 * way what must hold for any input: no exception, each analysis valid against the schema with every span's
 * text equal to the document's text at its offsets, and every problem a well-formed message.
 */
export function analyseInput(
  name: string,
  input: string | Uint8Array,
  options: ReadInputOptions = {},
): Outcome[] {
  const bytes = typeof input === 'string' ? Buffer.from(input) : input;
  const outcomes: Outcome[] = [];
  for (const item of readInput(name, bytes, options)) {
    if ('failure' in item) {
      checkMessage(item.failure);
      outcomes.push({ failure: item.failure });
      continue;
    }
    const analysis = pipeline.analyze(item.document);
    validateAnalysis(analysis);
    for (const m of analysis.messages) checkMessage(m);
    outcomes.push({ analysis });
  }
  return outcomes;
}

/** `analysed` for a document, else the failure's rule: what a row of the hostile table expects. */
export const summary = (outcomes: readonly Outcome[]) =>
  outcomes.map((o) => ('analysis' in o ? (o.analysis.partial ? 'partial' : 'analysed') : o.failure.rule));
