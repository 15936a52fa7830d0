/**
 * asyncio's `Barrier` (`asyncio/locks.py` of CPython 3.11): a fixed number of tasks wait until
 * all of them have arrived, then go on together.
 *
 * @module
 */
import { Condition } from './condition.js';
import { BrokenBarrierError } from './errors.js';

type BarrierState = 'filling' | 'draining' | 'resetting' | 'broken';

/**
 * asyncio's `Barrier(parties)`: `wait()` blocks until `parties` tasks wait, then all of them go
 * on, each with its own index from 0 to `parties - 1`; the barrier then fills again. `reset()`
 * and `abort()` make the tasks waiting throw {@link BrokenBarrierError} (after `abort()`, every
 * later `wait()` too). `hold(body)` is `async with barrier as index:`.
 *
 * @example
 * const barrier = new Barrier(3);
 * await gather(...[1, 2, 3].map((n) => async () => { await sleep(n); await barrier.wait(); }));
 * // all three went on at 3 s
 */
export class Barrier {
  readonly #cond = new Condition(); // notifies every task when the state changes
  readonly #parties: number;
  #state: BarrierState = 'filling';
  #count = 0; // tasks in the barrier

  /** @throws RangeError unless `parties` ≥ 1 (asyncio's ValueError). */
  constructor(parties: number) {
    if (!(parties >= 1)) throw new RangeError('parties must be > 0');
    this.#parties = parties;
    this.#cond.waitKind = 'barrier';
  }

  /** @internal For tests, as asyncio's `_state`. */
  get _state(): BarrierState {
    return this.#state;
  }

  /** @internal For tests, as asyncio's `_count`. */
  get _count(): number {
    return this.#count;
  }

  /** How many tasks it takes to trip the barrier. */
  get parties(): number {
    return this.#parties;
  }

  /** How many tasks wait at it now (0 while it drains or resets). */
  get nWaiting(): number {
    return this.#state === 'filling' ? this.#count : 0;
  }

  /** True once `abort()` was called. */
  get broken(): boolean {
    return this.#state === 'broken';
  }

  /** Runs `body(index)` once the barrier is passed (asyncio's `async with barrier as index:`). */
  async hold<R>(body: (index: number) => R | PromiseLike<R>): Promise<R> {
    return await body(await this.wait());
  }

  /**
   * Waits until `parties` tasks wait, and returns this task's index (0 to `parties - 1`).
   * @throws BrokenBarrierError if the barrier is aborted or reset meanwhile.
   */
  wait(): Promise<number> {
    return this.#cond.hold(async () => {
      await this.#block(); // while the barrier drains or resets
      try {
        const index = this.#count;
        this.#count++;
        if (index + 1 === this.#parties) this.#release();
        else await this.#wait();
        return index;
      } finally {
        this.#count--;
        this.#exit(); // wakes the tasks waiting for the barrier to drain
      }
    });
  }

  /** Puts the barrier back to filling; the tasks waiting throw {@link BrokenBarrierError}. */
  reset(): Promise<void> {
    return this.#cond.hold(() => {
      if (this.#count > 0) this.#state = 'resetting';
      else this.#state = 'filling';
      this.#cond.notifyAll();
    });
  }

  /** Breaks the barrier: the tasks waiting, and every later `wait()`, throw {@link BrokenBarrierError}. */
  abort(): Promise<void> {
    return this.#cond.hold(() => {
      this.#state = 'broken';
      this.#cond.notifyAll();
    });
  }

  /** `<Barrier [filling, waiters:1/3]>`, as asyncio's repr ends. */
  toString(): string {
    const waiters = this.broken ? '' : `, waiters:${this.nWaiting}/${this.#parties}`;
    return `<Barrier [${this.#state}${waiters}]>`;
  }

  async #block(): Promise<void> {
    await this.#cond.waitFor(() => this.#state !== 'draining' && this.#state !== 'resetting');
    if (this.#state === 'broken') throw new BrokenBarrierError('Barrier aborted');
  }

  #release(): void {
    // Draining: tasks that come meanwhile wait until every one released has left.
    this.#state = 'draining';
    this.#cond.notifyAll();
  }

  async #wait(): Promise<void> {
    await this.#cond.waitFor(() => this.#state !== 'filling');
    if (this.#state === 'broken' || this.#state === 'resetting')
      throw new BrokenBarrierError('Abort or reset of barrier');
  }

  #exit(): void {
    if (this.#count !== 0) return;
    if (this.#state === 'resetting' || this.#state === 'draining') this.#state = 'filling';
    this.#cond.notifyAll();
  }
}
