/**
 * Virtual time, as Trio's `MockClock(autojump_threshold=0)` and Tokio's paused time: the loop's
 * clock follows real time while code runs, and when nothing is ready and no I/O the runtime knows
 * of is pending, it jumps at once to the earliest deadline instead of waiting for it.
 * `blockingSleep(s)` moves it `s` ahead without blocking. Order, cancellation, timeouts and
 * results stay those of real time: only the waiting is skipped.
 *
 * I/O the runtime knows of (a `withAbortSignal` or `ensureFuture` wait on a promise, a task
 * waiting on a foreign promise, a `runInWorker` call) holds the jumps back: the clock follows real
 * time until it settles, as Tokio stops auto-advancing while blocking work runs. I/O it cannot
 * see (a Node event that sets a future) is not waited for: in virtual time the deadlines come
 * first.
 *
 * @module
 */
import { resume, stillDuring } from './clock.js';
import { foreignWaits } from './foreign.js';

/**
 * @internal True while virtual time is on; read by the loop at the end of each turn. On from the
 * start with `ASYNCDEMO_CLOCK=virtual` in the environment (a whole program, or a test suite).
 */
export let virtualTime = process.env.ASYNCDEMO_CLOCK?.trim().toLowerCase() === 'virtual';
let pendingIo = 0;

/**
 * Turns virtual time on or off for the whole runtime (`--clock virtual` in the CLI). Prefer
 * {@link withVirtualClock}, which puts the clock back however its function ends.
 */
export function setVirtualTime(on: boolean): void {
  virtualTime = on;
  if (!on) resume();
}

/** True while virtual time is on. */
export function isVirtualTime(): boolean {
  return virtualTime;
}

/**
 * Runs `fn` with virtual time on and puts back the clock it found: waits cost no real time,
 * CPU work and I/O cost what they cost. The loop's clock stays ahead by the time skipped (it is
 * monotonic), `loopTime()` and every timing included.
 *
 * @example
 * import { test } from 'node:test';
 * test('retries for an hour', () =>
 *   withVirtualClock(async () => {
 *     const start = loopTime();
 *     await retryForAnHour();               // sleeps 3600 s in all
 *     assert.equal(Math.round(loopTime() - start), 3600); // in milliseconds of real time
 *   }));
 */
export async function withVirtualClock<T>(fn: () => T | PromiseLike<T>): Promise<T> {
  const before = virtualTime;
  virtualTime = true;
  try {
    return await fn();
  } finally {
    virtualTime = before;
    if (!before) resume();
  }
}

/** @internal I/O the runtime waits for has started: no jumps until it ends. */
export function beginIo(): void {
  pendingIo++;
  resume(); // from now on the clock follows real time, until the I/O ends
}

/** @internal That I/O has settled. */
export function endIo(): void {
  pendingIo--;
}

/** @internal True while I/O the runtime knows of is pending (the clock must follow real time). */
export function ioPending(): boolean {
  return pendingIo > 0 || foreignWaits > 0;
}

/**
 * Runs `fn` off the program's clock: in virtual time the clock stands still meanwhile (recording
 * task events, printing a run's lines), so watching a run does not change its timings; in real
 * time it just runs `fn`.
 */
export function offTheClock<T>(fn: () => T): T {
  return virtualTime ? stillDuring(fn) : fn();
}
