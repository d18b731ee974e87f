import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { analyze } from '../src/index.js';
import { shared } from './paths.js';

const SEED = '000_4e6a1e8230babff5';

/** Scores the seed dispatch against its hand-made gold with the shared check-gold script. */
export function evalSeed(args: readonly string[]): number {
  const verbose = args.includes('--verbose');
  const text = readFileSync(shared('gold', `${SEED}.txt`), 'utf8');
  const analysis = analyze(text, { name: `${SEED}.txt` });
  const dir = mkdtempSync(join(tmpdir(), 'dateline-eval-'));
  try {
    const out = join(dir, 'seed.json');
    writeFileSync(out, JSON.stringify(analysis));
    const check = spawnSync(
      process.execPath,
      [
        shared('gold', 'check-gold.mjs'),
        shared('gold', `${SEED}.gold.json`),
        out,
        ...(verbose ? ['--verbose'] : []),
      ],
      { encoding: 'utf8' },
    );
    const lines = check.stdout.trim().split('\n');
    console.log(`seed (${SEED}) through check-gold:`);
    for (const line of verbose ? lines : lines.slice(-1)) console.log(`  ${line}`);
    if (check.status === 2) console.error(check.stderr);
    return check.status === 2 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
