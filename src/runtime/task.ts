/**
 * asyncio's Task: a coroutine scheduled on the event loop, awaitable, cancellable, with a repr.
 *
 * @module
 */
import { CancelledError, InvalidStateError } from './errors.js';
import { publishTaskEvent } from './events.js';
import { callSoon, type Runnable, schedule } from './loop.js';
import { pyRepr } from './repr.js';
import { currentScope, runInScope, Scope, Waiter } from './scope.js';

/**
 * A lazy coroutine: nothing runs until it is awaited (`await c()`) or scheduled (`createTask(c)`),
 * unlike a plain `async` call, which runs eagerly up to its first `await`.
 */
export type Coro<T> = () => Promise<T>;

/** Options of {@link createTask}. */
export interface TaskOptions {
  /** Defaults to `Task-N`, from a process-wide counter. */
  name?: string;
}

/**
 * Called once when a task settles. A `displayName` on the function shows in the task's repr
 * (`cb=[TaskGroup._on_task_done()]`).
 */
export type TaskCallback<T> = ((task: Task<T>) => void) & { displayName?: string };

let taskCounter = 0;

/**
 * A coroutine scheduled to run on a later turn of the loop. Await it for its result; `cancel()`
 * throws a `CancelledError` into it at its current await point of a runtime primitive.
 *
 * @example
 * const task = createTask(coro(aget_data, 1));
 * await sleep(0);          // the task starts on this turn
 * console.log(`${task}`);  // <Task pending name='Task-1' coro=<aget_data()>>
 * await task;              // '1 s.'
 */
export class Task<T> extends Scope implements PromiseLike<T>, Runnable {
  /** Unique per process, in creation order. */
  readonly id: number;
  private givenName: string | undefined;
  /** The coroutine's function name, as in asyncio's repr. */
  readonly coroName: string;
  /** The call with its plain arguments (`aget_data(1)`), when `coro()` made the coroutine. */
  readonly call: string | undefined;
  // Stored as unknown so that Task<T> stays covariant: a Task<string> is a Task<unknown>.
  private coro: Coro<unknown> | undefined;
  private state: 'pending' | 'finished' | 'failed' | 'cancelled' = 'pending';
  private value: T | undefined;
  private error: unknown;
  private cancelRequests = 0;
  // One callback (the common case: a group or a gather) is stored without an array.
  private settleCallbacks: TaskCallback<unknown> | Array<TaskCallback<unknown>> | undefined;
  private awaited: { promise: Promise<T>; settle: TaskCallback<unknown> } | undefined;

  /** Use {@link createTask}. @internal */
  constructor(coro: Coro<T>, options: TaskOptions = {}) {
    super();
    this.owner = this;
    this.id = ++taskCounter;
    this.givenName = options.name;
    this.coroName = coro.name || 'coro';
    this.call = (coro as unknown as { callLabel?: string }).callLabel;
    this.coro = coro;
    publishTaskEvent('created', this);
    schedule(this);
  }

  /** The task's name: `Task-N` unless one was given (made on demand: 100 000 tasks, no strings). */
  get name(): string {
    this.givenName ??= `Task-${this.id}`;
    return this.givenName;
  }

  /** True once the task finished, failed or was cancelled. */
  done(): boolean {
    return this.state !== 'pending';
  }

  /** True if the task ended cancelled. */
  cancelled(): boolean {
    return this.state === 'cancelled';
  }

  /** @internal True if the task finished with a value. */
  succeeded(): boolean {
    return this.state === 'finished';
  }

  /** @internal The error a failed or cancelled task ended with. */
  failure(): unknown {
    return this.error;
  }

  /** How many cancellations were requested and not yet answered (asyncio's `cancelling()`). */
  cancelling(): number {
    return this.state === 'pending' ? this.cancelRequests : 0;
  }

