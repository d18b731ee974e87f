import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, whether this runs from `eval/` or from `dist/eval/`. */
export const repoRoot = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      if (
        (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name === 'dateline'
      )
        return dir;
    } catch {
      // keep looking upwards
    }
    const up = dirname(dir);
    if (up === dir) throw new Error('eval: cannot find the dateline repository root');
    dir = up;
  }
})();

/** Evaluation data is read in place from `../shared/` beside the repository. */
export const shared = (...parts: string[]) => resolve(repoRoot, '..', 'shared', ...parts);
