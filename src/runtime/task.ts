/**
 * asyncio's Task: a coroutine driven by the loop, one step per ready callback.
 *
 * A step resumes the coroutine (with a value, or by throwing into it) and lasts until the
 * coroutine suspends again on a future or returns: the loop lets the microtasks settle before
 * its next callback. Suspending registers the task on the future (`_fut_waiter`); the future's
 * settling schedules the task's wake-up; cancelling the task cancels that future, or, when
 * there is none, leaves `_must_cancel` for the next step. All as in asyncio's `tasks.py`.
 *
 * @module
 */

import { trackTask, untrackTask } from './all-tasks.js';
import { type CapturedContext, captureContext, captureContextIn } from './context.js';
import type { Context } from './context-vars.js';
import type { Coro } from './coro.js';
import { debugEnabled, noteCoroStarted, unwatchTask, watching, watchTask } from './debug.js';
import { CancelledError, InvalidStateError } from './errors.js';
import { eventsWanted, publishTaskEvent } from './events.js';
import { callExceptionHandler } from './exception-handler.js';
import { beginForeignWait, endForeignWait, foreignWaits, noteCancelAsked } from './foreign.js';
import {
  CANCELLED,
  type DoneCallback,
  FAILED,
  FINISHED,
  Future,
  internalCallback,
  PENDING,
} from './future.js';
import { endStep, enterStep, runningStep, schedule, stepNumber } from './loop.js';
import { type After, THEN_NEXT, THEN_STEP_END } from './ready-queue.js';
import { StepPromise } from './step-promise.js';

/**
 * A done callback of a task: called with the task on a turn after it settles. A `displayName`
 * shows in the task's repr (`cb=[TaskGroup._on_task_done()]`).
 */
export type TaskCallback<T> = ((task: Task<T>) => void) & { displayName?: string };

/** Options of {@link createTask}. */
export interface TaskOptions {
  /** Defaults to `Task-N`, from a process-wide counter. */
  name?: string;
  /** How timelines show the task, e.g. `aget_data(1)`; `coro()` sets it. */
  label?: string;
  /**
   * The Context of context variables it runs in (asyncio's `context=`); by default a copy of the
   * current one. Shared, not copied: what the task sets, the context keeps.
   */
  context?: Context;
}

let taskCounter = 0;

/** @internal Restarts task numbering at `Task-1` (after the warm-up of `warm-up.ts`). */
export function resetTaskIds(): void {
  taskCounter = 0;
}
/** Passed as the error of a step that sends, not throws. */
const NO_ERROR = Symbol('no error');
/** A task's coroutine is in its first call (see `Task.observeEnd`). */
const STARTING = Symbol('starting');
/** A task's coroutine, in its first call, is to be watched once that returns. */
const WATCH = Symbol('watch');
/** A task's coroutine returned its own first wait's promise (`() => sleep(1)`): see `#start`. */
const IS_ITS_WAIT = Symbol('is its wait');
/** The wait begun in a coroutine's first call, while it runs: see `#start`. */
let newestWait: Promise<unknown> | undefined;

/**
 * A coroutine scheduled on the loop. Await it for its result; `cancel()` throws a
 * `CancelledError` into it at its current (or next) suspension.
 *
 * @example
 * const task = createTask(coro(aget_data, 1));
 * await sleep(0);          // the task starts on this turn
 * console.log(`${task}`);  // <Task pending name='Task-1' coro=<aget_data()> wait_for=<Future pending cb=[Task.task_wakeup()]>>
 * await task;              // '1 s.'
 */
