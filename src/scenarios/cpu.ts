/**
 * The notebook's CPU-bound cell: `func1` computes `i ** i` for 2.5 s, yielding to the loop every
 * 100 iterations, next to `func2` sleeping 1 s, under `timeout(2)`. With the yields func2 is on
 * time and the timeout fires at 2 s, before func1 is done; with `--yield-every 0` both wait for
 * the whole work.
 *
 * @module
 */

import { parseInteger } from '../options/parse.js';
import { coro, gather, runInWorker, sleep, TimeoutError, timeout } from '../runtime/index.js';
import { secondsOption } from './common-options.js';
import { defineExperiment } from './define.js';
import type { ScenarioContext } from './types.js';
import { powers } from './workload.js';

/** The notebook's `range(10_000)`, at scale 1. */
const RANGE = 10_000;

/**
 * i cycles through `range(10_000 × scale^0.55)`: `i ** i` costs about i^1.8, so a chunk of
 * iterations then blocks the loop for the same share of a notebook second at any scale (at
 * scale 1 the last chunks of 100 take about 85 ms here; in the notebook's CPython, about 55 ms).
 */
export function cycleFor(scale: number): number {
  return Math.max(100, Math.round(RANGE * scale ** 0.55));
}

/**
 * Computes `i ** i` until it has held the thread for `workMs` (the summed time of its chunks,
 * so the amount of work is the same on any machine), yielding every `yieldEvery` iterations.
 */
async function func1(
  ctx: ScenarioContext,
  workMs: number,
  yieldEvery: number,
  longest: { chunkMs: number },
): Promise<string> {
  ctx.say(ctx.text.starting('func1'));
  const cycle = cycleFor(ctx.scale);
  const chunk = yieldEvery > 0 ? yieldEvery : 10;
  let busyMs = 0;
  for (let i = 0; busyMs < workMs; ) {
    const chunkStart = performance.now();
    i = powers(i, chunk, cycle);
    const chunkMs = performance.now() - chunkStart;
    busyMs += chunkMs;
    longest.chunkMs = Math.max(longest.chunkMs, chunkMs);
    // Switch context to let the loop through; otherwise the thread stays blocked. The work is
    // weighed after the yield, so the last chunk is followed by one, as in the notebook's loop.
    if (yieldEvery > 0) await sleep(0);
  }
  ctx.say(ctx.text.ok('func1'));
  return 'func1';
}

/**
 * func1's work where it can run on a worker thread: self-contained (it travels as source text),
 * `i ** i` until `workMs` of busy time. Returns how many powers it computed.
 */
function computePowers(workMs: number, cycle: number): number {
  const start = performance.now();
  let i = 0;
  let last = 0n;
  while (performance.now() - start < workMs) {
    for (const end = i + 10; i < end; i++) {
      const n = BigInt(i % cycle);
      last = n ** n;
    }
  }
  return last >= 0n ? i : -1;
}

/** func1 with its work offloaded: the loop stays free while a worker computes. */
async function func1Offloaded(ctx: ScenarioContext, workMs: number): Promise<string> {
  ctx.say(ctx.text.starting('func1'));
  await runInWorker(computePowers, workMs, cycleFor(ctx.scale));
  ctx.say(ctx.text.ok('func1'));
  return 'func1';
}

async function func2(ctx: ScenarioContext, sinceStart: () => number): Promise<string> {
  ctx.say(ctx.text.starting('func2'));
  try {
    await sleep(1);
  } finally {
    // When func2 got the thread back, whether to go on or to be cancelled.
    ctx.record('func2', sinceStart(), ctx.ms(1));
  }
  ctx.say(ctx.text.ok('func2'));
  return 'func2';
}

/** `asyncdemo cpu`: CPU-bound work inside async code, with and without yields. */
export const cpuScenario = defineExperiment({
  name: 'cpu',
  title: 'CPU-bound work inside async code',
  options: {
    // 2.5 s, not the notebook's "~ 2s": its transcript ends in TimeoutError with no OK from
    // func1, so its work outlasted the limit. With the work equal to the limit, func1's OK would
    // be a coin flip (the deadline passes during its last chunk about half the time, and the
    // yield after that chunk runs before the timeout's callback, as in asyncio).
    work: secondsOption(
      'work',
      'how long func1 computes i ** i, in seconds of holding the thread',
      '2.5',
      600,
    ),
    yieldEvery: {
      flags: '--yield-every <n>',
      description: 'func1 yields (sleep(0)) every n iterations; 0 = never',
      defaultValue: '100',
      parse: (raw: string) => parseInteger('--yield-every', raw, 0, 1_000_000),
    },
    limit: secondsOption('limit', 'the timeout around both', '2'),
    offload: {
      flags: '--offload',
      description: "run func1's work on a worker thread (runInWorker): the loop stays free",
      defaultValue: 'false',
      parse: (raw: string) => raw === 'true',
    },
  },
  incompatible: [
    {
      options: ['--offload', '--yield-every'],
      why: 'the worker computes without yielding; the loop is free anyway',
    },
  ],
  variants: [
    { label: 'yield every 100', options: { yieldEvery: '100' } },
    { label: 'no yields', options: { yieldEvery: '0' } },
    { label: 'offload to a worker', options: { offload: 'true' } },
  ],
  async run(ctx, options) {
    const { work, yieldEvery, limit, offload } = options;
    const sinceStart = ctx.stopwatch();
    const longest = { chunkMs: 0 };
    // A waiter woken while func1 computes waits for the chunk under way and, queued behind
    // func1's own next step, for up to two more (asyncio queues it the same way). Without
    // yields there is no such allowance: the whole work is one block.
    const allowance = () => (yieldEvery > 0 ? 3 * longest.chunkMs : 0);
    let outcome = 'ok';
    try {
      const first = offload
        ? coro(func1Offloaded, ctx, ctx.ms(work))
        : coro(func1, ctx, ctx.ms(work), yieldEvery, longest);
      await timeout(limit, () => gather(first, coro(func2, ctx, sinceStart)));
      const totalMs = sinceStart();
      ctx.record('total', totalMs, ctx.ms(Math.max(work, 1)));
      ctx.say(ctx.text.runTime('async', totalMs / 1000));
    } catch (err) {
      if (!(err instanceof TimeoutError)) throw err;
      const firedMs = sinceStart();
      ctx.record('timeout', firedMs, ctx.ms(limit));
      if (offload) ctx.say(ctx.text.workerTerminated(firedMs - ctx.ms(limit)));
      ctx.say(ctx.text.timeoutError);
      ctx.check({
        id: 'cpu.timeout-on-time',
        metric: 'when TimeoutError came',
        expected: ctx.ms(limit),
        actual: firedMs,
        unit: 'ms',
        allowance: allowance(),
      });
      outcome = err.name;
    }
    const func2Ms = ctx.timings.find((t) => t.label === 'func2')?.wallMs;
    if (func2Ms !== undefined) {
      ctx.check({
        id: 'cpu.func2-on-time',
        metric: 'when func2 got the thread back',
        expected: ctx.ms(1),
        actual: func2Ms,
        unit: 'ms',
        allowance: allowance(),
      });
    }
    return outcome;
  },
});
