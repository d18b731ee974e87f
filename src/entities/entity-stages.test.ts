import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { validateAnalysis } from '../../test/schema.js';
import { sharedPath, table } from '../../test/table.js';
import type { Analysis, Entity } from '../document/analysis.js';
import { Pipeline } from '../pipeline/pipeline.js';
import { readText } from '../read/read-input.js';
import { isFailure } from '../read/reader.js';
import { ENTITY_STAGES } from './entity-stages.js';

const SEED = '000_4e6a1e8230babff5';

const seed: Analysis = (() => {
  const item = [...readText(`${SEED}.txt`, readFileSync(sharedPath('gold', `${SEED}.txt`), 'utf8'))][0];
  assert.ok(item && !isFailure(item), 'the seed reads as a document');
  return new Pipeline(ENTITY_STAGES).analyze(item.document);
})();

const byName = (name: string): Entity | undefined => seed.entities.find((e) => e.name === name);
const describe = () => seed.entities.map((e) => `${e.type} "${e.name}"`).join(', ');

test('entity stages on the seed: a valid dateline.analysis/1 with ids e1, e2, ... in order', () => {
  validateAnalysis(seed);
  for (const [i, e] of seed.entities.entries()) assert.equal(e.id, `e${i + 1}`);
});

table(
  'entity stages on the seed: referents, types, and how each is mentioned',
  [
    ['Kim Jong-un', 'PERSON', { name: 1, alias: 4, nominal: 2, pronoun: 3 }],
    ['Alexandr Matsegora', 'PERSON', { name: 1 }],
    ['North Korea', 'GPE', { name: 5, alias: 3, demonym: 3 }],
    ['Korean Central News Agency', 'ORG', { name: 1, acronym: 3 }],
    ['Russia', 'GPE', { name: 5, demonym: 1 }],
    ['Pyongyang', 'GPE', { name: 3 }],
  ] as const,
  ([name, type, kinds]) => {
    const e = byName(name);
    assert.ok(e, `no entity named "${name}" among ${describe()}`);
    assert.equal(e.type, type);
    const counts: Record<string, number> = {};
    for (const m of e.mentions) counts[m.kind] = (counts[m.kind] ?? 0) + 1;
    for (const [kind, n] of Object.entries(kinds))
      assert.ok(
        (counts[kind] ?? 0) >= n,
        `${name}: ${counts[kind] ?? 0} ${kind} mentions, expected ${n} or more`,
      );
  },
);

test("entity stages on the seed: the ambassador keeps his title and no pronoun of Kim's", () => {
  const m = byName('Alexandr Matsegora');
  assert.equal(m?.title, 'Russian Ambassador to North Korea');
  assert.ok(!m?.mentions.some((x) => x.kind === 'pronoun'), "the pronouns of the story are Kim's");
});