export class Task<T = unknown> extends Future<T> {
  /** @internal Unique per process, in creation order. */
  readonly id: number;
  /** @internal The coroutine's function name, as in asyncio's repr. */
  readonly coroName: string;
  /** How timelines show the task (`aget_data(1)`), when known. */
  readonly label: string | undefined;
  #name: string | undefined;
  // Stored as unknown so that Task<T> stays covariant: a Task<string> is a Task<unknown>.
  readonly #coro: Coro<unknown>;
  #cancelRequests = 0;
  #mustCancel = false;
  #cancelMessage: string | undefined;
  #waitingOn: Future<unknown> | undefined;
  // The wait's promise's own functions. (Keeping only `resolve` and passing an error as a
  // rejecting thenable saves 60 bytes per pending task, but cancelling 100 000 tasks took 30%
  // longer: an extra microtask and resolving functions per cancellation.)
  #resolve: ((value: unknown) => void) | undefined;
  #reject: ((reason: unknown) => void) | undefined;
  /** The step in which the current wait began. */
  #waitStep = 0;
  /**
   * The async context it was created in, until its first step (so it also says that the first
   * step is yet to come); then IS_ITS_WAIT if its coroutine returned the promise of the wait it
   * began (see `#start`).
   */
  #context: CapturedContext | typeof IS_ITS_WAIT | undefined;
  /**
   * Its coroutine's promise, until the task watches it (see {@link observeEnd}); while the
   * coroutine's first call runs, STARTING, or WATCH once it was asked to watch it.
   */
  #running: PromiseLike<unknown> | typeof STARTING | typeof WATCH | undefined;
  /** @internal Its slot in the young list of `all-tasks.ts`, -1 once it has none. */
  _youngIndex = -1;

  /** Use {@link createTask}. @internal */
  constructor(coro: Coro<T>, options: TaskOptions = {}) {
    super();
    this.id = ++taskCounter;
    this.#name = options.name === undefined ? undefined : String(options.name);
    // An arrow function has no name; asyncio's coroutines always have one (`<lambda>` at worst).
    this.coroName = coro.name || 'anonymous';
    this.label = options.label ?? (coro as { callLabel?: string }).callLabel;
    this.#coro = coro;
    // The coroutine starts in the context of this call (asyncio's `copy_context()`); every later
    // step resumes where it awaited, so in the same context.
    this.#context =
      options.context === undefined ? captureContext() : captureContextIn(options.context);
    trackTask(this as Task<unknown>);
    if (debugEnabled) watchTask(this);
    if (eventsWanted()) publishTaskEvent('created', this, createdDetail());
    schedule(stepTask, this as Task<unknown>, NO_ERROR);
  }

  /** The task's name: `Task-N` unless one was given (made on demand: 100 000 tasks, no strings). */
  get name(): string {
    this.#name ??= `Task-${this.id}`;
    return this.#name;
  }

  set name(value: string) {
    this.#name = String(value);
  }

  /** asyncio's `get_name()`: the same as {@link name}. */
  getName(): string {
    return this.name;
  }

  /** asyncio's `set_name(value)`: any value, as its string (`String(value)`, Python's `str`). */
  setName(value: unknown): void {
    this.#name = String(value);
  }

  /**
   * asyncio's `get_coro()`: the coroutine the task runs (the function given to `createTask`),
   * before, while and after it runs.
   */
  getCoro(): Coro<T> {
    return this.#coro as Coro<T>;
  }

