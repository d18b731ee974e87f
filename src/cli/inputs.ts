import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface InputRef {
  /** A path to read, or `-` for standard input. */
  readonly path: string;
  /** Path relative to the directory argument it was found under: the name of its output under `--out`. */
  readonly outName: string;
}

export type Expanded = { ok: true; inputs: InputRef[] } | { ok: false; path: string; problem: string };

const SKIP = /(^|\/)\.|~$|\.(ann|orig|bak|swp|gz|zip|png|jpe?g|gif|pdf)$/i;

/** FILE, DIR (every file below it, in a stable order) or `-`; a missing path is reported, not thrown. */
export function expandInputs(args: readonly string[]): Expanded[] {
  return args.map((arg): Expanded => {
    if (arg === '-') return { ok: true, inputs: [{ path: '-', outName: 'stdin' }] };
    let stat: ReturnType<typeof statSync>;
    try {
      stat = statSync(arg);
    } catch {
      return { ok: false, path: arg, problem: 'no such file or directory' };
    }
    if (!stat.isDirectory())
      return { ok: true, inputs: [{ path: arg, outName: arg.split(/[\\/]/).pop() ?? arg }] };
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
        a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
      )) {
        const path = join(dir, entry.name);
        if (SKIP.test(entry.name)) continue;
        if (entry.isDirectory()) walk(path);
        else if (entry.isFile()) found.push(path);
      }
    };
    walk(arg);
    return { ok: true, inputs: found.map((path) => ({ path, outName: relative(arg, path) })) };
  });
}
