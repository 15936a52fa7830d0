/**
 * `asyncio.gather`: run coroutines and tasks concurrently, results in argument order.
 *
 * @module
 */
import { type Awaitable, ensureFuture } from './ensure-future.js';
import { CancelledError } from './errors.js';
import { CANCELLED, FAILED, Future, internalCallback } from './future.js';
import { noteRetrieved } from './unretrieved.js';

/** Options of {@link gather}, given as its last argument. */
export interface GatherOptions {
  /** Put errors (and cancellations) in the result array instead of rejecting. Default false. */
  returnExceptions?: boolean;
}

/** The result tuple of {@link gather} for a tuple of awaitables. */
export type GatherResults<T extends readonly Awaitable<unknown>[]> = {
  -readonly [K in keyof T]: T[K] extends Awaitable<infer R> ? R : never;
};

/**
 * asyncio's `_GatheringFuture`: cancelling it cancels the children and it stays pending until
 * they have settled, as a task does.
 */
class GatheringFuture<T> extends Future<T> {
  /** @internal */
  cancelRequested = false;

  constructor(private readonly children: Future<unknown>[]) {
    super();
  }

  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    let cancelledAny = false;
    for (const child of this.children) if (child.cancel(msg)) cancelledAny = true;
    if (cancelledAny) this.cancelRequested = true;
    return cancelledAny;
  }

  /** @internal */

  protected override get reprName(): string {
    return '_GatheringFuture';
  }

  /** @internal */

  override get waitKind(): string {
    return 'gather';
  }

  /** @internal Its children that are tasks. */
  override waitTargets(): readonly { readonly id: number }[] {
    return this.children.flatMap((child) => child.waitTargets());
  }
}

function isGatherOptions(value: unknown): value is GatherOptions {
  return (
    typeof value === 'object' &&
    value !== null &&
    !(value instanceof Future) &&
    typeof (value as { then?: unknown }).then !== 'function'
  );
}

/**
 * Runs every coroutine as a task (tasks, futures and promises are taken as they are) and settles
 * with their results in argument order. The first error fails the gather while the others keep
 * running, unless `returnExceptions` puts errors in the results. A cancelled child counts as an
 * error (`CancelledError`). Cancelling the gather, or the task awaiting it, cancels every child
 * still running. Returns a future, as asyncio does: await it, or `cancel()` it.
 *
 * @example
 * const [a, b] = await gather(coro(aget_data, 1), coro(aget_data, 2));
 * const settled = await gather(c1, c2, { returnExceptions: true });
 */
export function gather<T extends readonly Awaitable<unknown>[]>(
  ...aws: T
): Future<GatherResults<T>>;
export function gather<T extends readonly Awaitable<unknown>[]>(
  ...args: [...T, GatherOptions]
): Future<unknown[]>;
export function gather(...args: unknown[]): Future<unknown[]> {
  const options = isGatherOptions(args.at(-1)) ? (args.pop() as GatherOptions) : {};
  const returnExceptions = options.returnExceptions === true;
  if (args.length === 0) {
    const outer = new Future<unknown[]>();
    outer.setResult([]);
    return outer;
  }
  const futures = new Map<unknown, Future<unknown>>();
  const children: Future<unknown>[] = [];
  let outer: GatheringFuture<unknown[]> | undefined;
  let finished = 0;
  const onChildDone = internalCallback<unknown>((child) => {
    finished++;
    // asyncio reads every child's exception: a gather retrieves them all.
    if (child._state === FAILED) noteRetrieved(child);
    if (outer === undefined || outer.done()) return;
    if (!returnExceptions && child._state === CANCELLED) {
      outer.setException(child.makeCancelledError());
      return;
    }
    if (!returnExceptions && child._state === FAILED) {
      outer.setException(child._value);
      return;
    }
    if (finished < futures.size) return;
    const results = children.map((c) =>
      c._state === CANCELLED ? new CancelledError(c.cancelMessage) : c._value,
    );
    // asyncio takes the error from the last child in argument order (its loop variable), not
    // from the child that just finished.
    if (outer.cancelRequested) outer.setException(children.at(-1)?.makeCancelledError());
    else outer.setResult(results);
  }, 'gather.<locals>._done_callback()');
  for (const arg of args) {
    // The same task or future twice is one child; a function is a fresh coroutine each time.
    let future = typeof arg === 'function' ? undefined : futures.get(arg);
    if (future === undefined) {
      future = ensureFuture(arg as Awaitable<unknown>);
      futures.set(typeof arg === 'function' ? future : arg, future);
      future.addDoneCallback(onChildDone);
    }
    children.push(future);
  }
  outer = new GatheringFuture(children);
  return outer;
}
