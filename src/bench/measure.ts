/**
 * Small measuring helpers for the runtime benches: repeated timings, heap per item.
 *
 * @module
 */

/**
 * Times `first` and `second` `runs` times each, in turns, after one warm-up call of each: a
 * machine that slows down or speeds up meanwhile weighs on both alike (timed one block after the
 * other, raw Node's spawn+join moved 156-317 ms from one bench to the next on this VM, and the
 * ratio with it). `afterRound` runs after each round, untimed: a side that times itself in its
 * own process (CPython's) takes its turn there. Returns each side's milliseconds.
 */
export async function sampleInTurns(
  runs: number,
  first: () => Promise<unknown>,
  second: () => Promise<unknown>,
  afterRound: () => unknown = () => undefined,
): Promise<[number[], number[]]> {
  const timed = async (fn: () => Promise<unknown>, into: number[]) => {
    const start = performance.now();
    await fn();
    into.push(performance.now() - start);
  };
  await first();
  await second();
  const firsts: number[] = [];
  const seconds: number[] = [];
  for (let i = 0; i < runs; i++) {
    // ABBA: each side follows the other as often as itself (the garbage of the run before is
    // collected in the next).
    if (i % 2 === 0) {
      await timed(first, firsts);
      await timed(second, seconds);
    } else {
      await timed(second, seconds);
      await timed(first, firsts);
    }
    await afterRound();
  }
  return [firsts, seconds];
}

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('heap figures need node --expose-gc');
  gc();
  gc();
}

/**
 * Heap bytes per item held by `create(count)` until `release()`: heap after minus heap before,
 * both after a full GC, divided by `count`. The heap is read once `started` (if given) settled.
 */
export async function heapPerItem(
  count: number,
  create: (count: number) => { release(): Promise<void>; started?: PromiseLike<unknown> },
): Promise<number> {
  collectGarbage();
  const before = process.memoryUsage().heapUsed;
  const held = create(count);
  // Counting rounds of Node's loop was not enough: the runtime's turn that starts the tasks may
  // come a round or two later (it follows a turn that held the loop past its burst), and the heap
  // read before the tasks ran was 339-363 B a task against 988 B (Node 20 once, Node 26 again).
  await held.started;
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  const after = process.memoryUsage().heapUsed;
  await held.release();
  return (after - before) / count;
}
