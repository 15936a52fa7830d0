/**
 * asyncio's Future: a result that arrives later, with done callbacks that the loop schedules
 * (never runs inline). Every wait of the runtime is one: a sleep, a task, a gather, a group's
 * join, a lock. A task suspends on exactly one future at a time (its `_fut_waiter`), and
 * cancelling the task cancels that future.
 *
 * @module
 */
import { type CapturedContext, captureContext } from './context.js';
import { CancelledError, InvalidStateError } from './errors.js';
import { callExceptionHandler } from './exception-handler.js';
import { runningStep, schedule } from './loop.js';
import { type After, THEN_MICROTASKS, THEN_NEXT, THEN_STEP_END } from './ready-queue.js';
import { pyRepr, recursiveRepr } from './repr.js';
import { noteFailure, noteRetrieved } from './unretrieved.js';

/** @internal */
export const PENDING = 0;
/** @internal */
export const FINISHED = 1;
/** @internal */
export const FAILED = 2;
/** @internal */
export const CANCELLED = 3;

/**
 * A done callback: called with the future on a turn after it settles. A `displayName` shows in
 * reprs (`cb=[TaskGroup._on_task_done()]`).
 */
export type DoneCallback<T> = ((future: Future<T>) => void) & { displayName?: string };

/**
 * What a future wakes when it settles: a task waiting on it, or a plain promise awaiting it
 * from outside a task. @internal
 */
export interface Waker {
  /** Schedules the wake-up; called once, when the future settles. */
  wakeUp(future: Future<unknown>): void;
  readonly displayName: string;
}

type Callback = DoneCallback<unknown> | Waker;

/**
 * What a future needs of the task whose step awaits it (a task implements it); the future module
 * knows no more of tasks than this, as asyncio's `futures.py` knows nothing of `tasks.py`.
 * @internal
 */
export interface StepOwner {
  /** True if the running step can suspend its task on a future now. */
  canSuspend(): boolean;
  /** Suspends the task on `future`; the promise its coroutine awaits. */
  suspendOn<R>(future: Future<R>): Promise<R>;
  /** Marks the task as the running one again. */
  enterStep(): void;
  done(): boolean;
}

/**
 * asyncio's Future. Await it for its result; `cancel()` settles it as cancelled. Futures are
 * the building block of waits that are not a timer or a task (an event, a reply).
 *
 * @example
 * const reply = new Future<string>();
 * callLater(1, () => reply.setResult('pong'));
 * await reply; // 'pong', one notebook second later
 */
export class Future<T = unknown> implements PromiseLike<T> {
  // The fields are declared, not defined as class fields, and set in the constructor: a class
  // field of a base class is defined through one inline cache for every subclass (a sleep, a
  // task, a waiter...), which goes megamorphic and then misses into V8's runtime on every
  // `new`: 15% of the loop's own time per sleep. A plain assignment's cache does not.
  /** @internal */
  declare _state: number;
  /**
   * @internal The result; the error; or, once cancelled, the message or the `CancelledError`
   * that ended a task (given out once, as asyncio's `_cancelled_exc`).
   */
  declare _value: unknown;
  /** One callback (the common case: the task awaiting it) is stored without an array. */
  declare private _callbacks: Callback | Callback[] | undefined;

  constructor() {
    this._state = PENDING;
    this._value = undefined;
    this._callbacks = undefined;
  }

  /** True once it has a result, an error, or was cancelled. */
  done(): boolean {
    return this._state !== PENDING;
  }

  /** True if it was cancelled. */
  cancelled(): boolean {
    return this._state === CANCELLED;
  }

  /**
   * The result.
   * @throws InvalidStateError while pending; the `CancelledError` if cancelled; its error if it failed.
   */
  result(): T {
    if (this._state === FINISHED) return this._value as T;
    if (this._state === PENDING) throw new InvalidStateError('Result is not set.');
    throw this.failure();
  }

