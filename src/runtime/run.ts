/**
 * asyncio's `asyncio.run`: the entry point of a program on the runtime.
 *
 * @module
 */
import type { Context } from './context-vars.js';
import type { Coro } from './coro.js';
import { InvalidStateError } from './errors.js';
import { inRunningLoop, Runner } from './runner.js';

/** Options of {@link run}. */
export interface RunOptions {
  /** Debug mode for this run (see `setDebug`); unset, as it was (`ASYNCDEMO_DEBUG`). */
  debug?: boolean;
  /**
   * The Context of context variables `main` runs in (as a `Runner`'s `run(main, { context })`):
   * several runs given the same one share what they set. By default a copy of the current one.
   */
  context?: Context;
}

/**
 * Runs `main` in a task and returns its result, as `asyncio.run` (a {@link Runner}'s one run and
 * its close): then cancels the tasks still pending, waits for them, reports through the
 * exception handler what they raised other than their cancellation, and reports the errors
 * nobody retrieved. Ctrl+C (SIGINT, unless the program listens for it itself) cancels the main
 * task; `run` then throws `KeyboardInterrupt` (a second Ctrl+C ends the process at once). Unlike
 * asyncio's loop, which would block for ever, Node ends a process whose main awaits what nothing
 * can settle any more (exit code 13, "unsettled top-level await"), as it does any such await.
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
  if (inRunningLoop())
    throw new InvalidStateError('run() cannot be called from a running event loop');
  if (typeof main !== 'function')
    throw new TypeError(`a coroutine was expected, got ${String(main)}`);
  const runner = new Runner(options.debug === undefined ? {} : { debug: options.debug });
  return await runner.runAndClose(
    main,
    options.context === undefined ? {} : { context: options.context },
  );
}
