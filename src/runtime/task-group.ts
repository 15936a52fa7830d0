/**
 * asyncio's `TaskGroup`: structured concurrency. The group waits for every task it started; the
 * first failure cancels the rest and the body, and all failures come out together.
 *
 * @module
 */
import { CancelledError, InvalidStateError, isCancelled, TaskGroupError } from './errors.js';
import { currentScope, runInScope, Scope, Waiter } from './scope.js';
import { type Coro, createTask, type Task, type TaskCallback, type TaskOptions } from './task.js';

/** Waits until the group has no running task; a cancellation ends the wait early. */
class JoinWaiter extends Waiter<void> {
  protected get kind(): string {
    return 'taskGroup';
  }

  done(): void {
    this.finish(undefined);
  }

  protected interrupt(err: CancelledError): void {
    this.fail(err);
  }
}

/** The handle the body of {@link taskGroup} gets, to start tasks in the group. */
export class TaskGroup {
  private readonly tasks = new Set<Task<unknown>>();
  private readonly errors: unknown[] = [];
  private aborting = false;
  private bodyRunning = true;
  private join: JoinWaiter | undefined;
  private readonly onChildSettled: TaskCallback<unknown> = Object.assign(
    (task: Task<unknown>) => this.childSettled(task),
    { displayName: 'TaskGroup._on_task_done()' },
  );

  /** @internal */
  constructor(private readonly scope: Scope) {}

  /**
   * Starts `coro` as a task of this group (on a later turn, as `createTask`).
   * @throws InvalidStateError once the group is shutting down or finished.
   */
  createTask<T>(coro: Coro<T>, options?: TaskOptions): Task<T> {
    if (this.aborting) throw new InvalidStateError('TaskGroup is shutting down');
    if (!this.bodyRunning && this.tasks.size === 0)
      throw new InvalidStateError('TaskGroup is finished');
    const task = createTask(coro, options);
    this.tasks.add(task);
    task.onSettle(this.onChildSettled);
    return task;
  }

  /** @internal Runs the body, then waits for every task; see {@link taskGroup}. */
  async run<T>(body: (group: TaskGroup) => Promise<T>, parent: Scope | undefined): Promise<T> {
    let result: T | undefined;
    let outsideCancel: CancelledError | undefined;
    try {
      result = await runInScope(this.scope, body, this);
    } catch (err) {
      if (!isCancelled(err)) {
        this.errors.push(err);
        this.abort();
      } else if (err.origin !== this.scope) {
        outsideCancel = err;
        this.abort();
      } // else: the group's own abort reaching the body; the child errors say why.
    } finally {
      this.bodyRunning = false;
      this.scope.unlink();
    }
    while (this.tasks.size > 0) {
      this.join = new JoinWaiter();
      try {
        await this.join.suspend(parent);
      } catch (err) {
        if (!isCancelled(err)) throw err;
        outsideCancel ??= err;
        this.abort();
      }
    }
    this.join = undefined;
    if (this.errors.length > 0) {
      const count = this.errors.length;
      throw new TaskGroupError(
        this.errors,
        `unhandled errors in a TaskGroup (${count} sub-exception${count === 1 ? '' : 's'})`,
      );
    }
    if (outsideCancel !== undefined) throw outsideCancel;
    return result as T;
  }

  private childSettled(task: Task<unknown>): void {
    this.tasks.delete(task);
    if (!task.succeeded() && !task.cancelled()) {
      this.errors.push(task.failure());
      if (!this.aborting) this.abort();
    }
    if (this.tasks.size === 0) this.join?.done();
  }

  private abort(): void {
    this.aborting = true;
    for (const task of this.tasks) task.cancel();
    if (this.bodyRunning)
      this.scope.requestCancel(new CancelledError('TaskGroup aborted', this.scope));
  }
}

/**
 * Runs `body` with a group to start tasks in, then waits for all of them. The first task error
 * that is not a cancellation cancels the other tasks and the body; once all have settled,
 * `TaskGroupError` holds every error (the body's own too). Returns the body's value.
 *
 * @example
 * await taskGroup(async (tg) => {
 *   const t1 = tg.createTask(coro(aget_data, 1));
 *   const t2 = tg.createTask(coro(aget_data, 2));
 * }); // about 2 s: both ran at once
 */
export function taskGroup<T>(body: (group: TaskGroup) => Promise<T>): Promise<T> {
  const parent = currentScope();
  return new TaskGroup(new Scope(parent)).run(body, parent);
}