  /**
   * The error it failed with, or `undefined` if it has a result.
   * @throws InvalidStateError while pending; the `CancelledError` if cancelled.
   */
  exception(): unknown {
    if (this._state === FAILED) {
      noteRetrieved(this);
      return this._value;
    }
    if (this._state === FINISHED) return undefined;
    if (this._state === PENDING) throw new InvalidStateError('Exception is not set.');
    throw this.makeCancelledError();
  }

  /** Settles with `value` and schedules the done callbacks. @throws InvalidStateError if done. */
  setResult(value: T): void {
    this.settle(FINISHED, value, 'set_result');
  }

  /**
   * Settles with `error` (an error class is instantiated, as asyncio does with an exception type)
   * and schedules the done callbacks. @throws InvalidStateError if done.
   */
  setException(error: unknown): void {
    this.settle(FAILED, isErrorClass(error) ? new error() : error, 'set_exception');
  }

  /** Cancels it (if still pending) and schedules the done callbacks; returns whether it did. */
  cancel(msg?: string): boolean {
    if (this._state !== PENDING) {
      // asyncio: cancelling a future that failed says its error need not be reported.
      if (this._state === FAILED) noteRetrieved(this);
      return false;
    }
    this._state = CANCELLED;
    this._value = msg;
    this.scheduleCallbacks();
    return true;
  }

  /**
   * Calls `callback(future)` on a turn after it settles (at once scheduled, if it has), in the
   * async context of this call (asyncio's `context=`).
   */
  addDoneCallback(callback: DoneCallback<T>): void {
    // A task's wake-up, through a subclass's own addDoneCallback: the task wakes as it would.
    const waker = (callback as { waker?: Waker }).waker;
    if (waker !== undefined) {
      this.addCallback(waker);
      return;
    }
    const registered = isInternal(callback) ? callback : new ContextCallback(callback as Callback);
    this.addCallback(registered as Callback);
  }

  /** Removes every registration of `callback`; returns how many there were. */
  removeDoneCallback(callback: DoneCallback<T>): number {
    return this.removeCallback(callback as Callback);
  }

  /** @internal */
  removeCallback(callback: Callback): number {
    const callbacks = this._callbacks;
    if (callbacks === undefined) return 0;
    const other = (c: Callback) => c !== callback && (c as ContextCallback).callback !== callback;
    if (!Array.isArray(callbacks)) {
      if (other(callbacks)) return 0;
      this._callbacks = undefined;
      return 1;
    }
    const kept = callbacks.filter(other);
    this._callbacks = kept.length === 0 ? undefined : kept;
    return callbacks.length - kept.length;
  }

