/**
 * asyncio's `Runner`: several runs of main coroutines that share one Context of context
 * variables and one debug setting, closed once (`asyncio.run` is one run and a close).
 *
 * Node's loop is not the runner's: it never stops between two runs, so a task a run left pending
 * goes on running until the next run or the close, where asyncio's would wait, frozen.
 *
 * @module
 */
import { allTasks } from './all-tasks.js';
import { type Context, contextVarsInUse, copyContext } from './context-vars.js';
import type { Coro } from './coro.js';
import { getDebug, setDebug } from './debug.js';
import { CancelledError, InvalidStateError, KeyboardInterrupt } from './errors.js';
import { callExceptionHandler } from './exception-handler.js';
import { gather } from './gather.js';
import { atTurnEnd } from './loop.js';
import { createTask, currentTask, type Task } from './task.js';
import { noteRetrieved, reportUnretrievedErrors } from './unretrieved.js';

/** Options of a {@link Runner}. */
export interface RunnerOptions {
  /** Debug mode from the first run to the close (see `setDebug`); unset, as it was. */
  debug?: boolean;
}

/** Options of one {@link Runner.run}. */
export interface RunnerRunOptions {
  /** The Context `main` runs in; by default the runner's own (a copy of the current one). */
  context?: Context;
}

/** True while a runner's run (or `run()`) runs: runs do not nest, as asyncio's loops. */
let running = false;

/** @internal True while a run runs, or a task's step (a run from there would nest). */
export function inRunningLoop(): boolean {
  return running || currentTask() !== undefined;
}

/**
 * Runs main coroutines one after another, as asyncio's `Runner`: each in a task, in the runner's
 * Context (what one run sets, the next sees), Ctrl+C cancelling it (`KeyboardInterrupt`). A
 * failed task nobody retrieved is reported when each main ends; `close()` cancels the tasks
 * still pending, reports what they raised other than their cancellation, and puts the debug
 * setting back.
 *
 * @example
 * const runner = new Runner();
 * try {
 *   await runner.run(async () => user.set('ann'));
 *   console.log(await runner.run(async () => user.get())); // 'ann'
 * } finally {
 *   await runner.close();
 * }
 * // or: await using runner = new Runner(); (Node 24 and later)
 */
export class Runner {
  readonly #debug: boolean | undefined;
  #state: 'new' | 'ready' | 'closed' = 'new';
  #context: Context | undefined;
  #debugBefore = false;
  /** The tasks a run that closes its runner cancelled where it stopped, for the close to await. */
  #cancelled: Task<unknown>[] | undefined;

  constructor(options: RunnerOptions = {}) {
    this.#debug = options.debug;
  }

  /**
   * Runs `main` in a task until it ends, and returns its result or throws its error.
   *
   * @throws InvalidStateError when closed ("Runner is closed") or called while a run runs;
   *   TypeError unless `main` is a coroutine.
   */
  async run<T>(main: Coro<T>, options: RunnerRunOptions = {}): Promise<T> {
    return this.#run(main, options, false);
  }

  /** @internal `asyncio.run`: one run, then the close, its cancels where the run stops. */
  async runAndClose<T>(main: Coro<T>, options: RunnerRunOptions = {}): Promise<T> {
    try {
      return await this.#run(main, options, true);
    } finally {
      await this.close();
    }
  }

