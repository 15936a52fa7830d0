/**
 * `asyncio.shield`: wait for something without letting a cancellation of the waiter reach it.
 *
 * @module
 */
import { type Awaitable, ensureFuture } from './ensure-future.js';
import { CANCELLED, FAILED, Future, internalCallback } from './future.js';
import { noteRetrieved } from './unretrieved.js';

/**
 * A future that follows `aw` but whose cancellation does not reach it: cancelling the task that
 * awaits the shield cancels only the shield (the task sees `CancelledError`); `aw` runs on.
 * If `aw` itself is cancelled, the shield is too.
 *
 * @example
 * const save = createTask(coro(saveToDisk, data));
 * await shield(save); // a cancel of this task leaves save running
 */
export function shield<T>(aw: Awaitable<T>): Future<T> {
  const inner = ensureFuture(aw);
  if (inner.done()) return inner;
  const outer = new Future<T>();
  const onInnerDone = internalCallback<T>(() => {
    if (inner._state === FAILED) noteRetrieved(inner); // asyncio reads it, even for an outer cancelled
    if (outer.cancelled()) return;
    if (inner._state === CANCELLED) outer.cancel();
    else if (inner._state === FAILED) outer.setException(inner._value);
    else outer.setResult(inner._value as T);
  }, 'shield.<locals>._inner_done_callback()');
  const onOuterDone = internalCallback<T>(() => {
    if (!inner.done()) inner.removeDoneCallback(onInnerDone);
  }, 'shield.<locals>._outer_done_callback()');
  inner.addDoneCallback(onInnerDone);
  outer.addDoneCallback(onOuterDone);
  return outer;
}
