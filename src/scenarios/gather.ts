/**
 * The notebook's "sync vs async (IO-bound)" cells: three waits of 1, 2 and 3 s take 6 s one after
 * another (blocking, or awaited one by one) and 3 s with `gather`.
 *
 * @module
 */
import {
  blockingSleep,
  coro,
  createTask,
  gather as gatherAll,
  pyRepr,
  sleep,
} from '../runtime/index.js';
import { modeOption, sleepsOption } from './common-options.js';
import { defineExperiment } from './define.js';
import type { ScenarioContext } from './types.js';

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

/** `get_data` as a coroutine that never awaits: it blocks the loop for its whole length. */
async function get_data_blocking(seconds: number): Promise<string> {
  return get_data(seconds);
}

// In the notebook these are plain calls, one after the other. Each runs as a task of its own
// here only so that a timeline can draw the staircase: the task is named after its call, and a
// task named after its call is drawn as the call (`get_data(1)`, no `Task-2`). The blocking
// ones hold the thread: not even Ctrl+C gets through until the call under way is over.
async function runOneByOne(
  fn: (seconds: number) => Promise<string>,
  sleeps: number[],
): Promise<string[]> {
  const data: string[] = [];
  for (const seconds of sleeps) {
    const call = `${fn === aget_data ? 'aget_data' : 'get_data'}(${seconds})`;
    data.push(await createTask(coro(fn, seconds), { name: call, label: call }));
  }
  return data;
}

async function runAsync(sleeps: number[]): Promise<string[]> {
  return await gatherAll(...sleeps.map((seconds) => coro(aget_data, seconds)));
}

const RUNNERS: Record<Mode, (sleeps: number[]) => Promise<string[]>> = {
  sync: (sleeps) => runOneByOne(get_data_blocking, sleeps),
  sequential: (sleeps) => runOneByOne(aget_data, sleeps),
  async: runAsync,
};

async function runMode(ctx: ScenarioContext, mode: Mode, sleeps: number[]): Promise<void> {
  const total = sleeps.reduce((a, b) => a + b, 0);
  // Checked as gather.sync, gather.sequential, gather.async: the wall time against the ideal.
  const data = await ctx.measure(mode, mode === 'async' ? Math.max(...sleeps) : total, () =>
    RUNNERS[mode](sleeps),
  );
  const wallMs = ctx.timings.at(-1)?.wallMs ?? Number.NaN;
  ctx.say(ctx.text.runTime(mode, wallMs / 1000));
  ctx.say(pyRepr(data));
}

/** `asyncdemo gather`: sync 6 s vs async 3 s, measured. */
export const gatherScenario = defineExperiment({
  name: 'gather',
  title: 'sync vs async (IO-bound)',
  options: { sleeps: sleepsOption('the waits, in seconds'), mode: modeOption(GATHER_MODES) },
  async run(ctx, { sleeps, mode: modes }) {
    for (const mode of modes) await runMode(ctx, mode, sleeps);
    return 'ok';
  },
});
