/**
 * `asyncio.wait_for` (Python 3.11's, ported): wait for one thing with a time limit; at the limit,
 * cancel it, wait until it has unwound, and raise `TimeoutError`.
 *
 * @module
 */
import { type Awaitable, ensureFuture } from './ensure-future.js';
import { CancelledError, TimeoutError } from './errors.js';
import { awaitFuture, type DoneCallback, Future, internalCallback } from './future.js';
import { callAtInternal } from './handles.js';
import { loopTime } from './loop.js';
import { WatchingFuture } from './watching-future.js';

function releaser(waiter: Future<void>): DoneCallback<unknown> {
  return internalCallback(() => {
    if (!waiter.done()) waiter.setResult(undefined);
  }, '_release_waiter()');
}

/** Cancels `future` and waits until it has settled (asyncio's `_cancel_and_wait`). */
async function cancelAndWait(future: Future<unknown>): Promise<void> {
  const waiter = new Future<void>();
  const onDone = releaser(waiter);
  future.addDoneCallback(onDone);
  try {
    future.cancel();
    await awaitFuture(waiter);
  } finally {
    future.removeDoneCallback(onDone);
  }
}

/**
 * Waits for `aw` at most `seconds` (notebook seconds, scaled; `null` for no limit). At the limit
 * `aw` is cancelled and, once it has settled, `TimeoutError` is thrown. Cancelling the waiting
 * task cancels `aw` too (wrap it in `shield` to keep it running).
 *
 * @example
 * const page = await waitFor(coro(fetchPage, url), 5);
 */
export async function waitFor<T>(aw: Awaitable<T>, seconds: number | null | undefined): Promise<T> {
  if (seconds === null || seconds === undefined) {
    return typeof aw === 'function' ? await aw() : await aw;
  }
  if (typeof seconds !== 'number' || Number.isNaN(seconds))
    throw new TypeError(`seconds must be a number or null, got ${String(seconds)}`);
  if (seconds <= 0) {
    const future = ensureFuture(aw);
    if (future.done()) return future.result();
    await cancelAndWait(future as Future<unknown>);
    try {
      return future.result();
    } catch (err) {
      if (err instanceof CancelledError) throw new TimeoutError('', { cause: err });
      throw err;
    }
  }
  const waiter = new WatchingFuture<void>('waitFor');
  const onDone = releaser(waiter);
  const timer = callAtInternal(loopTime() + seconds, () => {
    if (!waiter.done()) waiter.setResult(undefined);
  });
  const future = ensureFuture(aw);
  waiter.watched = [future as Future<unknown>];
  future.addDoneCallback(onDone as DoneCallback<T>);
  try {
    try {
      await awaitFuture(waiter);
    } catch (err) {
      if (!(err instanceof CancelledError)) throw err;
      if (future.done()) return future.result();
      future.removeDoneCallback(onDone as DoneCallback<T>);
      await cancelAndWait(future as Future<unknown>);
      throw err;
    }
    if (future.done()) return future.result();
    future.removeDoneCallback(onDone as DoneCallback<T>);
    await cancelAndWait(future as Future<unknown>);
    try {
      return future.result();
    } catch (err) {
      if (err instanceof CancelledError) throw new TimeoutError('', { cause: err });
      throw err;
    }
  } finally {
    timer.cancel();
  }
}
