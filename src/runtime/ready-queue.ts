/**
 * asyncio's `_ready` deque: the callbacks the loop runs on its next turn, first in, first out.
 *
 * A ring buffer of (function, argument, argument) triples, so that scheduling a callback
 * allocates nothing: 100 000 task steps cost three array writes each, not an object each.
 *
 * @module
 */

/**
 * A callback of the ready queue. It returns true when it may have started promise reactions
 * (it resumed a coroutine or ran user code): the loop then lets the microtasks settle before it
 * runs the next callback, as asyncio runs one task step to its next suspension at a time.
 */
export type ReadyCallback<A = never, B = never> = (a: A, b: B) => boolean | undefined;

/** A FIFO of ready callbacks. */
export class ReadyQueue {
  private fns: Array<ReadyCallback<unknown, unknown> | undefined> = new Array(1024);
  private firsts: unknown[] = new Array(1024);
  private seconds: unknown[] = new Array(1024);
  private head = 0;
  /** How many callbacks wait. */
  size = 0;

  /** Appends `fn(a, b)`. */
  push<A, B>(fn: ReadyCallback<A, B>, a: A, b: B): void {
    if (this.size === this.fns.length) this.grow();
    const index = (this.head + this.size) & (this.fns.length - 1);
    this.fns[index] = fn as ReadyCallback<unknown, unknown>;
    this.firsts[index] = a;
    this.seconds[index] = b;
    this.size++;
  }

  /**
   * Removes the first callback and runs it; returns what it returned. An error it throws goes
   * to `onError` with the callback and its first argument, and the queue goes on.
   */
  runFirst(
    onError: (err: unknown, fn: ReadyCallback<unknown, unknown>, a: unknown) => void,
  ): boolean | undefined {
    const index = this.head;
    const fn = this.fns[index] as ReadyCallback<unknown, unknown>;
    const a = this.firsts[index];
    const b = this.seconds[index];
    this.fns[index] = undefined;
    this.firsts[index] = undefined;
    this.seconds[index] = undefined;
    this.head = (index + 1) & (this.fns.length - 1);
    this.size--;
    try {
      return fn(a, b);
    } catch (err) {
      onError(err, fn, a);
      return false;
    }
  }

  private grow(): void {
    const capacity = this.fns.length;
    const order = (array: unknown[]) => [
      ...array.slice(this.head),
      ...array.slice(0, this.head),
      ...new Array(capacity),
    ];
    this.fns = order(this.fns) as typeof this.fns;
    this.firsts = order(this.firsts);
    this.seconds = order(this.seconds);
    this.head = 0;
  }
}
