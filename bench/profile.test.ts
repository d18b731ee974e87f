import assert from 'node:assert/strict';
import { table } from '../test/table.js';
import { type CpuProfile, hotFunctions } from './profile.js';

const frame = (functionName: string, url = '', lineNumber = 0) => ({ functionName, url, lineNumber });

// root -> setup (module loading), root -> pass -> tokenize, pass -> tokenize via another path, idle, gc
const profile: CpuProfile = {
  nodes: [
    { id: 1, callFrame: frame('(root)'), children: [2, 3, 6, 7] },
    { id: 2, callFrame: frame('compileSourceTextModule', 'node:internal/modules/esm/utils', 343) },
    { id: 3, callFrame: frame('pass', 'file:///repo/dist/bench/contenders.js', 40), children: [4, 5] },
    { id: 4, callFrame: frame('tokenize', 'file:///repo/dist/src/text/tokens.js', 175) },
    { id: 5, callFrame: frame('analyze', 'file:///repo/dist/src/pipeline/pipeline.js', 20), children: [8] },
    { id: 6, callFrame: frame('(idle)') },
    { id: 7, callFrame: frame('(garbage collector)') },
    { id: 8, callFrame: frame('tokenize', 'file:///repo/dist/src/text/tokens.js', 175) },
  ],
  // each sample lasts until the next: the deltas after it
  samples: [2, 4, 8, 6, 7, 4, 5],
  timeDeltas: [0, 1000, 2000, 3000, 50000, 1000, 1000],
};

const tokenize = 'tokenize (dist/src/text/tokens.js:176)';

table(
  'hotFunctions',
  [
    {
      name: 'self time summed over call paths, highest first, idle left out',
      got: () => hotFunctions(profile, 10, 'file:///repo'),
      expected: [
        { function: tokenize, selfMs: 6, selfPercent: 75 },
        {
          function: 'compileSourceTextModule (node:internal/modules/esm/utils:344)',
          selfMs: 1,
          selfPercent: 12.5,
        },
        { function: '(garbage collector)', selfMs: 1, selfPercent: 12.5 },
        { function: 'analyze (dist/src/pipeline/pipeline.js:21)', selfMs: 0, selfPercent: 0 },
      ],
    },
    {
      name: 'within a function: setup left out, garbage collection kept',
      got: () => hotFunctions(profile, 2, 'file:///repo', 'pass'),
      expected: [
        { function: tokenize, selfMs: 6, selfPercent: (100 * 6) / 7 },
        { function: '(garbage collector)', selfMs: 1, selfPercent: (100 * 1) / 7 },
      ],
    },
    {
      name: 'files outside the root keep their full address',
      got: () => hotFunctions(profile, 1, 'file:///elsewhere'),
      expected: [
        { function: 'tokenize (file:///repo/dist/src/text/tokens.js:176)', selfMs: 6, selfPercent: 75 },
      ],
    },
  ],
  (row) => assert.deepEqual(row.got(), row.expected),
  (row) => row.name,
);
