/**
 * asyncio's `TaskGroup` (Python 3.11's `taskgroups.py`, ported line by line): structured
 * concurrency. The group waits for every task it started; the first failure cancels the rest and
 * the task running the group, and all failures come out together.
 *
 * The group cancels its parent task and `uncancel()`s it on exit, so it can tell its own
 * cancellation from one that came from outside by the count of requests, as asyncio does.
 *
 * @module
 */
import type { Coro } from './coro.js';
import { CancelledError, InvalidStateError, KeyboardInterrupt, TaskGroupError } from './errors.js';
import { callExceptionHandler } from './exception-handler.js';
import { awaitFuture, FAILED, Future, internalCallback } from './future.js';
import { createTask, currentTask, type Task, type TaskOptions } from './task.js';
import { noteRetrieved } from './unretrieved.js';

/** The future the group's exit waits on: set once the group has no task left. */
class JoinFuture extends Future<boolean> {
  constructor(private readonly tasks: ReadonlySet<Task<unknown>>) {
    super();
  }

  /** @internal The group's tasks still running. */
  override waitTargets(): readonly Task<unknown>[] {
    return [...this.tasks];
  }

  /** @internal */
  override get waitKind(): string {
    return 'taskGroup';
  }

  /** @internal The runtime's own future: a plain `Future` in reprs, as asyncio's is. */
  protected override get reprName(): string {
    return 'Future';
  }
}

/** The handle the body of {@link taskGroup} gets, to start tasks in the group. */
export class TaskGroup {
  readonly #parent: Task<unknown>;
  readonly #tasks = new Set<Task<unknown>>();
  #errors: unknown[] = [];
  /** A `KeyboardInterrupt` (asyncio: or `SystemExit`) is raised as itself, not in the group. */
  #baseError: KeyboardInterrupt | undefined;
  #exiting = false;
  #aborting = false;
  #parentCancelRequested = false;
  #joined: JoinFuture | undefined;
  readonly #onTaskDone = internalCallback<unknown>(
    (task) => this.#taskDone(task as Task<unknown>),
    'TaskGroup._on_task_done()',
  );

  /** @internal Use {@link taskGroup}. */
  constructor(parent: Task<unknown>) {
    this.#parent = parent;
  }

  /**
   * Starts `coro` as a task of this group (on the next turn, as `createTask`).
   * @throws InvalidStateError once the group is shutting down or finished.
   */
  createTask<T>(coro: Coro<T>, options?: TaskOptions): Task<T> {
    if (this.#exiting && this.#tasks.size === 0)
      throw new InvalidStateError(`TaskGroup ${this} is finished`);
    if (this.#aborting) throw new InvalidStateError(`TaskGroup ${this} is shutting down`);
    const task = createTask(coro, options);
    task.addDoneCallback(this.#onTaskDone as (task: Task<T>) => void);
    this.#tasks.add(task as Task<unknown>);
    return task;
  }

  /** asyncio's repr: `<TaskGroup tasks=2 errors=1 cancelling>`. */
  toString(): string {
    const info = [''];
    if (this.#tasks.size > 0) info.push(`tasks=${this.#tasks.size}`);
    if (this.#errors.length > 0) info.push(`errors=${this.#errors.length}`);
    info.push(this.#aborting ? 'cancelling' : 'entered');
    return `<TaskGroup${info.join(' ')}>`;
  }

  /** @internal `async with`: the body, then the exit, which may raise in the body's place. */
  async run<T>(body: (group: TaskGroup) => PromiseLike<T>): Promise<T> {
    let result: T;
    try {
      result = await body(this);
    } catch (err) {
      await this.#exit(true, err);
      throw err;
    }
    await this.#exit(false, undefined);
    return result;
  }

  /** asyncio's `__aexit__`. */
  async #exit(raised: boolean, error: unknown): Promise<void> {
    this.#exiting = true;
    if (raised) this.#noteBaseError(error);
    let propagateCancellation = raised && error instanceof CancelledError ? error : undefined;
    if (this.#parentCancelRequested && this.#parent.uncancel() === 0) {
      // No cancellation left but the group's own: do not propagate it.
      propagateCancellation = undefined;
    }
    if (raised && !this.#aborting) this.#abort();
    // A loop: the join can be cancelled again and again while the parent is being cancelled.
    while (this.#tasks.size > 0) {
      this.#joined ??= new JoinFuture(this.#tasks);
      try {
        await awaitFuture(this.#joined);
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
        if (!this.#aborting) {
          propagateCancellation = err;
          this.#abort();
        }
      }
      this.#joined = undefined;
    }
    if (this.#baseError !== undefined) throw this.#baseError;
    if (propagateCancellation !== undefined && this.#errors.length === 0)
      throw propagateCancellation;
    if (raised && !(error instanceof CancelledError)) this.#errors.push(error);
    if (this.#errors.length > 0) {
      const errors = this.#errors;
      this.#errors = [];
      throw new TaskGroupError(
        errors,
        `unhandled errors in a TaskGroup (${errors.length} sub-exception${errors.length === 1 ? '' : 's'})`,
      );
    }
  }

  /** asyncio's `_is_base_error`: the first KeyboardInterrupt is what the group raises. */
  #noteBaseError(error: unknown): void {
    if (error instanceof KeyboardInterrupt) this.#baseError ??= error;
  }

  #abort(): void {
    this.#aborting = true;
    for (const task of this.#tasks) if (!task.done()) task.cancel();
  }

  /** asyncio's `_on_task_done`. */
  #taskDone(task: Task<unknown>): void {
    this.#tasks.delete(task);
    if (this.#joined !== undefined && this.#tasks.size === 0 && !this.#joined.done())
      this.#joined.setResult(true);
    if (task._state !== FAILED) return;
    noteRetrieved(task);
    const error = task._value;
    this.#errors.push(error);
    this.#noteBaseError(error);
    if (this.#parent.done()) {
      callExceptionHandler({
        message: `Task ${task} has errored out but its parent task ${this.#parent} is already completed`,
        exception: error,
        task,
      });
      return;
    }
    if (!this.#aborting && !this.#parentCancelRequested) {
      // Cancel whatever the body awaits now; the exit takes the request back (uncancel).
      this.#abort();
      this.#parentCancelRequested = true;
      this.#parent.cancel();
    }
  }
}

/**
 * Runs `body` with a group to start tasks in, then waits for all of them (asyncio's
 * `async with TaskGroup() as tg`). The first task error that is not a cancellation cancels the
 * other tasks and the body; once all have settled, `TaskGroupError` holds every error (the
 * children's, then the body's). Returns the body's value.
 *
 * asyncio needs a running task for a group; outside one, the group runs in a task of its own.
 *
 * @example
 * await taskGroup(async (tg) => {
 *   tg.createTask(coro(aget_data, 1));
 *   tg.createTask(coro(aget_data, 2));
 * }); // about 2 s: both ran at once
 */
export function taskGroup<T>(body: (group: TaskGroup) => PromiseLike<T>): Promise<T> {
  const parent = currentTask();
  if (parent === undefined) {
    return awaitFuture(
      createTask(function taskGroup() {
        return new TaskGroup(currentTask() as Task<unknown>).run(body);
      }),
    );
  }
  return new TaskGroup(parent).run(body);
}
