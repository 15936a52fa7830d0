/**
 * `asyncio.gather`: run coroutines and tasks concurrently, results in argument order.
 *
 * @module
 */
import type { CancelledError } from './errors.js';
import { Waiter } from './scope.js';
import { type Coro, createTask, Task } from './task.js';

/** Options of {@link gather}, given as its last argument. */
export interface GatherOptions {
  /** Put errors (and cancellations) in the result array instead of rejecting. Default false. */
  returnExceptions?: boolean;
}

/** What `gather` accepts: lazy coroutines (each becomes a task) and tasks. */
export type Awaitable<T> = Coro<T> | Task<T>;

/** The result tuple of {@link gather} for a tuple of awaitables. */
export type GatherResults<T extends readonly Awaitable<unknown>[]> = {
  -readonly [K in keyof T]: T[K] extends Awaitable<infer R> ? R : never;
};

class GatherWaiter extends Waiter<unknown[]> {
  protected get kind(): string {
    return 'gather';
  }
  private remaining: number;
  private interruption: CancelledError | undefined;

  constructor(
    private readonly children: Task<unknown>[],
    private readonly returnExceptions: boolean,
  ) {
    super();
    this.remaining = children.length;
    if (this.remaining === 0) this.finish([]);
    const onChildSettled = Object.assign((child: Task<unknown>) => this.childSettled(child), {
      displayName: '_GatheringFuture._done_callback()',
    });
    for (const child of children) child.onSettle(onChildSettled);
  }

  protected interrupt(err: CancelledError): void {
    this.interruption = err;
    let cancelledAny = false;
    for (const child of this.children) if (child.cancel(err.message)) cancelledAny = true;
    if (!cancelledAny) this.fail(err);
  }

  private childSettled(child: Task<unknown>): void {
    this.remaining--;
    if (this.isSettled) return;
    if (!this.returnExceptions && !child.succeeded()) {
      // asyncio: the first error (a cancellation too) ends the gather; the others run on.
      this.fail((child.cancelled() && this.interruption) || child.failure());
      return;
    }
    if (this.remaining > 0) return;
    if (this.interruption !== undefined) this.fail(this.interruption);
    else this.finish(this.children.map((c) => (c.succeeded() ? c.result() : c.failure())));
  }
}

function isGatherOptions(value: unknown): value is GatherOptions {
  return typeof value === 'object' && value !== null && !(value instanceof Task);
}

/**
 * Runs every coroutine as a task (tasks are taken as they are) and resolves to their results in
 * argument order. The first error rejects the gather while the others keep running, unless
 * `returnExceptions` puts errors in the results. Cancelling the task that awaits the gather
 * cancels every child still running.
 *
 * @example
 * const [a, b] = await gather(coro(aget_data, 1), coro(aget_data, 2));
 * const settled = await gather(c1, c2, { returnExceptions: true });
 */
export function gather<T extends readonly Awaitable<unknown>[]>(
  ...aws: T
): Promise<GatherResults<T>>;
export function gather<T extends readonly Awaitable<unknown>[]>(
  ...args: [...T, GatherOptions]
): Promise<unknown[]>;
export function gather(...args: unknown[]): Promise<unknown[]> {
  const last = args.at(-1);
  const options = isGatherOptions(last) ? (args.pop() as GatherOptions) : {};
  for (const aw of args) {
    if (!(aw instanceof Task) && typeof aw !== 'function') {
      throw new TypeError(`gather takes coroutines (functions) and tasks, got ${typeof aw}`);
    }
  }
  const children = args.map((aw) =>
    aw instanceof Task ? (aw as Task<unknown>) : createTask(aw as Coro<unknown>),
  );
  return new GatherWaiter(children, options.returnExceptions === true).suspend();
}
