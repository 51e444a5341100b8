// The fuzz runs' shared settings: the seed (random, printed; FUZZ_SEED replays a run), the number
// of inputs per property (FUZZ_RUNS scales it).
import fc from 'fast-check';
import { CHANNELS, contract, type Channel } from '../../../shared/contract';

export const BASE_SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : Math.floor(Math.random() * 2 ** 31);
/** Scales every property's number of inputs (1: the default, tuned for < 90 s on 2 busy cores). */
export const RUN_SCALE = process.env.FUZZ_RUNS ? Number(process.env.FUZZ_RUNS) : 1;

/**
 * Channels whose input schema alone is fuzzed, never invoked, with the reason: invoking them would
 * take away the ground the run stands on. Each has its own tests.
 */
export const SCHEMA_ONLY: Partial<Record<Channel, string>> = {
  'workspace.refreshDemo':
    'seeds a new demo (seconds) and swaps it in, so the rows every other example names are gone (electron/core/workspace/refresh-demo.test.ts)',
};

/** Every other channel the contract has: a new one is fuzzed without anyone listing it. */
export const FUZZED_CHANNELS = (Object.keys(contract) as Channel[]).filter((channel) => !(channel in SCHEMA_ONLY));
if (FUZZED_CHANNELS.length + Object.keys(SCHEMA_ONLY).length !== CHANNELS.length)
  throw new Error('The contract and the channel list disagree.');

/** Runs a property with a seed derived from the run's seed, and names the seed to replay on failure. */
export async function check<T>(name: string, property: fc.IAsyncPropertyWithHooks<T>, numRuns: number): Promise<void> {
  let hash = 0;
  for (const ch of name) hash = (Math.imul(hash, 31) + ch.charCodeAt(0)) | 0;
  const seed = (BASE_SEED ^ hash) | 0;
  try {
    await fc.assert(property, { seed, numRuns: Math.max(1, Math.round(numRuns * RUN_SCALE)), endOnFailure: true });
  } catch (error) {
    (error as Error).message = `Replay with FUZZ_SEED=${BASE_SEED} (${name}: seed ${seed}).\n${(error as Error).message}`;
    throw error;
  }
}
