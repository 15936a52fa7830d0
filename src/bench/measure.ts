/**
 * Small measuring helpers for the runtime benches: repeated timings, heap per item.
 *
 * @module
 */

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
