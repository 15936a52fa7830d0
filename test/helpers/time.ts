/** Timing helpers for tests: ratios and tolerances, never absolute speeds. */
import { setTimeScale } from '../../src/runtime/index.js';

/** Runs `fn` and returns its value and elapsed wall-clock milliseconds. */
export async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const start = performance.now();
  const value = await fn();
  return { value, ms: performance.now() - start };
}

/**
 * The small scale tests run at: 1 notebook second = 50 ms. At 20 ms, a process preempted for
 * 20-25 ms (CI on a loaded VM) swapped outcomes a notebook second apart.
 */
export const TEST_SCALE = 0.05;

/** Puts the runtime's clock at {@link TEST_SCALE}; returns ms per notebook second. */
export function useTestScale(): number {
  setTimeScale(TEST_SCALE);
  return 1000 * TEST_SCALE;
}

/** Resolves after a raw Node timer, outside the runtime. */
export function rawDelay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Watches for stalls while a timing test runs: a 1 ms Node timer, and the longest gap between
 * two of its callbacks beyond that millisecond. A loaded CI runner keeps a process away for tens
 * of milliseconds now and then (one `wait` port ended 31 ms late); a test may excuse lateness up
 * to the stall it saw, which is the machine's, and still fail a wait that ended early.
 *
 * @example
 * const stalls = new StallWatch();
 * stalls.start();
 * await work();
 * assert.ok(lateMs < 30 + stalls.stop());
 */
export class StallWatch {
  #timer: NodeJS.Timeout | undefined;
  #last = 0;
  #longest = 0;

  /** Starts watching (again, from nothing). */
  start(): void {
    this.stop();
    this.#longest = 0;
    this.#last = performance.now();
    this.#timer = setInterval(() => this.#tick(), 1);
  }

  /** The longest stall so far, in ms (0 if none). */
  get longestMs(): number {
    return Math.max(
      this.#longest,
      this.#timer === undefined ? 0 : performance.now() - this.#last - 1,
    );
  }

  /** Stops watching; returns the longest stall seen, in ms. */
  stop(): number {
    const longest = this.longestMs;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    this.#timer = undefined;
    this.#longest = longest;
    return longest;
  }

  #tick(): void {
    const now = performance.now();
    this.#longest = Math.max(this.#longest, now - this.#last - 1);
    this.#last = now;
  }
}
