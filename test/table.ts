import { test } from 'node:test';
import { repoRoot, shared } from '../eval/paths.js';

export { repoRoot };

/** `../shared/...` beside the repository: evaluation data and the seed's gold. */
export const sharedPath = shared;

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
