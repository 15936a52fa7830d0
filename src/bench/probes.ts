/**
 * Benches that are not throughput: a timeout's lateness and the event loop's lag.
 *
 * @module
 */

import { type LoopLag, settle, startLoopMonitor } from '../instrument/loop-lag.js';
import { createTask, ensureFuture, sleep, TimeoutError, timeout } from '../runtime/index.js';
import { powers } from '../scenarios/workload.js';
import { percentile } from '../stats.js';

/**
 * Lateness of `timeout(limitMs)` over `trials` (ms after the deadline; never negative), measured
 * inside one task, as asyncio's `async with timeout()` runs inside the main task.
 */
export async function timeoutLateness(trials: number, limitMs: number): Promise<number[]> {
  return createTask(async () => {
    const lateness: number[] = [];
    for (let i = 0; i < trials; i++) {
      const start = performance.now();
      try {
        await timeout(limitMs / 1000, () => sleep(3600));
      } catch (err) {
        if (!(err instanceof TimeoutError)) throw err;
      }
      lateness.push(performance.now() - start - limitMs);
    }
    return lateness;
  });
}

/** Lateness of `AbortSignal.timeout(limitMs)` over `trials`: the raw floor (it may be early). */
export async function abortSignalLateness(trials: number, limitMs: number): Promise<number[]> {
  const lateness: number[] = [];
  // AbortSignal.timeout's timer is unref'd: alone, it would let the process exit mid-bench.
  const keepAlive = setInterval(() => {}, 1000);
  try {
    for (let i = 0; i < trials; i++) {
      const start = performance.now();
      // A future of the promise, so that a Ctrl+C (a cancel of the task) stops the wait.
      await ensureFuture(
        new Promise<void>((resolve) => {
          AbortSignal.timeout(limitMs).addEventListener('abort', () => resolve(), { once: true });
        }),
      );
      lateness.push(performance.now() - start - limitMs);
    }
  } finally {
    clearInterval(keepAlive);
  }
  return lateness;
}

/**
 * Runs `i ** i` (i cycling through 0..2999) for `workMs` of busy time, yielding every
 * `yieldEvery` iterations (0 = never), and measures the loop's lag meanwhile: the `cpu`
 * scenario's work.
 */
export async function lagDuringWork(workMs: number, yieldEvery: number): Promise<LoopLag> {
  const monitor = startLoopMonitor();
  try {
    await settle();
    await createTask(async () => {
      let busy = 0;
      for (let i = 0; busy < workMs; ) {
        const start = performance.now();
        i = powers(i, yieldEvery || 10, 3000);
        busy += performance.now() - start;
        if (yieldEvery > 0) await sleep(0);
      }
    });
    await sleep(0.02); // one more sample after the work
  } finally {
    monitor.stop();
  }
  return monitor.stop();
}

/** p50, p99 and min of a list of latenesses. */
export function latenessSummary(values: number[]): { p50: number; p99: number; min: number } {
  return { p50: percentile(values, 50), p99: percentile(values, 99), min: Math.min(...values) };
}
