/**
 * The runtime's own future for a wait on other futures (`waitFor`, `wait`): task events name the
 * wait by its kind and the tasks it watches.
 *
 * @module
 */
import { Future } from './future.js';

/** A future a task waits on while it watches others; set when they (or a limit) say so. @internal */
export class WatchingFuture<T> extends Future<T> {
  /** The futures it watches (set once they are futures: after a limit's timer, in asyncio's order). */
  watched: readonly Future<unknown>[] = [];

  constructor(private readonly kind: string) {
    super();
  }

  override get waitKind(): string {
    return this.kind;
  }

  override waitTargets(): readonly { readonly id: number }[] {
    return this.watched.flatMap((future) => future.waitTargets());
  }

  /** @internal The runtime's own future: a plain `Future` in reprs, as asyncio's is. */
  protected override get reprName(): string {
    return 'Future';
  }
}