  async #run<T>(main: Coro<T>, options: RunnerRunOptions, closing: boolean): Promise<T> {
    if (typeof main !== 'function')
      throw new TypeError(`a coroutine was expected, got ${String(main)}`);
    if (inRunningLoop())
      throw new InvalidStateError('Runner.run() cannot be called from a running event loop');
    this.#lazyInit();
    running = true;
    try {
      const context = options.context ?? this.#ownContext();
      const task = createTask(main, context === undefined ? {} : { context });
      return await runMain(task, () => {
        // Main's own error is the run's to throw (`run_until_complete` reads its result), not
        // one nobody retrieved.
        noteRetrieved(task);
        // Where the run stops, as CPython reports a failed task that main's frame (or nobody)
        // held once main has returned; a close that follows cancels there too, before the next
        // turn, as asyncio's cancels come between the loop's stop and its next run.
        reportUnretrievedErrors();
        if (closing) this.#cancelled = cancelPendingTasks();
      });
    } finally {
      running = false;
    }
  }

  /**
   * Cancels the tasks still pending, waits for them, reports through the exception handler what
   * they raised other than their cancellation, and puts the debug setting back. A second close,
   * or one before any run, does nothing.
   */
  async close(): Promise<void> {
    // As asyncio's: a runner that never ran is left as it is (it may still run).
    if (this.#state !== 'ready') return;
    this.#state = 'closed';
    const cancelled = this.#cancelled ?? cancelPendingTasks();
    this.#cancelled = undefined;
    try {
      await awaitCancelled(cancelled);
      reportUnretrievedErrors();
    } finally {
      setDebug(this.#debugBefore);
    }
  }

  /** `await using runner = new Runner()`: closes it. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  #lazyInit(): void {
    if (this.#state === 'closed') throw new InvalidStateError('Runner is closed');
    if (this.#state === 'ready') return;
    this.#state = 'ready';
    this.#debugBefore = getDebug();
    if (this.#debug !== undefined) setDebug(this.#debug);
  }

  /**
   * The runner's Context: a copy of the current one, made at the first run once a context variable
   * exists (before, none is made: a run in a Context of its own turns on Node's async context
   * tracking, which costs every promise on Node 20 and 22). A variable made and set during an
   * earlier run was set outside any Context copy, so the copy made then holds its value (and code
   * outside the runs sees it too, where asyncio's stays in the runner's Context).
   */
  #ownContext(): Context | undefined {
    if (this.#context === undefined && contextVarsInUse()) this.#context = copyContext();
    return this.#context;
  }
}

/**
 * Awaits `task` and the end of the run; Ctrl+C cancels it, as asyncio's `Runner._on_sigint`, and
 * a second one ends the process. Node delivers a signal between its loop's rounds, not between
 * two statements as CPython does, so a first one that finds the main task already done (it ended
 * in the same burst of turns) is taken as having come too late to cancel it: the shutdown goes on.
 *
 * The run ends as `run_until_complete`'s: a done callback of the task (on the turn after it
 * ended) stops the loop once that turn has run all it took, so what the task's last step made
 * ready (a task woken with a result) still runs; `onStop` is called there, within the turn.
 */
async function runMain<T>(task: Task<T>, onStop: () => void): Promise<T> {
  let interrupts = 0;
  let cancelledOnInterrupt = false;
  const onSigint = () => {
    if (++interrupts === 1) {
      if (!task.done()) cancelledOnInterrupt = task.cancel();
      return;
    }
    process.off('SIGINT', onSigint);
    process.kill(process.pid, 'SIGINT');
  };
  // A program with its own SIGINT listener keeps it, as asyncio keeps a handler that is set.
  const handleSigint = process.listenerCount('SIGINT') === 0;
  if (handleSigint) process.on('SIGINT', onSigint);
  const stopped = new Promise<void>((resolve) => {
    task.addDoneCallback(() =>
      atTurnEnd(() => {
        onStop();
        // From an immediate, between the loop's turns: resolved here, the rest of the run (a
        // close's gather, the caller's code) would run in the microtasks of the step the next
        // turn begins with, and be taken for that task's own waits.
        setImmediate(resolve);
      }),
    );
  });
  try {
    await stopped;
    return task.result();
  } catch (err) {
    if (err instanceof CancelledError && cancelledOnInterrupt && task.uncancel() === 0)
      throw new KeyboardInterrupt();
    throw err;
  } finally {
    if (handleSigint) process.off('SIGINT', onSigint);
  }
}

/** asyncio's `_cancel_all_tasks`, its first half: cancels the tasks still pending. */
function cancelPendingTasks(): Task<unknown>[] {
  const tasks = [...allTasks()];
  for (const task of tasks) task.cancel();
  return tasks;
}

/** Its second half: waits for the cancelled `tasks` and reports what they raised. */
async function awaitCancelled(tasks: Task<unknown>[]): Promise<void> {
  if (tasks.length === 0) return;
  await gather(...tasks, { returnExceptions: true });
  for (const task of tasks) {
    if (task.cancelled()) continue;
    const exception = task.exception();
    if (exception === undefined) continue;
    callExceptionHandler({
      message: 'unhandled exception during run() shutdown',
      exception,
      task,
    });
  }
}
