import { evalAttribution } from './attribution.js';
import { evalEntities } from './entities.js';
import { evalEvents } from './events.js';
import { evalSeed } from './seed.js';
import { evalSentences } from './sentences.js';
import { evalTime } from './time.js';

/** `npm run eval -- [NAME] [options]`: one evaluation by name, or all of them. */
const EVALUATIONS: Record<string, (args: readonly string[]) => number | Promise<number>> = {
  seed: evalSeed,
  sentences: evalSentences,
  time: evalTime,
  entities: evalEntities,
  attribution: evalAttribution,
  events: evalEvents,
};

async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name && !name.startsWith('-')) {
    const run = EVALUATIONS[name];
    if (!run) {
      console.error(`eval: unknown evaluation "${name}" (one of: ${Object.keys(EVALUATIONS).join(', ')})`);
      return 2;
    }
    return run(rest);
  }
  let status = 0;
  for (const run of Object.values(EVALUATIONS)) status = Math.max(status, await run(argv));
  return status;
}

process.exitCode = await main(process.argv.slice(2));
