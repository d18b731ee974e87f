import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { repoRoot } from './table.js';

const schema = JSON.parse(
  readFileSync(join(repoRoot, 'schema', 'analysis-v1.schema.json'), 'utf8'),
) as object;
const validate = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

interface Spanned {
  start?: unknown;
  end?: unknown;
  text?: unknown;
}

/** Checks an analysis against the JSON Schema and the span invariant the schema cannot state. */
export function validateAnalysis(analysis: unknown): void {
  const ok = validate(analysis);
  assert.ok(ok, `not valid dateline.analysis/1: ${JSON.stringify(validate.errors, null, 2)}`);
  const text = (analysis as { document: { text: string } }).document.text;
  const visit = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${path}[${i}]`);
    } else if (value && typeof value === 'object') {
      const s = value as Spanned;
      if (
        typeof s.start === 'number' &&
        typeof s.end === 'number' &&
        typeof s.text === 'string' &&
        path !== '$.document'
      ) {
        assert.equal(
          text.slice(s.start, s.end),
          s.text,
          `${path}: text differs from document.text at [${s.start}, ${s.end})`,
        );
      }
      for (const [k, v] of Object.entries(value))
        if (k !== 'document' || path !== '$') visit(v, `${path}.${k}`);
    }
  };
  visit(analysis, '$');
  const dateline = (analysis as { document: { dateline?: Spanned } }).document.dateline;
  if (dateline) visit(dateline, '$.document.dateline');
}
