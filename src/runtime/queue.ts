/**
 * asyncio's `Queue` (`asyncio/queues.py` of CPython 3.11): FIFO, optionally bounded, with
 * `taskDone` and `join` for "all work handed out is finished".
 *
 * @module
 */
import { Event } from './locks.js';
import { pyRepr } from './repr.js';
import { type Waiter, Waiters } from './waiters.js';

/** `getNowait()` on an empty queue: asyncio's `QueueEmpty`. */
export class QueueEmpty extends Error {
  override name = 'QueueEmpty';
}

/** `putNowait()` on a full queue: asyncio's `QueueFull`. */
export class QueueFull extends Error {
  override name = 'QueueFull';
}

/**
 * asyncio's `Queue`. With `maxsize > 0`, `put` waits while the queue is full; `get` waits while
 * it is empty; waiters are served first come, first served. Each `get` is answered by one
 * `taskDone()` once the item is handled; `join()` waits until every item put was done.
 *
 * @example
 * const queue = new Queue<number>(2);
 * createTask(async () => { for (;;) { const n = await queue.get(); await sleep(n); queue.taskDone(); } });
 * for (const n of [1, 1, 1]) await queue.put(n);
 * await queue.join(); // all three handled
 */
export class Queue<T = unknown> {
  readonly #maxsize: number;
  readonly #items: T[] = [];
  readonly #getters = new Waiters();
  readonly #putters = new Waiters();
  #unfinishedTasks = 0;
  readonly #finished = new Event();

  /** @internal For tests, as asyncio's `_getters`. */
  get _getters(): Waiters {
    return this.#getters;
  }

  /** @internal For tests, as asyncio's `_putters`. */
  get _putters(): Waiters {
    return this.#putters;
  }

  /** `maxsize` ≤ 0 (the default) is unbounded. */
  constructor(maxsize = 0) {
    if (Number.isNaN(maxsize)) throw new TypeError('Queue maxsize must be a number, not NaN');
    this.#maxsize = maxsize;
    this.#finished.set();
  }

  /** The bound given to the constructor (0: none). */
  get maxsize(): number {
    return this.#maxsize;
  }

  /** Items in the queue now. */
  qsize(): number {
    return this.#items.length;
  }

  /** True when no item is in the queue. */
  empty(): boolean {
    return this.#items.length === 0;
  }

  /** True when bounded and at its bound: `put` would wait. */
  full(): boolean {
    return this.#maxsize > 0 && this.#items.length >= this.#maxsize;
  }

  /** Puts `item` at the back, waiting while the queue is full. */
  async put(item: T): Promise<void> {
    while (this.full()) {
      await this.#wait(this.#putters, 'queue.put', () => !this.full());
    }
    this.putNowait(item);
  }

  /** Puts `item` at the back, or throws {@link QueueFull}. */
  putNowait(item: T): void {
    if (this.full()) throw new QueueFull();
    this.#items.push(item);
    this.#unfinishedTasks++;
    this.#finished.clear();
    wakeUpNext(this.#getters);
  }

  /** Takes the front item, waiting while the queue is empty. */
  async get(): Promise<T> {
    while (this.empty()) {
      await this.#wait(this.#getters, 'queue.get', () => !this.empty());
    }
    return this.getNowait();
  }

  /** Takes the front item, or throws {@link QueueEmpty}. */
  getNowait(): T {
    if (this.#items.length === 0) throw new QueueEmpty();
    const item = this.#items.shift() as T;
    wakeUpNext(this.#putters);
    return item;
  }

  /** Says an item taken by `get` is handled; throws a `RangeError` if called once too often. */
  taskDone(): void {
    if (this.#unfinishedTasks <= 0) throw new RangeError('taskDone() called too many times');
    this.#unfinishedTasks--;
    if (this.#unfinishedTasks === 0) this.#finished.set();
  }

  /** Waits until every item put so far was taken and handled (`taskDone`). */
  async join(): Promise<void> {
    if (this.#unfinishedTasks > 0) await this.#finished.wait();
  }

  /** `<Queue maxsize=0 _queue=[1, 2] _getters[1] tasks=2>`, as asyncio's `str()`. */
  toString(): string {
    let text = `maxsize=${this.#maxsize}`;
    if (this.#items.length > 0) text += ` _queue=[${this.#items.map(pyRepr).join(', ')}]`;
    if (this.#getters.size > 0) text += ` _getters[${this.#getters.size}]`;
    if (this.#putters.size > 0) text += ` _putters[${this.#putters.size}]`;
    if (this.#unfinishedTasks > 0) text += ` tasks=${this.#unfinishedTasks}`;
    return `<Queue ${text}>`;
  }

  /** One wait in line; on any error, hand a wake-up meant for us to the next in line. */
  async #wait(line: Waiters, kind: string, canGoOn: () => boolean): Promise<void> {
    const waiter: Waiter = line.add(kind);
    try {
      await waiter;
    } catch (err) {
      waiter.cancel(); // in case it is not done yet
      line.delete(waiter);
      if (canGoOn() && !waiter.cancelled()) wakeUpNext(line);
      throw err;
    }
  }
}

/** Wakes the first waiter not yet done, taking the ones before it out of the line. */
function wakeUpNext(line: Waiters): void {
  for (let waiter = line.shift(); waiter !== undefined; waiter = line.shift()) {
    if (!waiter.done()) {
      waiter.setResult(true);
      return;
    }
  }
}