  /**
   * The task's return value.
   * @throws InvalidStateError while pending; the `CancelledError` if cancelled; its exception if it failed.
   */
  result(): T {
    switch (this.state) {
      case 'pending':
        throw new InvalidStateError('Result is not set.');
      case 'finished':
        return this.value as T;
      default:
        throw this.error;
    }
  }

  /**
   * The exception the task failed with, or `undefined` if it finished normally.
   * @throws InvalidStateError while pending; the `CancelledError` if cancelled.
   */
  exception(): unknown {
    switch (this.state) {
      case 'pending':
        throw new InvalidStateError('Exception is not set.');
      case 'cancelled':
        throw this.error;
      case 'failed':
        return this.error;
      default:
        return undefined;
    }
  }

  /**
   * Requests cancellation: the task's current (or next) await of a runtime primitive throws
   * `CancelledError`. A task not started yet never runs. Returns false if the task is done.
   */
  cancel(msg?: string): boolean {
    if (this.state !== 'pending') return false;
    this.cancelRequests++;
    this.requestCancel(new CancelledError(msg, this));
    return true;
  }

  /**
   * Calls `callback(task)` on the loop's next turn after the task settles (asyncio's
   * `add_done_callback`, which schedules rather than calls inline).
   */
  addDoneCallback(callback: TaskCallback<T>): void {
    const scheduled: TaskCallback<T> = (task) => callSoon(() => callback(task));
    scheduled.displayName = `${callback.displayName ?? (callback.name || 'callback')}()`;
    this.onSettle(scheduled);
  }

  /** @internal Calls `callback` inline the moment the task settles (runtime primitives only). */
  onSettle(callback: TaskCallback<T>): void {
    if (this.state !== 'pending') {
      callback(this);
      return;
    }
    const stored = callback as TaskCallback<unknown>;
    const callbacks = this.settleCallbacks;
    if (callbacks === undefined) this.settleCallbacks = stored;
    else if (Array.isArray(callbacks)) callbacks.push(stored);
    else this.settleCallbacks = [callbacks, stored];
  }

  /** Awaiting a task from inside another task makes cancelling the waiter cancel this task too. */
  // biome-ignore lint/suspicious/noThenProperty: a Task is awaitable, as in asyncio.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return this.wait().then(onFulfilled, onRejected);
  }

  /** asyncio's repr: `<Task pending name='Task-1' coro=<aget_data()>>`. */
  override toString(): string {
    const head = `name='${this.name}' coro=<${this.coroName}()>`;
    switch (this.state) {
      case 'pending': {
        const callbacks = this.settleCallbacks;
        const labels = (Array.isArray(callbacks) ? callbacks : callbacks ? [callbacks] : [])
          .map((callback) => callback.displayName)
          .filter((label) => label !== undefined);
        const cb = labels.length > 0 ? ` cb=[${labels.join(', ')}]` : '';
        return `<Task pending ${head}${cb}>`;
      }
      case 'cancelled':
        return `<Task cancelled ${head}>`;
      case 'failed':
        return `<Task finished ${head} exception=${pyRepr(this.error)}>`;
      default:
        return `<Task finished ${head} result=${pyRepr(this.value)}>`;
    }
  }

  /** @internal The loop starts the task here, on the turn after its creation. */
  runSoon(): boolean {
    const coro = this.coro;
    this.coro = undefined;
    if (coro === undefined || this.state !== 'pending') return false;
    const cancelled = this.takePendingCancel();
    if (cancelled !== undefined) {
      this.settle('cancelled', undefined, cancelled);
      return false;
    }
    publishTaskEvent('started', this);
    let running: Promise<unknown>;
    try {
      running = runInScope(this, coro);
    } catch (err) {
      this.onRejected(err);
      return false;
    }
    (running instanceof Promise ? running : Promise.resolve(running)).then(
      (value) => this.onFulfilled(value as T),
      (err) => this.onRejected(err),
    );
    return false;
  }

  private onFulfilled(value: T): void {
    // asyncio: a cancellation requested while the coroutine ran and never delivered still counts.
    const undelivered = this.takePendingCancel();
    if (undelivered !== undefined) this.settle('cancelled', undefined, undelivered);
    else this.settle('finished', value, undefined);
  }

  private onRejected(err: unknown): void {
    this.settle(err instanceof CancelledError ? 'cancelled' : 'failed', undefined, err);
  }

  private settle(
    state: 'finished' | 'failed' | 'cancelled',
    value: T | undefined,
    error: unknown,
  ): void {
    this.state = state;
    this.value = value;
    this.error = error;
    publishTaskEvent(state === 'finished' ? 'done' : state, this);
    this.awaited?.settle(this);
    const callbacks = this.settleCallbacks;
    this.settleCallbacks = undefined;
    if (typeof callbacks === 'function') callbacks(this);
    else if (callbacks !== undefined) for (const callback of callbacks) callback(this);
  }

  private wait(): Promise<T> {
    if (this.state === 'finished') return Promise.resolve(this.value as T);
    if (this.state !== 'pending') return Promise.reject(this.error);
    const scope = currentScope();
    // asyncio raises here too ("Task cannot await on itself"); waiting would never end.
    if (scope?.owner === this)
      return Promise.reject(new InvalidStateError('a task cannot await itself'));
    if (scope === undefined) return this.awaitedPromise();
    return new TaskWaiter(this).suspend(scope);
  }

  /** A promise made only when someone awaits the task, so an unawaited failure is never unhandled. */
  private awaitedPromise(): Promise<T> {
    if (this.awaited === undefined) {
      let settle!: TaskCallback<unknown>;
      const promise = new Promise<T>((resolve, reject) => {
        settle = (task) =>
          task.succeeded() ? resolve(task.result() as T) : reject(task.failure());
      });
      this.awaited = { promise, settle };
    }
    return this.awaited.promise;
  }
}

