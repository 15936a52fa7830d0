/**
 * asyncio's `call_soon`: work for the next turn of the event loop, batched so that 100 000
 * task starts cost one `setImmediate`, not 100 000.
 *
 * Work scheduled while a batch runs goes to the next batch, so a turn always ends and timers and
 * I/O get their phase in between (asyncio's ready queue behaves the same way).
 *
 * @module
 */

/** Something the loop runs once on its next turn. */
export interface Runnable {
  runSoon(): void;
}

let queue: Runnable[] = [];
let armed = false;

function drain(): void {
  armed = false;
  const batch = queue;
  queue = [];
  for (const item of batch) item.runSoon();
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
    },
  });
}
