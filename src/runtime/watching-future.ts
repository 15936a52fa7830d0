/**
 * The runtime's own future for a wait on other futures (`waitFor`, `wait`): task events name the
 * wait by its kind and the tasks it watches.
 *
 * @module
 */
import type { Future } from './future.js';
import { Waiter } from './waiters.js';

/** A future a task waits on while it watches others; set when they (or a limit) say so. @internal */
export class WatchingFuture<T> extends Waiter<T> {
  /** The futures it watches (set once they are futures: after a limit's timer, in asyncio's order). */
  watched: readonly Future<unknown>[] = [];

  override waitTargets(): readonly { readonly id: number }[] {
    return this.watched.flatMap((future) => future.waitTargets());
  }
}
