/**
 * asyncio's `Queue` (`asyncio/queues.py` of CPython 3.11): FIFO, optionally bounded, with
 * `taskDone` and `join` for "all work handed out is finished"; `LifoQueue` and `PriorityQueue`
 * take items in another order, as asyncio's do, through the same `_put` and `_get` hooks.
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
  /** @internal The items, as asyncio's `_queue`: what `_put` and `_get` work on. */
  protected readonly _queue: T[] = [];
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
    return this._queue.length;
  }

  /** True when no item is in the queue. */
  empty(): boolean {
    return this._queue.length === 0;
  }

  /** True when bounded and at its bound: `put` would wait. */
  full(): boolean {
    return this.#maxsize > 0 && this._queue.length >= this.#maxsize;
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
    this._put(item);
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
    if (this._queue.length === 0) throw new QueueEmpty();
    const item = this._get();
    wakeUpNext(this.#putters);
    return item;
  }

  /** @internal asyncio's `_put`: where an item goes (the back, for a FIFO queue). */
  protected _put(item: T): void {
    this._queue.push(item);
  }

  /** @internal asyncio's `_get`: which item is taken (the front, for a FIFO queue). */
  protected _get(): T {
    return this._queue.shift() as T;
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
    if (this._queue.length > 0) text += ` _queue=[${this._queue.map(pyRepr).join(', ')}]`;
    if (this.#getters.size > 0) text += ` _getters[${this.#getters.size}]`;
    if (this.#putters.size > 0) text += ` _putters[${this.#putters.size}]`;
    if (this.#unfinishedTasks > 0) text += ` tasks=${this.#unfinishedTasks}`;
    return `<${this.constructor.name} ${text}>`;
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
      waiter.setResult(undefined); // asyncio's None
      return;
    }
  }
}

/**
 * asyncio's `LifoQueue`: the last item put is the first taken.
 *
 * @example
 * const stack = new LifoQueue<number>();
 * for (const n of [1, 3, 2]) stack.putNowait(n);
 * stack.getNowait(); // 2
 */
export class LifoQueue<T = unknown> extends Queue<T> {
  protected override _get(): T {
    return this._queue.pop() as T;
  }
}

/**
 * asyncio's `PriorityQueue`: the smallest item is taken first (a binary heap, as `heapq`).
 * Items compare as Python's do: numbers and strings by value, arrays (Python's tuples)
 * element by element, so `[priority, data]` entries work as in asyncio; `compare` replaces that.
 *
 * @example
 * const jobs = new PriorityQueue<[number, string]>();
 * jobs.putNowait([2, 'later']);
 * jobs.putNowait([1, 'first']);
 * jobs.getNowait(); // [1, 'first']
 */
export class PriorityQueue<T = unknown> extends Queue<T> {
  readonly #compare: (a: T, b: T) => number;

  constructor(maxsize = 0, compare: (a: T, b: T) => number = pythonOrder) {
    super(maxsize);
    this.#compare = compare;
  }

  protected override _put(item: T): void {
    const heap = this._queue;
    heap.push(item);
    let index = heap.length - 1;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.#compare(heap[index] as T, heap[parent] as T) >= 0) break;
      [heap[index], heap[parent]] = [heap[parent] as T, heap[index] as T];
      index = parent;
    }
  }

  protected override _get(): T {
    const heap = this._queue;
    const top = heap[0] as T;
    const last = heap.pop() as T;
    if (heap.length === 0) return top;
    heap[0] = last;
    for (let index = 0; ; ) {
      const left = 2 * index + 1;
      if (left >= heap.length) break;
      const right = left + 1;
      const child =
        right < heap.length && this.#compare(heap[right] as T, heap[left] as T) < 0 ? right : left;
      if (this.#compare(heap[child] as T, heap[index] as T) >= 0) break;
      [heap[index], heap[child]] = [heap[child] as T, heap[index] as T];
      index = child;
    }
    return top;
  }
}

/**
 * Python's `<` for the values a priority queue usually holds: numbers, strings, and arrays
 * compared element by element (tuples). Anything else cannot be ordered: a `TypeError`, as
 * Python's `'<' not supported between instances`.
 */
function pythonOrder(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a < b ? -1 : a > b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const order = pythonOrder(a[i], b[i]);
      if (order !== 0) return order;
    }
    return a.length - b.length;
  }
  throw new TypeError(`'<' not supported between ${pyRepr(a)} and ${pyRepr(b)}`);
}
