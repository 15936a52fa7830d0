/**
 * The notebook's "sync vs async (IO-bound)" cells: three waits of 1, 2 and 3 s take 6 s one after
 * another (blocking, or awaited one by one) and 3 s with `gather`.
 *
 * @module
 */
import { blockingSleep, coro, gather as gatherAll, pyRepr, sleep } from '../runtime/index.js';
import { parseSecondsList, parseSubset } from './parse.js';
import type { Scenario, ScenarioContext } from './types.js';

/** The ways to run the waits, in the notebook's order. */
export const GATHER_MODES = ['sync', 'sequential', 'async'] as const;
type Mode = (typeof GATHER_MODES)[number];

/** `time.sleep` inside a plain function, as the notebook's `get_data`. */
function get_data(seconds: number): string {
  blockingSleep(seconds);
  return `${seconds} s.`;
}

/** `asyncio.sleep` inside a coroutine, as the notebook's `aget_data`. */
async function aget_data(seconds: number): Promise<string> {
  await sleep(seconds);
  return `${seconds} s.`;
}

// Truly blocking, as in the notebook: not even Ctrl+C gets through until it is over.
async function runSync(sleeps: number[]): Promise<string[]> {
  return sleeps.map(get_data);
}

async function runSequential(sleeps: number[]): Promise<string[]> {
  const data: string[] = [];
  for (const seconds of sleeps) data.push(await aget_data(seconds));
  return data;
}

function runAsync(sleeps: number[]): Promise<string[]> {
  return gatherAll(...sleeps.map((seconds) => coro(aget_data, seconds))) as Promise<string[]>;
}

const RUNNERS: Record<Mode, (sleeps: number[]) => Promise<string[]>> = {
  sync: runSync,
  sequential: runSequential,
  async: runAsync,
};

async function runMode(ctx: ScenarioContext, mode: Mode, sleeps: number[]): Promise<void> {
  const total = sleeps.reduce((a, b) => a + b, 0);
  const idealMs = ctx.ms(mode === 'async' ? Math.max(...sleeps) : total);
  const data = await ctx.measure(mode, idealMs, () => RUNNERS[mode](sleeps));
  const wallMs = ctx.timings.at(-1)?.wallMs ?? Number.NaN;
  ctx.say(ctx.text.runTime(mode, wallMs / 1000));
  ctx.say(pyRepr(data));
  ctx.check({
    id: `gather.${mode}`,
    metric: `${mode} wall time`,
    expected: idealMs,
    actual: wallMs,
    unit: 'ms',
  });
}

/** `asyncdemo gather`: sync 6 s vs async 3 s, measured. */
export const gatherScenario: Scenario = {
  name: 'gather',
  title: 'sync vs async (IO-bound)',
  options: [
    {
      flags: '--sleeps <list>',
      description: 'the waits, in seconds',
      defaultValue: '1,2,3',
      parse: (raw) => parseSecondsList('--sleeps', raw),
    },
    {
      flags: '--mode <list>',
      description: `which ways to run them: any of ${GATHER_MODES.join(',')}`,
      defaultValue: GATHER_MODES.join(','),
      parse: (raw) => parseSubset('--mode', raw, GATHER_MODES),
    },
  ],
  async run(ctx, options) {
    const sleeps = options.sleeps as number[];
    for (const mode of options.mode as Mode[]) await runMode(ctx, mode, sleeps);
    return 'ok';
  },
};