  /**
   * Requests cancellation: the `CancelledError` is thrown into the coroutine at its current
   * suspension, or at its next one if it is running or not started (then it never runs).
   * Returns false if the task is done. Counted: see {@link cancelling}.
   */
  override cancel(msg?: string): boolean {
    if (this._state !== PENDING) return super.cancel(msg); // false, and a failure is retrieved
    this.#cancelRequests++;
    // The future is kept: it may be a task that ignores the cancellation, to be cancelled again.
    if (this.#waitingOn?.cancel(msg) === true) return true;
    this.#mustCancel = true;
    this.#cancelMessage = msg;
    if (foreignWaits > 0) noteCancelAsked(this);
    return true;
  }

  /**
   * @internal asyncio's `_make_cancelled_error()` on a task: one that is not cancelled (it caught
   * the cancellation and went on) still carries the message of a cancel that found it between
   * waits, so a gather cancelled around it fails with that message.
   */
  override makeCancelledError(): CancelledError {
    if (this._state === CANCELLED) return super.makeCancelledError();
    return new CancelledError(this.#cancelMessage);
  }

  /**
   * @internal Its step did not end at a runtime future once the microtasks settled: the
   * coroutine awaits a promise that is not the runtime's, which no cancel can interrupt.
   */
  stepOverran(): void {
    if (this._state !== PENDING || this.#resolve !== undefined || this.#waitingOn !== undefined)
      return;
    beginForeignWait(this);
    if (eventsWanted()) publishTaskEvent('awaiting', this, { on: 'foreign' });
  }

  /** A task is settled by its coroutine only. @throws InvalidStateError, as asyncio's RuntimeError. */
  override setResult(result: T): never {
    void result;
    throw new InvalidStateError('Task does not support set_result operation');
  }

  /** A task is settled by its coroutine only. @throws InvalidStateError, as asyncio's RuntimeError. */
  override setException(error: unknown): never {
    void error;
    throw new InvalidStateError('Task does not support set_exception operation');
  }

  /**
   * @internal A task settled by `Future.prototype.setResult.call(task, …)` (bypassing its own
   * refusal) is done; its coroutine's next step reports that, as asyncio's `__step` does.
   */
  protected override settle(state: number, value: unknown, operation?: string): void {
    super.settle(state, value, operation);
    if (operation === undefined) return;
    settledFromOutside.add(this as Task<unknown>);
    if (watching) unwatchTask(this);
    untrackTask(this as Task<unknown>);
  }

  /** Calls `callback(task)` on a turn after the task settles (at once scheduled, if it has). */
  override addDoneCallback(callback: TaskCallback<T>): void {
    super.addDoneCallback(callback as DoneCallback<T>);
  }

  /** Removes every registration of `callback`; returns how many there were. */
  override removeDoneCallback(callback: TaskCallback<T>): number {
    return super.removeDoneCallback(callback as DoneCallback<T>);
  }

  /** How many cancellations were requested and not taken back with {@link uncancel}. */
  cancelling(): number {
    return this.#cancelRequests;
  }

  /** Takes back one cancellation request (`timeout` and `taskGroup` do, for their own); returns the rest. */
  uncancel(): number {
    if (this.#cancelRequests > 0) this.#cancelRequests--;
    return this.#cancelRequests;
  }

  /** @internal asyncio's repr: `<Task pending name='Task-1' coro=<aget_data()> wait_for=<...>>`. */
  protected override get reprName(): string {
    return 'Task';
  }

  /** @internal */

  protected override reprInfo(): string[] {
    const info = super.reprInfo();
    if (this._state === PENDING && this.#cancelRequests > 0) info[0] = 'cancelling';
    info.splice(1, 0, `name='${this.name}'`, `coro=<${this.coroName}()>`);
    if (this.#waitingOn !== undefined) info.splice(3, 0, `wait_for=${this.#waitingOn}`);
    return info;
  }

  /** @internal */

  override get waitKind(): string {
    return 'task';
  }

  /** @internal A wait on a task ends with it. */
  override waitTargets(): readonly Task<unknown>[] {
    return [this as Task<unknown>];
  }

  /** @internal Tasks wake other tasks: `Task.task_wakeup()` in reprs. */
  get displayName(): string {
    return 'Task.task_wakeup()';
  }

  /** @internal The future this task waits on settled: step with its outcome on the next turn. */
  wakeUp(future: Future<unknown>): void {
    // The wait ends in the step that settles its future (a wake-up is called at once), so the
    // running step's task is the one that ended it.
    if (eventsWanted())
      publishTaskEvent('ready', this, {
        by: runningStep() as Task<unknown> | undefined,
        overAtMs: future.overAtMs(),
      });
    schedule(wakeTask, this as Task<unknown>, future);
  }

  /** @internal Marks this task as the running one until the microtasks settle. */
  enterStep(): void {
    enterStep(this);
  }

  /**
   * @internal True if the running step can suspend this task on a future now: it waits on
   * nothing yet, or on something from an earlier step that its code has since left behind (a
   * `Promise.race` over waits; asyncio has no such thing). Two waits begun in one step (a
   * `Promise.all` over waits) keep the first as the task's: the others are plain promises.
   */
  canSuspend(): boolean {
    if (this._state !== PENDING) return false;
    if (this.#resolve === undefined) return true;
    if (this.#waitStep === stepNumber()) return false;
    this.#waitingOn?.removeCallback(this);
    this.#waitingOn = undefined;
    this.#resolve = undefined;
    this.#reject = undefined;
    return true;
  }

  /**
   * @internal Takes back a cancellation that was requested but never delivered (the task never
   * suspended on the runtime since); true if there was one.
   */
  takeUndeliveredCancel(): boolean {
    const had = this.#mustCancel;
    this.#mustCancel = false;
    return had;
  }

  /** @internal True if `future` is what this task waits on (a wake-up for a left wait is dropped). */
  isWaitingOn(future: Future<unknown>): boolean {
    return this.#waitingOn === future;
  }

  /** @internal True if the yield that `resolve` ends is still this task's wait. */
  isYieldingTo(resolve: unknown): boolean {
    return this.#resolve === resolve;
  }

  /**
   * @internal Suspends this task, whose step runs, on `future` (asyncio's `_fut_waiter`). Returns
   * the promise its coroutine awaits; the wake-up settles it.
   */
  suspendOn<R>(future: Future<R>): Promise<R> {
    if (foreignWaits > 0) endForeignWait(this);
    const resumed = this.#newStep<R>();
    if ((future as Future<unknown>) === this) {
      // asyncio throws this into the task on the next turn; waiting would never end.
      schedule(
        stepTask,
        this as Task<unknown>,
        new InvalidStateError(`Task cannot await on itself: ${this}`),
      );
      return resumed;
    }
    if (hasOwnAddDoneCallback(future)) future.addDoneCallback(wakeUpCallback(this));
    else future.addCallback(this);
    this.#waitingOn = future as Future<unknown>;
    if (this.#mustCancel && future.cancel(this.#cancelMessage)) this.#mustCancel = false;
    if (eventsWanted())
      publishTaskEvent('awaiting', this, {
        on: future.waitKind,
        awaited: future as Future<unknown>,
      });
    return resumed;
  }

  /** @internal A bare yield (`sleep(0)`): the next step is scheduled at once. */
  yieldStep(): Promise<void> {
    const resumed = this.#newStep<void>();
    schedule(resumeYield, this as Task<unknown>, this.#resolve);
    // A bare yield is over at once: only the loop is awaited.
    if (eventsWanted()) {
      publishTaskEvent('awaiting', this, { on: 'sleep' });
      publishTaskEvent('ready', this);
    }
    return resumed;
  }

  /** A new wait: the coroutine will await its promise, which ends the running step. */
  #newStep<R>(): Promise<R> {
    this.#waitStep = stepNumber();
    endStep(this);
    const promise = new StepPromise<R>((resolve, reject) => {
      this.#resolve = resolve as (value: unknown) => void;
      this.#reject = reject;
    });
    if (this.#running === STARTING) newestWait = promise;
    return promise;
  }

  /**
   * @internal asyncio's `__step`: send a value into the coroutine, or throw an error into it.
   * Returns what the loop waits for before its next callback.
   */
  step(value: unknown, error: unknown, wokenBy?: Future<unknown>): After {
    if (this._state !== PENDING) {
      if (settledFromOutside.has(this as Task<unknown>)) reportStepWhenDone(this, error, wokenBy);
      // Otherwise its coroutine returned while a wait it left behind was pending: nothing to do.
      return THEN_NEXT;
    }
    if (this.#mustCancel) {
      if (!(error instanceof CancelledError)) error = new CancelledError(this.#cancelMessage);
      this.#mustCancel = false;
    }
    this.#waitingOn = undefined;
    enterStep(this);
    const context = this.#context;
    if (context !== undefined && context !== IS_ITS_WAIT) {
      // Its first step: the context it was created in is needed for this one only.
      this.#context = undefined;
      context.runInAsyncScope(this.#start, this, this.#coro, error);
      return THEN_STEP_END;
    }
    const resolve = this.#resolve;
    const reject = this.#reject;
    this.#resolve = undefined;
    this.#reject = undefined;
    if (resolve === undefined || reject === undefined) return THEN_NEXT;
    publishTaskEvent('resumed', this);
    if (error === NO_ERROR) {
      resolve(value);
      // The coroutine was this wait, and nothing has watched its promise since: it returned
      // `value` (a thenable, the promise adopts: the watch sees what it comes to).
      if (this.#context === IS_ITS_WAIT && this.#running !== undefined && !isThenable(value)) {
        this.#context = undefined;
        this.#running = undefined;
        this.#return(value);
      }
    } else {
      // Watched before it may end in a rejection: an unwatched one is an unhandled rejection
      // to Node for a moment, which costs (cancelling 100 000 tasks took 1.3-2x as long).
      this.observeEnd();
      reject(error);
    }
    return THEN_STEP_END;
  }

  #start(coro: Coro<unknown>, error: unknown): void {
    if (watching) noteCoroStarted(coro); // thrown into before it ran, it was still scheduled
    // Throwing into a coroutine that never ran ends it at once: its body never runs.
    if (error !== NO_ERROR) {
      this.#end(error);
      return;
    }
    publishTaskEvent('started', this);
    let running: unknown;
    let firstWait: Promise<unknown> | undefined;
    this.#running = STARTING;
    try {
      running = coro();
    } catch (err) {
      this.#running = undefined;
      this.#end(err);
      return;
    } finally {
      firstWait = newestWait; // the wait it began, if any
      newestWait = undefined;
    }
    // (The coroutine may have asked to be watched meanwhile: TypeScript cannot know.)
    const watch = (this.#running as unknown) === WATCH;
    this.#running = undefined;
    if (!isThenable(running)) this.#return(running);
    else if (watch) this.#watch(running);
    else {
      this.#running = running;
      // `() => sleep(1)`: the coroutine is its wait, so the wait's end is its end, seen in the
      // step that resumes it, with no watch (a promise and two bound functions) to set up.
      if (running === firstWait && this.#resolve !== undefined) this.#context = IS_ITS_WAIT;
    }
  }

  /**
   * @internal Watches the coroutine's promise from now on, to see it end (once; later calls do
   * nothing). Not from the start: most coroutines suspend on the runtime's waits only, and each
   * step of theirs ends where the loop sees it, so a pending task need not hold a reaction, two
   * bound functions and a promise for it (about 200 bytes; 240 with an AsyncLocalStorage on Node 20
   * and 22).
   * The loop calls it when a step has not ended by the next microtask (the coroutine returned,
   * threw, or awaits something else); a wait's promise when something other than an `await`
   * subscribes to it (`Promise.race`: the coroutine may go on outside its steps); and a step
   * that throws into the coroutine.
   */
  observeEnd(): void {
    const running = this.#running;
    if (running === undefined || running === WATCH) return;
    if (running === STARTING) {
      this.#running = WATCH; // asked from inside the coroutine's first call
      return;
    }
    this.#running = undefined;
    this.#watch(running);
  }

  #watch(running: PromiseLike<unknown>): void {
    // Bound methods, not arrow functions: 60 bytes less per watched task.
    running.then(this.#return.bind(this), this.#end.bind(this));
  }

  /** The coroutine returned. */
  #return(value: unknown): void {
    // asyncio: a cancellation requested while the last step ran still counts.
    if (this.#mustCancel) {
      this.#mustCancel = false;
      this.#finish(CANCELLED, this.#cancelMessage);
    } else this.#finish(FINISHED, value);
  }

  /** The coroutine threw: a CancelledError cancels the task, anything else fails it. */
  #end(error: unknown): void {
    this.#finish(error instanceof CancelledError ? CANCELLED : FAILED, error);
  }

  #finish(state: number, value: unknown): void {
    if (this._state !== PENDING) return;
    if (foreignWaits > 0) endForeignWait(this);
    if (watching) unwatchTask(this);
    untrackTask(this as Task<unknown>);
    this.#resolve = undefined;
    this.#reject = undefined;
    this.settle(state, value);
    publishTaskEvent(state === FINISHED ? 'done' : state === FAILED ? 'failed' : 'cancelled', this);
    endStep(this);
  }
}

/**
 * True for a Future subclass with an `addDoneCallback` of its own, which a task waiting on it
 * must go through, as asyncio's `result.add_done_callback(self.__wakeup)` does.
 */
function hasOwnAddDoneCallback(future: Future<unknown>): boolean {
  const add = future.addDoneCallback;
  return add !== Future.prototype.addDoneCallback && add !== Task.prototype.addDoneCallback;
}

/** The task's wake-up as a done callback; `Future.addDoneCallback` registers the task itself. */
function wakeUpCallback(task: Task<unknown>): DoneCallback<unknown> {
  const callback = internalCallback((future) => task.wakeUp(future), task.displayName);
  return Object.assign(callback, { waker: task });
}

/** Tasks that `Future.prototype.setResult`/`setException` settled: see `Task.settle`. */
const settledFromOutside = new WeakSet<Task<unknown>>();

function reportStepWhenDone(task: Task<unknown>, error: unknown, wokenBy?: Future<unknown>): void {
  const handle = wokenBy === undefined ? 'Task.__step()' : `Task.task_wakeup(${wokenBy})`;
  const exc = error === NO_ERROR ? 'None' : String(error);
  callExceptionHandler({
    message: `Exception in callback ${handle}`,
    exception: new InvalidStateError(`_step(): already done: ${task} ${exc}`),
    handle,
  });
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function stepTask(task: Task<unknown>, error: unknown): After {
  return task.step(undefined, error);
}

function resumeYield(task: Task<unknown>, resolve: unknown): After {
  if (!task.isYieldingTo(resolve)) return THEN_NEXT;
  return task.step(undefined, NO_ERROR);
}

/** asyncio's `__wakeup`: step with the future's result, or throw its error. */
function wakeTask(task: Task<unknown>, future: Future<unknown>): After {
  if (!task.isWaitingOn(future)) return THEN_NEXT;
  if (future._state === FINISHED) return task.step(future._value, NO_ERROR, future);
  return task.step(undefined, future.failure(), future);
}

/**
 * Schedules `coro` as a task. It starts on the next turn of the loop, never synchronously.
 *
 * @throws TypeError unless `coro` is a function (a lazy coroutine, see `coro()`).
 * @example
 * const task = createTask(() => aget_data(1), { name: 'fetch-1' });
 */
export function createTask<T>(coro: Coro<T>, options?: TaskOptions): Task<T> {
  if (typeof coro !== 'function') {
    throw new TypeError(`a coroutine was expected, got ${String(coro)}`);
  }
  return new Task(coro, options);
}

/** The task whose step runs now (asyncio's `current_task()`), or `undefined` outside any. */
export function currentTask(): Task<unknown> | undefined {
  return runningStep() as Task<unknown> | undefined;
}

/** A new task's parent, for its `created` event: the task whose step made it. */
function createdDetail(): { parentId?: number } {
  const parent = runningStep() as { id?: number } | undefined;
  return parent?.id === undefined ? {} : { parentId: parent.id };
}
