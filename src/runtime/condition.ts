/**
 * asyncio's `Condition` (`asyncio/locks.py` of CPython 3.11): a lock plus a line of tasks waiting
 * to be notified.
 *
 * @module
 */
import { CancelledError, InvalidStateError } from './errors.js';
import { Lock } from './locks.js';
import { holding, Waiters } from './waiters.js';

/**
 * asyncio's `Condition`: `wait()` releases the lock, waits for a `notify`, and takes the lock
 * again before it returns (even when cancelled); `notify(n)` wakes the first `n` waiters,
 * `notifyAll()` every one. Both need the lock held. `hold(body)` is `async with condition:`.
 *
 * @example
 * const cond = new Condition();
 * const items: number[] = [];
 * createTask(() => cond.hold(async () => { await cond.waitFor(() => items.length > 0); items.shift(); }));
 * await cond.hold(async () => { items.push(1); cond.notify(); });
 */
export class Condition {
  readonly #lock: Lock;
  readonly #waiters = new Waiters();
  /** @internal What its waits are in task events (a Barrier's own condition says `barrier`). */
  waitKind = 'condition';

  /** `lock`: a Lock of the caller's, shared with other code; a new one by default. */
  constructor(lock: Lock = new Lock()) {
    this.#lock = lock;
  }

  /** @internal For tests, as asyncio's `_waiters`. */
  get _waiters(): Waiters {
    return this.#waiters;
  }

  /** True while the lock is held. */
  locked(): boolean {
    return this.#lock.locked();
  }

  /** Takes the lock (see `Lock.acquire`). */
  acquire(): Promise<boolean> {
    return this.#lock.acquire();
  }

  /** Frees the lock (see `Lock.release`). */
  release(): void {
    this.#lock.release();
  }

  /** Runs `body` holding the lock (asyncio's `async with condition:`). */
  hold<R>(body: () => R | PromiseLike<R>): Promise<R> {
    return holding(this, body);
  }

  /**
   * Releases the lock, waits to be notified, then takes the lock again and resolves `true`. The
   * lock is taken again whatever happens; a cancel meanwhile is thrown once it is.
   * @throws InvalidStateError unless the lock is held.
   */
  async wait(): Promise<boolean> {
    if (!this.locked()) throw new InvalidStateError('cannot wait on un-acquired lock');
    this.release();
    let failure: { error: unknown } | undefined;
    const waiter = this.#waiters.add(this.waitKind);
    try {
      await waiter;
    } catch (error) {
      failure = { error };
    } finally {
      this.#waiters.delete(waiter);
    }
    // The lock is taken again even when the wait was cancelled; a cancel meanwhile is kept for
    // after it (asyncio's loop of `await self.acquire()`).
    let cancelled: CancelledError | undefined;
    for (;;) {
      try {
        await this.acquire();
        break;
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
        cancelled = err;
      }
    }
    if (cancelled !== undefined) throw cancelled;
    if (failure !== undefined) throw failure.error;
    return true;
  }

  /** Waits until `predicate()` is truthy, checking it after each notify; returns its value. */
  async waitFor<R>(predicate: () => R): Promise<R> {
    let result = predicate();
    while (!result) {
      await this.wait();
      result = predicate();
    }
    return result;
  }

  /**
   * Wakes up to `n` waiters (each takes the lock again in turn).
   * @throws InvalidStateError unless the lock is held.
   */
  notify(n = 1): void {
    if (!this.locked()) throw new InvalidStateError('cannot notify on un-acquired lock');
    let woken = 0;
    for (const waiter of this.#waiters) {
      if (woken >= n) break;
      if (!waiter.done()) {
        woken++;
        waiter.setResult(false);
      }
    }
  }

  /** Wakes every waiter. @throws InvalidStateError unless the lock is held. */
  notifyAll(): void {
    this.notify(this.#waiters.size);
  }

  /** `<Condition [unlocked, waiters:1]>`, as asyncio's repr ends. */
  toString(): string {
    return `<Condition [${this.locked() ? 'locked' : 'unlocked'}${this.#waiters.reprSuffix()}]>`;
  }
}
