import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './table.js';

export const CLI = join(repoRoot, 'dist', 'src', 'cli', 'main.js');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built `dateline` command as a user would, from the repository root. */
export function dateline(args: readonly string[], input?: string | Uint8Array): CliRun {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: repoRoot,
    input,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '' },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}
