/**
 * asyncio's synchronization primitives (`asyncio/locks.py` of CPython 3.11): `Lock`, `Event`,
 * `Semaphore`, `BoundedSemaphore`. Waiters wake in the order they came (FIFO), a wake-up goes
 * through the loop like any future's, and every wait can be cancelled.
 *
 * @module
 */
import { CancelledError, InvalidStateError } from './errors.js';
import { holding, Waiters } from './waiters.js';

/**
 * asyncio's `Lock`: one holder at a time, the others wait in line. Not owned by a task: any
 * code may release it. `hold(body)` is `async with lock:`.
 *
 * @example
 * const lock = new Lock();
 * await lock.hold(async () => { await sleep(1); }); // one task at a time in here
 */
export class Lock {
  #locked = false;
  readonly #waiters = new Waiters();

  /** @internal For tests, as asyncio's `_waiters`. */
  get _waiters(): Waiters {
    return this.#waiters;
  }

  /** True while held. */
  locked(): boolean {
    return this.#locked;
  }

  /** Waits until the lock is free and takes it; resolves `true`. */
  async acquire(): Promise<boolean> {
    if (!this.#locked && !this.#waiters.hasLive()) {
      this.#locked = true;
      return true;
    }
    const waiter = this.#waiters.add('lock');
    try {
      try {
        await waiter;
      } finally {
        this.#waiters.delete(waiter);
      }
    } catch (err) {
      // Woken and cancelled in the same turn: pass the lock on, or nobody ever gets it.
      if (err instanceof CancelledError && !this.#locked) this.#wakeUpFirst();
      throw err;
    }
    this.#locked = true;
    return true;
  }

  /** Frees the lock and wakes the first waiter; throws `InvalidStateError` if not held. */
  release(): void {
    if (!this.#locked) throw new InvalidStateError('Lock is not acquired.');
    this.#locked = false;
    this.#wakeUpFirst();
  }

  /** Runs `body` holding the lock (asyncio's `async with lock:`). */
  hold<R>(body: () => R | PromiseLike<R>): Promise<R> {
    return holding(this, body);
  }

  #wakeUpFirst(): void {
    const first = this.#waiters.first();
    if (first !== undefined && !first.done()) first.setResult(true);
  }

  /** `<Lock [locked, waiters:1]>`, as asyncio's repr ends. */
  toString(): string {
    return `<Lock [${this.#locked ? 'locked' : 'unlocked'}${this.#waiters.reprSuffix()}]>`;
  }
}

/**
 * asyncio's `Event`: a flag that tasks wait for. `set()` wakes every waiter; waiting on a set
 * event returns at once.
 *
 * @example
 * const ready = new Event();
 * createTask(async () => { await sleep(1); ready.set(); });
 * await ready.wait(); // one notebook second later
 */
export class Event {
  #value = false;
  readonly #waiters = new Waiters();

  /** @internal For tests, as asyncio's `_waiters`. */
  get _waiters(): Waiters {
    return this.#waiters;
  }

  /** True once set, until cleared. */
  isSet(): boolean {
    return this.#value;
  }

  /** Sets the flag and wakes every waiter. */
  set(): void {
    if (this.#value) return;
    this.#value = true;
    for (const waiter of this.#waiters) if (!waiter.done()) waiter.setResult(true);
  }

  /** Clears the flag: later waits block until the next `set()`. */
  clear(): void {
    this.#value = false;
  }

  /** Waits until the flag is set; resolves `true`. */
  async wait(): Promise<boolean> {
    if (this.#value) return true;
    const waiter = this.#waiters.add('event');
    try {
      await waiter;
      return true;
    } finally {
      this.#waiters.delete(waiter);
    }
  }

  /** `<Event [set, waiters:2]>`. */
  toString(): string {
    return `<Event [${this.#value ? 'set' : 'unset'}${this.#waiters.reprSuffix()}]>`;
  }
}

/**
 * asyncio's `Semaphore`: a counter of free places (1 by default). `acquire` takes one, waiting
 * in line when none is free; `release` gives one back. `hold(body)` is `async with sem:`.
 *
 * @example
 * const sem = new Semaphore(3);
 * await gather(...urls.map((url) => () => sem.hold(() => fetchIt(url)))); // 3 at a time
 */
export class Semaphore {
  /** @internal The free places (asyncio's `_value`). */
  _value: number;
  readonly #waiters = new Waiters();

  /** @internal For tests, as asyncio's `_waiters`. */
  get _waiters(): Waiters {
    return this.#waiters;
  }

  constructor(value = 1) {
    if (!Number.isInteger(value) || value < 0) {
      throw new RangeError(`Semaphore initial value must be an integer >= 0, not ${value}`);
    }
    this._value = value;
  }

  /** True when `acquire` would wait: no place free, or others already in line. */
  locked(): boolean {
    return this._value === 0 || this.#waiters.hasLive();
  }

  /** Takes a place, waiting in line for one if none is free; resolves `true`. */
  async acquire(): Promise<boolean> {
    if (!this.locked()) {
      this._value--;
      return true;
    }
    const waiter = this.#waiters.add('semaphore');
    try {
      try {
        await waiter;
      } finally {
        this.#waiters.delete(waiter);
      }
    } catch (err) {
      // Given a place, then cancelled before running: hand the place on.
      if (err instanceof CancelledError && !waiter.cancelled()) {
        this._value++;
        this.#wakeUpNext();
      }
      throw err;
    }
    if (this._value > 0) this.#wakeUpNext();
    return true;
  }

  /** Gives a place back and wakes the first waiter. */
  release(): void {
    this._value++;
    this.#wakeUpNext();
  }

  /** Runs `body` holding a place (asyncio's `async with sem:`). */
  hold<R>(body: () => R | PromiseLike<R>): Promise<R> {
    return holding(this, body);
  }

  // The place goes to the woken waiter now, so a newcomer cannot take it first.
  #wakeUpNext(): void {
    for (const waiter of this.#waiters) {
      if (!waiter.done()) {
        this._value--;
        waiter.setResult(true);
        return;
      }
    }
  }

  /** `<Semaphore [unlocked, value:2]>`, `<Semaphore [locked, waiters:1]>`. */
  toString(): string {
    const state = this.locked() ? 'locked' : `unlocked, value:${this._value}`;
    return `<${this.constructor.name} [${state}${this.#waiters.reprSuffix()}]>`;
  }
}

/**
 * asyncio's `BoundedSemaphore`: a `Semaphore` that throws a `RangeError` (asyncio's
 * `ValueError`) when released more often than acquired, which is always a bug.
 */
export class BoundedSemaphore extends Semaphore {
  readonly #bound: number;

  constructor(value = 1) {
    super(value);
    this.#bound = value;
  }

  override release(): void {
    if (this._value >= this.#bound) {
      throw new RangeError('BoundedSemaphore released too many times');
    }
    super.release();
  }
}