  /**
   * Awaiting a future inside a task suspends the task on it, so cancelling the task cancels
   * the future; a future already done gives its result without a turn of the loop.
   */
  // biome-ignore lint/suspicious/noThenProperty: a Future is awaitable, as in asyncio.
  then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    return awaitFuture(this).then(onFulfilled, onRejected);
  }

  /** As a promise's `catch`: a future can stand wherever a promise is expected. */
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<T | R> {
    return this.then(undefined, onRejected);
  }

  /** As a promise's `finally`. */
  finally(onFinally?: (() => void) | null): Promise<T> {
    return awaitFuture(this).finally(onFinally);
  }

  /** So that a future is a `Promise<T>` to the type checker, as it is to `await`. */
  get [Symbol.toStringTag](): string {
    return this.reprName;
  }

  /** asyncio's repr: `<Future pending cb=[Task.task_wakeup()]>`, `<Future finished result=3>`. */
  toString(): string {
    return recursiveRepr(this, () => `<${this.reprName} ${this.reprInfo().join(' ')}>`);
  }

  /** @internal The class name in the repr: a subclass's own, as asyncio's `type(self).__name__`. */
  protected get reprName(): string {
    return this.constructor.name || 'Future';
  }

  /** @internal What the repr shows after the name, as asyncio's `_repr_info()`. */
  protected reprInfo(): string[] {
    const info = [STATE_NAMES[this._state] as string];
    if (this._state === FINISHED) info.push(`result=${pyRepr(this._value)}`);
    else if (this._state === FAILED) info.push(`exception=${pyRepr(this._value)}`);
    const cb = formatCallbacks(this._callbacks);
    if (cb !== undefined) info.push(`cb=[${cb}]`);
    return info;
  }

  /** @internal The message it was cancelled with (asyncio's `_cancel_message`), '' if none. */
  get cancelMessage(): string {
    return this._state === CANCELLED && typeof this._value === 'string' ? this._value : '';
  }

  /**
   * @internal asyncio's `_make_cancelled_error()`: the error that ended a cancelled task, the
   * first time; after that (and for a plain future), a new one with the cancel message.
   */
  makeCancelledError(): CancelledError {
    const value = this._value;
    if (this._state !== CANCELLED) return new CancelledError();
    if (value instanceof CancelledError) {
      this._value = undefined;
      return value;
    }
    return new CancelledError(value as string | undefined);
  }

  /** @internal What awaiting it throws: its error, or a cancellation. */
  failure(): unknown {
    if (this._state !== FAILED) return this.makeCancelledError();
    noteRetrieved(this);
    return this._value;
  }

  /** @internal What a task waits on, for `awaiting` events (`sleep`, `task`, `gather`, …). */
  get waitKind(): string {
    return 'future';
  }

  /**
   * @internal When a wait on it was over, if that was before it settled on the loop (a sleep's
   * deadline, which a busy loop reaches late); for `ready` events.
   */
  overAtMs(): number | undefined {
    return undefined;
  }

  /**
   * @internal The tasks whose ends end a wait on this future (a task: itself; a gather or a
   * group's join: its tasks), for `awaiting` events; none for a plain future.
   */
  waitTargets(): readonly { readonly id: number }[] {
    return [];
  }

  /** @internal */
  addCallback(callback: Callback): void {
    if (this._state !== PENDING) {
      dispatch(callback, this as Future<unknown>);
      return;
    }
    const callbacks = this._callbacks;
    if (callbacks === undefined) this._callbacks = callback;
    else if (Array.isArray(callbacks)) callbacks.push(callback);
    else this._callbacks = [callbacks, callback];
  }

  /** Settles the future; for subclasses that settle in their own way (a task). @internal */
  protected settle(state: number, value: unknown, operation = 'settle'): void {
    if (this._state !== PENDING) throw new InvalidStateError(`invalid state for ${operation}`);
    this._state = state;
    this._value = value;
    if (state === FAILED) noteFailure(this, value, this.reprName);
    this.scheduleCallbacks();
  }

  // Not a `#` method: a class with one brands every instance in its constructor, one more
  // megamorphic definition per new future.
  private scheduleCallbacks(): void {
    const callbacks = this._callbacks;
    if (callbacks === undefined) return;
    this._callbacks = undefined;
    if (!Array.isArray(callbacks)) dispatch(callbacks, this as Future<unknown>);
    else for (const callback of callbacks) dispatch(callback, this as Future<unknown>);
  }
}

const STATE_NAMES = ['pending', 'finished', 'finished', 'cancelled'];

/** `RangeError`, a subclass of Error: a class to instantiate, not an error. */
function isErrorClass(value: unknown): value is new () => Error {
  return (
    typeof value === 'function' &&
    (value === Error || (value as { prototype?: unknown }).prototype instanceof Error)
  );
}

function dispatch(callback: Callback, future: Future<unknown>): void {
  if (typeof callback === 'function') schedule(runDoneCallback, callback, future);
  else callback.wakeUp(future);
}

/**
 * A done callback of the runtime's own marks itself `internal`: it only moves futures, so the
 * loop need not let microtasks settle after it.
 */
function runDoneCallback(callback: DoneCallback<unknown>, future: Future<unknown>): After {
  callDoneCallback(callback, future);
  return isInternal(callback) ? THEN_NEXT : THEN_MICROTASKS;
}

