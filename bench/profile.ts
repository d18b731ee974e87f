/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that self time needs. */
export interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: {
      readonly functionName: string;
      readonly url: string;
      readonly lineNumber: number;
    };
    readonly children?: readonly number[];
  }[];
  readonly samples: readonly number[];
  /** Microseconds since the previous sample; the first is measured from the profile's start. */
  readonly timeDeltas: readonly number[];
}

export interface HotFunction {
  /** `name (file:line)`, the file relative to `root` when it lies under it. */
  readonly function: string;
  readonly selfMs: number;
  /** Share of the sampled time, idle excluded. */
  readonly selfPercent: number;
}

const GC = '(garbage collector)';

/** Ids of the nodes called, at any depth, from a function named `name`. */
function nodesUnder(profile: CpuProfile, name: string): Set<number> {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const under = new Set<number>();
  const mark = (id: number) => {
    if (under.has(id)) return;
    under.add(id);
    for (const child of byId.get(id)?.children ?? []) mark(child);
  };
  for (const node of profile.nodes) if (node.callFrame.functionName === name) mark(node.id);
  return under;
}

/**
 * Self time per function, highest first. A sample stands for the interval until the next sample, as
 * the DevTools profiler counts it. Nodes of the same function reached by different call paths are
 * summed; idle time is left out so shares are of the time the process worked. With `within`, only
 * time spent under functions of that name counts, and garbage collection (which V8 books at the root,
 * whoever allocated): module loading and setup are left out.
 */
export function hotFunctions(profile: CpuProfile, top: number, root = '', within?: string): HotFunction[] {
  const counted = within === undefined ? undefined : nodesUnder(profile, within);
  const nameOf = new Map<number, string>();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const file = root && url.startsWith(root) ? url.slice(root.length).replace(/^\/+/, '') : url;
    const name = functionName || '(anonymous)';
    nameOf.set(node.id, file ? `${name} (${file}:${lineNumber + 1})` : name);
  }
  const selfUs = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const name = nameOf.get(id) ?? '(unknown)';
    if (name === '(idle)' || (counted && !counted.has(id) && name !== GC)) return;
    const us = profile.timeDeltas[i + 1] ?? 0;
    selfUs.set(name, (selfUs.get(name) ?? 0) + us);
    total += us;
  });
  return [...selfUs]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, us]) => ({
      function: name,
      selfMs: us / 1000,
      selfPercent: total > 0 ? (100 * us) / total : 0,
    }));
}
