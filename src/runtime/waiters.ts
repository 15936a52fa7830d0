/**
 * The waiters of a lock, an event, a semaphore or a queue: futures in the order they came.
 *
 * @module
 */
import { Future } from './future.js';

/**
 * The runtime's own future a task waits on (in a primitive, for a wrapped promise): its kind
 * names the wait in task events. @internal
 */
export class Waiter<T = boolean | undefined> extends Future<T> {
  readonly #kind: string;

  constructor(kind: string) {
    super();
    this.#kind = kind;
  }

  override get waitKind(): string {
    return this.#kind;
  }

  /** @internal The runtime's own future: a plain `Future` in reprs, as asyncio's is. */
  protected override get reprName(): string {
    return 'Future';
  }
}

/**
 * asyncio's `collections.deque` of waiters: FIFO, and a waiter leaves it from anywhere in O(1)
 * (a Set iterates in insertion order). @internal
 */
export class Waiters {
  readonly #futures = new Set<Waiter>();

  get size(): number {
    return this.#futures.size;
  }

  /** A new waiter at the back. */
  add(kind: string): Waiter {
    const waiter = new Waiter(kind);
    this.#futures.add(waiter);
    return waiter;
  }

  /** Takes the waiter out (it may be gone already: a queue pops its woken waiters). */
  delete(waiter: Waiter): void {
    this.#futures.delete(waiter);
  }

  /** The front waiter, still in the line. */
  first(): Waiter | undefined {
    for (const waiter of this.#futures) return waiter;
    return undefined;
  }

  /** Takes out the front waiter. */
  shift(): Waiter | undefined {
    const waiter = this.first();
    if (waiter !== undefined) this.#futures.delete(waiter);
    return waiter;
  }

  /** True when a waiter in line was not cancelled (a cancelled one is leaving). */
  hasLive(): boolean {
    for (const waiter of this.#futures) if (!waiter.cancelled()) return true;
    return false;
  }

  [Symbol.iterator](): Iterator<Waiter> {
    return this.#futures[Symbol.iterator]();
  }

  /** `, waiters:N` for a repr, or nothing when none wait (asyncio's repr). */
  reprSuffix(): string {
    return this.#futures.size > 0 ? `, waiters:${this.#futures.size}` : '';
  }
}

/**
 * Runs `body` holding what `acquire` took, releasing it however the body ends: asyncio's
 * `async with lock:`. @internal
 */
export async function holding<R>(
  primitive: { acquire(): Promise<boolean>; release(): void },
  body: () => R | PromiseLike<R>,
): Promise<R> {
  await primitive.acquire();
  try {
    return await body();
  } finally {
    primitive.release();
  }
}