/** A user's done callback, run in the async context it was added in. */
class ContextCallback implements Waker {
  readonly #context: CapturedContext = captureContext();

  constructor(readonly callback: Callback) {}

  get displayName(): string {
    return callbackName(this.callback);
  }

  wakeUp(future: Future<unknown>): void {
    schedule(runContextCallback, this, future);
  }

  /** @internal */
  run(future: Future<unknown>): void {
    this.#context.runInAsyncScope(callDoneCallback, undefined, this.callback, future);
  }
}

/** The loop lets the microtasks it queued settle before its next callback. */
function runContextCallback(callback: ContextCallback, future: Future<unknown>): After {
  callback.run(future);
  return THEN_MICROTASKS;
}

function callDoneCallback(callback: DoneCallback<unknown>, future: Future<unknown>): void {
  try {
    callback(future);
  } catch (err) {
    // As asyncio's Handle._run: reported, and the loop goes on.
    const call = `${callback.displayName?.replace(/\(\)$/, '') ?? (callback.name || 'callback')}(${future})`;
    callExceptionHandler({
      message: `Exception in callback ${call}`,
      exception: err,
      handle: call,
      future,
    });
  }
}

/** True for a done callback of the runtime's own (made by {@link internalCallback}). */
function isInternal(callback: unknown): boolean {
  return (callback as { internal?: boolean }).internal === true;
}

/** Marks a done callback of the runtime's own (see {@link runDoneCallback}). @internal */
export function internalCallback<T>(fn: (future: Future<T>) => void, displayName: string) {
  return Object.assign(fn, { internal: true, displayName }) as DoneCallback<T>;
}

/** asyncio's `_format_callbacks`: one, two, or the first, a count, and the last. */
function formatCallbacks(callbacks: Callback | Callback[] | undefined): string | undefined {
  if (callbacks === undefined) return undefined;
  const list = (Array.isArray(callbacks) ? callbacks : [callbacks]).map(callbackName);
  if (list.length <= 2) return list.join(', ');
  return `${list[0]}, <${list.length - 2} more>, ${list.at(-1)}`;
}

function callbackName(callback: Callback): string {
  if (typeof callback !== 'function') return callback.displayName;
  return callback.displayName ?? `${callback.name || 'callback'}()`;
}

/** A promise awaiting a future from outside a task: settled on the turn after the future. */
class PromiseWaker implements Waker {
  constructor(
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (reason: unknown) => void,
    /** The task that awaited, if any: its code runs on, so the step is its. */
    private readonly owner: StepOwner | undefined,
  ) {}

  get displayName(): string {
    return 'Future.then()';
  }

  wakeUp(future: Future<unknown>): void {
    schedule(settlePromise, this, future);
  }

  /** @internal */
  settle(future: Future<unknown>): void {
    if (future._state === FINISHED) this.resolve(future._value);
    else this.reject(future.failure());
  }

  /** @internal */
  get task(): StepOwner | undefined {
    return this.owner;
  }
}

function settlePromise(waker: PromiseWaker, future: Future<unknown>): After {
  waker.settle(future);
  const owner = waker.task;
  if (owner === undefined || owner.done()) return THEN_MICROTASKS;
  owner.enterStep();
  return THEN_STEP_END;
}

/**
 * What `await future` does: inside a task's step, the task suspends on the future (so a cancel
 * reaches it); elsewhere a promise settles on the turn after the future does. A future already
 * done gives its result at once, without a turn (asyncio's `Future.__await__` does not yield).
 * @internal
 */
export function awaitFuture<T>(future: Future<T>): Promise<T> {
  if (future._state === FINISHED) return Promise.resolve(future._value as T);
  if (future._state !== PENDING) return Promise.reject(future.failure());
  const task = runningStep() as StepOwner | undefined;
  if (task?.canSuspend() === true) return task.suspendOn(future);
  return new Promise<T>((resolve, reject) => {
    future.addCallback(new PromiseWaker(resolve as (value: unknown) => void, reject, task));
  });
}
