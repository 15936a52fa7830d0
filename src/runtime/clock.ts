/**
 * Notebook seconds to wall-clock milliseconds. Every duration in the runtime is in notebook
 * seconds; the time scale shrinks or stretches them all alike, so ratios stay the same
 * (`setTimeScale(0.1)` turns the 6 s demo into 0.6 s).
 *
 * @module
 */
import { performance } from 'node:perf_hooks';

// Imported, not the global: Node loads `performance` on first use, which took 5 ms at the first
// sleep of a program and skewed its timing against CPython's.

let scale = 1;

/**
 * Sets the process-wide time scale: `ms = seconds × 1000 × scale`.
 * @throws RangeError unless `factor` is a finite number above 0.
 */
export function setTimeScale(factor: number): void {
  if (!Number.isFinite(factor) || factor <= 0) {
    throw new RangeError(`time scale must be a finite number above 0, got ${factor}`);
  }
  scale = factor;
}

/** The current time scale (1 unless {@link setTimeScale} changed it). */
export function getTimeScale(): number {
  return scale;
}

/** Notebook seconds as scaled milliseconds. */
export function secondsToMs(seconds: number): number {
  return seconds * 1000 * scale;
}

/** Scaled milliseconds back to notebook seconds. */
export function msToSeconds(ms: number): number {
  return ms / 1000 / scale;
}

/**
 * The loop's clock, in monotonic milliseconds: the clock of every deadline, event and measured
 * timing. It is `performance.now()` until virtual time skips ahead or stands still (see
 * `virtual-time.ts`); from then on it differs from it by a constant, and follows it as before.
 */
export function now(): number {
  return frozenAt >= 0 ? frozenAt : performance.now() + offsetMs;
}

/**
 * @internal Busy-waits until the loop's clock reaches `at`, for `maxMs` at most; at once if the
 * clock stands still. It reads `performance.now()` itself, not through {@link now}, and only
 * every few hundred cycles: a double returned from a call is a heap number, and on Node 20 and
 * 22 every read of the clock is one, so a spin through `now()` made more garbage than the
 * immediates it replaced.
 */
export function spinUntil(at: number, maxMs: number): void {
  if (frozenAt >= 0) return;
  let time = performance.now();
  const end = Math.min(at - offsetMs, time + maxMs);
  let pause = 0;
  while (time < end) {
    for (let i = 0; i < PAUSE_CYCLES; i++) pause = (pause + i) | 0;
    time = performance.now();
  }
  PAUSED[0] = pause;
}

/** A busy-wait's pause between two reads of the clock: about 0.1-0.2 µs. */
const PAUSE_CYCLES = 300;
/** Where the pauses' sum goes, so that no compiler drops their loop. */
const PAUSED = new Int32Array(1);

/** What the loop's clock adds to `performance.now()`. */
let offsetMs = 0;
/** The loop's clock while it stands still; -1 while it runs. */
let frozenAt = -1;
/** The time virtual time jumped over, in all: what timings did not really wait. */
let skippedMs = 0;

/** @internal Moves the loop's clock `ms` ahead at once (virtual time). */
export function skipAhead(ms: number): void {
  if (!(ms > 0)) return;
  if (frozenAt >= 0) frozenAt += ms;
  else offsetMs += ms;
  skippedMs += ms;
}

/**
 * @internal Stops the loop's clock where it is (virtual time, between turns: the loop's own
 * hops are not the program's time) until {@link resume}.
 */
export function standStill(): void {
  if (frozenAt < 0) frozenAt = now();
}

/** @internal The loop's clock follows real time again, from where it stood. */
export function resume(): void {
  if (frozenAt < 0) return;
  offsetMs = frozenAt - performance.now();
  frozenAt = -1;
}

/**
 * @internal Runs `fn` with the loop's clock standing still (virtual time: watching the program,
 * recording its events or printing its lines, is not the program's time), then lets it follow
 * real time again if it did before.
 */
export function stillDuring<T>(fn: () => T): T {
  if (frozenAt >= 0) return fn();
  frozenAt = now();
  try {
    return fn();
  } finally {
    resume();
  }
}

/** @internal The time skipped so far, in ms: what a timing did not really wait. */
export function skippedSoFar(): number {
  return skippedMs;
}

const blocker = new Int32Array(new SharedArrayBuffer(4));

/**
 * How close to the end a blocking wait stops sleeping and watches the clock. Watching allocates
 * (each reading of the clock, until V8 optimises the loop): half a millisecond of it brought a
 * garbage collection every few waits and a 1 ms p99; 0.1 ms none, and a 40 µs p99.
 */
const WATCH_MS = 0.1;

/**
 * Blocks the thread until `now() >= deadline` (monotonic ms): nothing else runs meanwhile.
 * `Atomics.wait` overruns by about 0.1% plus a little, so it waits to just short of the
 * deadline and the last stretch is spent watching the clock: neither short nor long.
 */
export function blockUntil(deadline: number): void {
  for (let left = deadline - now(); left > WATCH_MS; left = deadline - now()) {
    Atomics.wait(blocker, 0, 0, left - WATCH_MS - left / 100);
  }
  while (now() < deadline) {
    // watch the clock
  }
}
