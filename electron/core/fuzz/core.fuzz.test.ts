// Every channel of the contract, fuzzed through Core.invoke (what Electron's IPC and the `ops`
// command call): hostile inputs and each channel's valid example mutated field by field. Each must
// come back accepted, or refused with a clear message and the replica file untouched. docs/fuzzing.md.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type Channel, type Output } from '../../../shared/contract';
import { Core } from '../api';
import { demoDataDir } from '../testing';
import { FUZZ_ANCHOR, validExamples, type Examples } from './examples';
import { hostileValue, mutatedExample } from './hostile';
import { outcomeOf, preview } from './outcome';
import { ReplicaWatch } from './replica-watch';
import { BASE_SEED, check, FUZZED_CHANNELS, SCHEMA_ONLY } from './run';

let core: Core;
let examples: Examples;
let watch: ReplicaWatch;
const unhandled: unknown[] = [];
const noteUnhandled = (error: unknown) => unhandled.push(error);

beforeAll(() => {
  console.log(`Fuzz seed ${BASE_SEED} (replay: FUZZ_SEED=${BASE_SEED}).`);
  process.on('unhandledRejection', noteUnhandled);
  process.on('uncaughtException', noteUnhandled);
  core = new Core({ dataDir: demoDataDir(FUZZ_ANCHOR) });
  examples = validExamples(core);
  watch = new ReplicaWatch(core);
}, 120_000); // seeding the demo takes seconds, more on a busy machine
afterAll(async () => {
  process.off('unhandledRejection', noteUnhandled);
  process.off('uncaughtException', noteUnhandled);
  await core.close();
});

/** One call; throws when it is neither accepted nor cleanly refused with the replica untouched. */
async function call(channel: string, input: unknown): Promise<'accepted' | 'refused'> {
  const before = watch.before();
  const what = `${channel} ${preview(input)}`;
  const outcome = outcomeOf(await core.invoke(channel, input), what);
  if (outcome === 'refused') watch.assertUnchanged(before, what);
  return outcome;
}

/** Inputs per property: hostile values of every kind, and mutations of the example. */
const RUNS = { hostile: 12, mutated: 16 };

describe('fuzz: every channel through Core.invoke', () => {
  it('has a valid example for every channel of the contract, each passing its schema', () => {
    expect(Object.keys(examples).sort()).toEqual(Object.keys(contract).sort());
    for (const channel of Object.keys(contract) as Channel[]) {
      const parsed = contract[channel].input.safeParse(examples[channel]);
      expect(parsed.success, `${channel}: ${parsed.error?.message}`).toBe(true);
    }
  });

  it('accepts every valid example, and refuses none with an internal error', async () => {
    const refused: string[] = [];
    for (const channel of FUZZED_CHANNELS) {
      const before = watch.before();
      const result = await core.invoke(channel, examples[channel]);
      if (outcomeOf(result, channel) === 'refused') {
        watch.assertUnchanged(before, channel);
        refused.push(channel);
      } else if (result.ok && channel === 'pipelines.trigger') {
        // A job of mine that is still waiting: one that jobs.cancel can cancel.
        examples['jobs.cancel'] = { id: (result.value as Output<'pipelines.trigger'>).jobId };
      }
    }
    // Refused for a reason of the data, not the input: the demo is sealed (it never syncs, so it has
    // no rejected change 1), and its simulated pipeline jobs have no delivery to send again.
    expect(refused.sort()).toEqual(['jobs.retryDelivery', 'sync.discard', 'sync.now', 'sync.restore', 'sync.retry']);
  });

  it('refuses unknown channels cleanly', async () => {
    await check(
      'unknown channels',
      fc.asyncProperty(
        fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'toString', 'timer', 'timer.', '')),
        async (name) => {
          fc.pre(!(FUZZED_CHANNELS as string[]).includes(name));
          expect(await call(name, undefined)).toBe('refused');
        },
      ),
      30,
    );
  });

  for (const channel of FUZZED_CHANNELS) {
    it(`${channel}: hostile inputs are accepted or refused cleanly, refused ones changing nothing`, async () => {
      await check(
        `${channel} hostile`,
        fc.asyncProperty(hostileValue({ json: false, huge: 1_100_000 }), async (input) => void (await call(channel, input))),
        RUNS.hostile,
      );
    });

    it(`${channel}: its valid example mutated field by field`, async () => {
      await check(
        `${channel} mutated`,
        fc.asyncProperty(mutatedExample(examples[channel as Channel], { json: false, huge: 1_100_000 }), async (input) => {
          await call(channel, input);
        }),
        RUNS.mutated,
      );
    });
  }

  for (const channel of Object.keys(SCHEMA_ONLY) as Channel[]) {
    it(`${channel} (its schema only: ${SCHEMA_ONLY[channel]}): hostile inputs parse or are refused with a message`, async () => {
      await check(
        `${channel} schema`,
        fc.asyncProperty(
          fc.oneof(hostileValue({ json: false, huge: 1_100_000 }), mutatedExample(examples[channel], { json: false, huge: 1_100_000 })),
          async (input) => {
            // As Core.invoke parses it (null is no input).
            const parsed = contract[channel].input.safeParse(input ?? undefined);
            if (!parsed.success) {
              const result = await core.invoke(channel, input);
              expect(result.ok).toBe(false);
              if (!result.ok) expect(result.error.code).toBe('invalid_input');
            }
          },
        ),
        RUNS.hostile + RUNS.mutated,
      );
    });
  }

  it('raised no unhandled error on the way', () => {
    expect(unhandled).toEqual([]);
  });
});
