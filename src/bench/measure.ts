/**
 * Small measuring helpers for the runtime benches: medians, percentiles, heap per item.
 *
 * @module
 */

/** Sorted copy of `values`. */
export function sorted(values: number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The `p`-th percentile (0..100) of `values`, nearest rank. */
export function percentile(values: number[], p: number): number {
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank] as number;
}

/** The median of `values`. */
export function median(values: number[]): number {
  return percentile(values, 50);
}

/** Runs `fn` `runs` times (after one warm-up) and returns each run's milliseconds. */
export async function sampleMs(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return samples;
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('heap figures need node --expose-gc');
  gc();
  gc();
}

/**
 * Heap bytes per item held by `create(count)` until `release()`: heap after minus heap before,
 * both after a full GC, divided by `count`.
 */
export async function heapPerItem(
  count: number,
  create: (count: number) => { release(): Promise<void> },
): Promise<number> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const held = create(count);
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  await held.release();
  return (after - before) / count;
}
