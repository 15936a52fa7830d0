/**
 * asyncio's `_ready` deque: the callbacks the loop runs on its next turn, first in, first out.
 *
 * A ring buffer of (function, argument, argument) triples, so that scheduling a callback
 * allocates nothing: 100 000 task steps cost three array writes each, not an object each.
 *
 * @module
 */

/** After a callback that only moved futures: the loop runs the next one at once. */
export const THEN_NEXT = 0;
/** After a callback that ran user code: the loop waits until every microtask has settled. */
export const THEN_MICROTASKS = 1;
/**
 * After a task step: the loop waits until the step ends (the task suspends on a future or its
 * coroutine returns, see `endStep`), as asyncio runs one step to its next suspension at a time.
 */
export const THEN_STEP_END = 2;

/** What the loop waits for after a callback, before it runs the next. */
export type After = typeof THEN_NEXT | typeof THEN_MICROTASKS | typeof THEN_STEP_END;

/** A callback of the ready queue; it says what to wait for before the next one. */
export type ReadyCallback<A = never, B = never> = (a: A, b: B) => After;

/** An array of `size` holes, filled so that V8 keeps it a fast array (`new Array(n)` of more
 * than 100 000 elements is a slow dictionary). */
function emptyArray<T>(size: number): Array<T | undefined> {
  const array: Array<T | undefined> = [];
  for (let i = 0; i < size; i++) array.push(undefined);
  return array;
}

/** A FIFO of ready callbacks. */
export class ReadyQueue {
  private fns: Array<ReadyCallback<unknown, unknown> | undefined> = emptyArray(1024);
  private firsts: unknown[] = emptyArray(1024);
  private seconds: unknown[] = emptyArray(1024);
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
  ): After {
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
      return THEN_MICROTASKS;
    }
  }

  /** The function of the callback {@link runFirst} runs next (for debug mode). */
  firstFunction(): ReadyCallback<unknown, unknown> | undefined {
    return this.fns[this.head];
  }

  /** The first argument of the callback {@link runFirst} runs next. */
  firstArgument(): unknown {
    return this.firsts[this.head];
  }

  private grow(): void {
    const capacity = this.fns.length;
    const fns: typeof this.fns = emptyArray(capacity * 2);
    const firsts: unknown[] = emptyArray(capacity * 2);
    const seconds: unknown[] = emptyArray(capacity * 2);
    for (let i = 0; i < capacity; i++) {
      const from = (this.head + i) & (capacity - 1);
      fns[i] = this.fns[from];
      firsts[i] = this.firsts[from];
      seconds[i] = this.seconds[from];
    }
    this.fns = fns;
    this.firsts = firsts;
    this.seconds = seconds;
    this.head = 0;
  }
}
