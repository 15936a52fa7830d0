/**
 * asyncio's `wait` and `as_completed` (`asyncio/tasks.py` of CPython 3.11): watch several tasks
 * or futures and go on when the first, the first failure or all of them are done, or take their
 * results in the order they finish. Neither cancels anything.
 *
 * @module
 */

import { type Awaitable, ensureFuture } from './ensure-future.js';
import { TimeoutError } from './errors.js';
import { Future, internalCallback } from './future.js';
import { callLater } from './handles.js';
import { Queue } from './queue.js';
import { WatchingFuture } from './watching-future.js';

/** `wait` returns when any future finishes or is cancelled. */
export const FIRST_COMPLETED = 'FIRST_COMPLETED';
/** `wait` returns when any future fails (or all are done). */
export const FIRST_EXCEPTION = 'FIRST_EXCEPTION';
/** `wait` returns when all futures are done. */
export const ALL_COMPLETED = 'ALL_COMPLETED';

/** When `wait` returns. */
export type ReturnWhen = typeof FIRST_COMPLETED | typeof FIRST_EXCEPTION | typeof ALL_COMPLETED;

/** A task, a future or a promise: what `wait` and `asCompleted` watch (not a lazy coroutine). */
export type Watched<T> = Future<T> | PromiseLike<T>;

function futuresOf<T>(
  aws: Iterable<Awaitable<T>>,
  what: string,
  coroutines: boolean,
): Set<Future<T>> {
  if (aws instanceof Future || typeof (aws as { then?: unknown }).then === 'function')
    throw new TypeError(`expect ${what} of futures, not ${aws.constructor.name}`);
  const futures = new Set<Future<T>>();
  for (const aw of new Set(aws)) {
    if (typeof aw === 'function' && !coroutines)
      throw new TypeError('Passing coroutines is forbidden, use tasks explicitly.');
    futures.add(ensureFuture(aw));
  }
  return futures;
}

/**
 * Waits until the futures (tasks, futures, promises) are done as `returnWhen` says, or `timeout`
 * seconds have passed; returns `[done, pending]`, two Sets. Cancels nothing, raises nothing on a
 * timeout (the pending ones are in `pending`). asyncio's `asyncio.wait`.
 *
 * @throws TypeError for a lazy coroutine (make it a task), RangeError for none or a bad `returnWhen`.
 * @example
 * const [done, pending] = await wait([a, b, c], { returnWhen: FIRST_COMPLETED });
 * for (const task of pending) task.cancel();
 */
export async function wait<T>(
  aws: Iterable<Watched<T>>,
  options: { timeout?: number | null; returnWhen?: ReturnWhen } = {},
): Promise<[Set<Future<T>>, Set<Future<T>>]> {
  const { timeout = null, returnWhen = ALL_COMPLETED } = options;
  const futures = futuresOf(aws, 'a list', false);
  if (futures.size === 0) throw new RangeError('Set of Tasks/Futures is empty.');
  if (![FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED].includes(returnWhen))
    throw new RangeError(`Invalid return_when value: ${String(returnWhen)}`);
  const waiter = new WatchingFuture<void>('wait');
  waiter.watched = [...futures] as Future<unknown>[];
  const release = () => {
    if (!waiter.done()) waiter.setResult();
  };
  let left = futures.size;
  const onCompletion = internalCallback<T>((future) => {
    left--;
    if (
      left <= 0 ||
      returnWhen === FIRST_COMPLETED ||
      (returnWhen === FIRST_EXCEPTION && !future.cancelled() && future.exception() !== undefined)
    )
      release();
  }, '_wait.<locals>._on_completion()');
  const timer = timeout === null ? undefined : callLater(timeout, release);
  for (const future of futures) future.addDoneCallback(onCompletion);
  try {
    await waiter;
  } finally {
    timer?.cancel();
    for (const future of futures) future.removeDoneCallback(onCompletion);
  }
  const done = new Set<Future<T>>();
  const pending = new Set<Future<T>>();
  for (const future of futures) (future.done() ? done : pending).add(future);
  return [done, pending];
}

/** One item of {@link asCompleted}: waits for the next future to finish only once awaited. */
class NextCompleted<T> implements PromiseLike<T> {
  #started: Promise<T> | undefined;

  constructor(private readonly waitForOne: () => Promise<T>) {}

  // biome-ignore lint/suspicious/noThenProperty: awaitable, as asyncio's `_wait_for_one()`.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    this.#started ??= this.waitForOne();
    return this.#started.then(onFulfilled, onRejected);
  }
}

/**
 * The results of the futures (tasks, futures, promises; a lazy coroutine becomes a task) in the
 * order they finish: an array of
 * awaitables, the first giving the first result (or throwing the first error), and so on; each
 * waits only once awaited. After `timeout` seconds, the ones not yet given throw `TimeoutError`.
 * asyncio's `asyncio.as_completed`.
 *
 * @example
 * for await (const page of asCompleted([fetchA, fetchB, fetchC])) console.log(page);
 * for (const next of asCompleted(tasks, { timeout: 2 })) console.log(await next);
 */
export function asCompleted<T>(
  aws: Iterable<Awaitable<T>>,
  options: { timeout?: number | null } = {},
): PromiseLike<T>[] {
  const { timeout = null } = options;
  const todo = futuresOf(aws, 'an iterable', true);
  // Boxed: a future given back by an async function would be awaited, not returned.
  const done = new Queue<{ future: Future<T> } | undefined>();
  let timer: { cancel(): void } | undefined;
  const onCompletion = internalCallback<T>((future) => {
    if (todo.size === 0) return; // the timeout was here first
    todo.delete(future);
    done.putNowait({ future });
    if (todo.size === 0) timer?.cancel();
  }, 'as_completed.<locals>._on_completion()');
  const onTimeout = () => {
    for (const future of todo) {
      future.removeDoneCallback(onCompletion);
      done.putNowait(undefined); // a timeout for the next waiter
    }
    todo.clear();
  };
  const waitForOne = async (): Promise<T> => {
    const next = await done.get();
    if (next === undefined) throw new TimeoutError();
    return next.future.result(); // may throw the future's error
  };
  for (const future of todo) future.addDoneCallback(onCompletion);
  if (todo.size > 0 && timeout !== null) timer = callLater(timeout, onTimeout);
  return Array.from(todo, () => new NextCompleted(waitForOne));
}
