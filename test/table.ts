import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file whether it runs from src or from dist. */
export const repoRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string };
      if (pkg.name === 'dateline') return dir;
    } catch {
      // not here: go up
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('test/table: repository root not found');
    dir = up;
  }
})();

/** `../shared/...` beside the repository: evaluation data and the seed's gold. */
export const sharedPath = (...parts: string[]) => resolve(repoRoot, '..', 'shared', ...parts);
export const fixturePath = (...parts: string[]) => join(repoRoot, 'test', 'fixtures', ...parts);

/**
 * A table test: one named test per row, so a failure names the row that broke.
 * `label` turns a row into the test's name (by default its first field).
 */
export function table<Row>(
  title: string,
  rows: readonly Row[],
  check: (row: Row) => void | Promise<void>,
  label?: (row: Row) => string,
): void {
  rows.forEach((row, i) => {
    const name = label ? label(row) : Array.isArray(row) ? JSON.stringify(row[0]) : `row ${i + 1}`;
    test(`${title}: ${name}`, () => check(row));
  });
}