/** A task awaiting another: cancelling the waiter cancels the awaited task, as in asyncio. */
class TaskWaiter<T> extends Waiter<T> {
  protected get kind(): string {
    return 'task';
  }
  private interruption: CancelledError | undefined;

  constructor(private readonly awaited: Task<T>) {
    super();
    awaited.onSettle((task) => this.settledWith(task));
  }

  protected interrupt(err: CancelledError): void {
    this.interruption = err;
    if (!this.awaited.cancel(err.message)) this.settledWith(this.awaited);
  }

  private settledWith(task: Task<T>): void {
    if (task.succeeded()) this.finish(task.result());
    else this.fail((task.cancelled() && this.interruption) || task.failure());
  }
}

/**
 * Schedules `coro` as a task. It starts on a later turn of the loop, never synchronously.
 *
 * @example
 * const task = createTask(() => aget_data(1), { name: 'fetch-1' });
 */
export function createTask<T>(coro: Coro<T>, options?: TaskOptions): Task<T> {
  return new Task(coro, options);
}

/** The task whose coroutine is running now, or `undefined` outside any task. */
export function currentTask(): Task<unknown> | undefined {
  const owner = currentScope()?.owner;
  return owner instanceof Task ? owner : undefined;
}

/**
 * Makes a named lazy coroutine from an async function and its arguments, the way calling an
 * `async def` in Python makes a coroutine object: nothing runs yet, and the task's repr shows
 * the function's name.
 *
 * @example
 * const c = coro(aget_data, 2);   // aget_data has not run
 * await c();                      // now it runs
 */
export function coro<A extends unknown[], T>(fn: (...args: A) => Promise<T>, ...args: A): Coro<T> {
  const lazy = () => fn(...args);
  const plain = args.filter((arg) =>
    ['number', 'string', 'boolean', 'bigint'].includes(typeof arg),
  );
  Object.defineProperty(lazy, 'name', { value: fn.name });
  // For timelines and traces: the call as it reads in the notebook, objects left out.
  Object.defineProperty(lazy, 'callLabel', {
    configurable: true,
    value: `${fn.name}(${plain.map(pyRepr).join(', ')})`,
  });
  return lazy;
}
