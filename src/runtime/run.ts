/**
 * asyncio's `asyncio.run`: the entry point of a program on the runtime.
 *
 * @module
 */
import { allTasks } from './all-tasks.js';
import type { Context } from './context-vars.js';
import type { Coro } from './coro.js';
import { getDebug, setDebug } from './debug.js';
import { CancelledError, InvalidStateError, KeyboardInterrupt } from './errors.js';
import { callExceptionHandler } from './exception-handler.js';
import { gather } from './gather.js';
import { createTask, currentTask, type Task } from './task.js';
import { reportUnretrievedErrors } from './unretrieved.js';

/** Options of {@link run}. */
export interface RunOptions {
  /** Debug mode for this run (see `setDebug`); unset, as it was (`ASYNCDEMO_DEBUG`). */
  debug?: boolean;
  /**
   * The Context of context variables `main` runs in (asyncio's `Runner(context=)`): several runs
   * given the same one share what they set. By default a copy of the current one.
   */
  context?: Context;
}

let running = false;

/**
 * Runs `main` in a task and returns its result, as `asyncio.run`: then cancels the tasks still
 * pending, waits for them, reports through the exception handler what they raised other than
 * their cancellation, and reports the errors nobody retrieved. Ctrl+C (SIGINT, unless the
 * program listens for it itself) cancels the main task; `run` then throws `KeyboardInterrupt`
 * (a second Ctrl+C ends the process at once). Unlike asyncio's loop, which would block for ever,
 * Node ends a process whose main awaits what nothing can settle any more (exit code 13, "unsettled
 * top-level await"), as it does any such await.
 *
 * @throws InvalidStateError if called while a run or a task is running (asyncio's
 *   "cannot be called from a running event loop"); TypeError unless `main` is a coroutine.
 * @example
 * const answer = await run(async () => {
 *   createTask(coro(sleep, 10)); // cancelled when main returns
 *   return 42;
 * });
 */
export async function run<T>(main: Coro<T>, options: RunOptions = {}): Promise<T> {
  if (running || currentTask() !== undefined)
    throw new InvalidStateError('run() cannot be called from a running event loop');
  if (typeof main !== 'function')
    throw new TypeError(`a coroutine was expected, got ${String(main)}`);
  running = true;
  const debugBefore = getDebug();
  if (options.debug !== undefined) setDebug(options.debug);
  try {
    const context = options.context;
    return await runMain(createTask(main, context === undefined ? {} : { context }));
  } finally {
    // When main ends, as CPython reports a failed task that main's frame (or nobody) held: before
    // the leftovers are cancelled. Then what failed during the shutdown.
    reportUnretrievedErrors();
    await cancelAllTasks();
    reportUnretrievedErrors();
    setDebug(debugBefore);
    running = false;
  }
}

/**
 * Awaits `task`; Ctrl+C cancels it, as asyncio's `Runner._on_sigint`, and a second one ends the
 * process. Node delivers a signal between its loop's rounds, not between two statements as
 * CPython does, so a first one that finds the main task already done (it ended in the same burst
 * of turns) is taken as having come too late to cancel it: the shutdown goes on.
 */
async function runMain<T>(task: Task<T>): Promise<T> {
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
  try {
    return await task;
  } catch (err) {
    if (err instanceof CancelledError && cancelledOnInterrupt && task.uncancel() === 0)
      throw new KeyboardInterrupt();
    throw err;
  } finally {
    if (handleSigint) process.off('SIGINT', onSigint);
  }
}

/** asyncio's `_cancel_all_tasks`: cancel, wait, and report what they raised. */
async function cancelAllTasks(): Promise<void> {
  const tasks = [...allTasks()];
  if (tasks.length === 0) return;
  for (const task of tasks) task.cancel();
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
