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
