/**
 * asyncio's `call_soon`: work for the next turn of the event loop, batched so that 100 000
 * task starts cost one `setImmediate`, not 100 000.
 *
 * Work scheduled while a batch runs goes to the next batch, so a turn always ends and timers and
 * I/O get their phase in between (asyncio's ready queue behaves the same way).
 *
 * A wake-up (a resolved sleep) lets the woken coroutine take its step before the rest of the
 * batch runs, as asyncio runs one task step per ready callback: so if that step cancels a task
 * whose wake-up is later in the same batch, the cancellation wins, as in asyncio.
 *
 * @module
 */

/** Something the loop runs once on its next turn. */
export interface Runnable {
  /** Returns true when it woke a coroutine that should take its step before the next item. */
  runSoon(): boolean | undefined;
}

let queue: Runnable[] = [];
let armed = false;
let batch: Runnable[] = [];
let next = 0;

function runBatch(): void {
  while (next < batch.length) {
    const item = batch[next++] as Runnable;
    if (item.runSoon() === true && next < batch.length) {
      // The woken coroutine's step is the next microtask; go on after it.
      queueMicrotask(runBatch);
      return;
    }
  }
  batch = [];
  next = 0;
}

function drain(): void {
  armed = false;
  batch = queue;
  next = 0;
  queue = [];
  runBatch();
}

/** Runs `item.runSoon()` on the next turn of the loop (the check phase, after timers and I/O). */
export function schedule(item: Runnable): void {
  queue.push(item);
  if (!armed) {
    armed = true;
    setImmediate(drain);
  }
}

/**
 * Runs `fn` on the next turn. An error it throws is rethrown on its own, as an uncaught exception,
 * so it cannot stop the rest of the batch.
 */
export function callSoon(fn: () => void): void {
  schedule({
    runSoon() {
      try {
        fn();
      } catch (err) {
        queueMicrotask(() => {
          throw err;
        });
      }
      return false;
    },
  });
}
