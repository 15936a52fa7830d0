/**
 * asyncio's `ensure_future`: whatever can be waited on, as a future.
 *
 * @module
 */
import type { Coro } from './coro.js';
import { Future } from './future.js';
import { createTask } from './task.js';
import { beginIo, endIo } from './virtual-time.js';
import { Waiter } from './waiters.js';

/** What `gather`, `shield` and `waitFor` take: a lazy coroutine, a task or future, or a promise. */
export type Awaitable<T> = Coro<T> | Future<T> | PromiseLike<T>;

/**
 * A future for `aw`: a future or task as it is, a lazy coroutine as a new task, a promise as a
 * future that settles with it (cancelling that future leaves the promise running: a promise
 * cannot be stopped; use `withAbortSignal` for work that can).
 * @throws TypeError for anything else.
 */
export function ensureFuture<T>(aw: Awaitable<T>): Future<T> {
  if (aw instanceof Future) return aw;
  if (typeof aw === 'function') return createTask(aw);
  if (typeof (aw as { then?: unknown } | null)?.then === 'function') {
    const future = new Waiter<T>('promise'); // a plain `Future` in reprs, as `wrap_future`'s
    beginIo(); // a promise is I/O to the runtime: virtual time waits for it
    aw.then(
      (value) => {
        endIo();
        if (!future.done()) future.setResult(value);
      },
      (err) => {
        endIo();
        if (!future.done()) future.setException(err);
      },
    );
    return future;
  }
  throw new TypeError(`a coroutine, a task, a future or a promise is required, got ${String(aw)}`);
}
