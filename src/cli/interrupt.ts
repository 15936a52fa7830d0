/**
 * Ctrl+C and SIGTERM: cancel the running scenario's task, let it unwind, then say so.
 *
 * @module
 */
import { isCancelled, type Task } from '../runtime/index.js';

/** The run was stopped by a signal; `exitCode` is 130 for SIGINT, 143 for SIGTERM. */
export class InterruptedError extends Error {
  override name = 'InterruptedError';
  readonly exitCode: number;

  constructor(readonly signal: NodeJS.Signals) {
    super(`interrupted by ${signal}`);
    this.exitCode = signal === 'SIGTERM' ? 143 : 130;
  }
}

/**
 * Awaits `task`; a first SIGINT or SIGTERM cancels it (after `onFirstSignal`, which can say
 * `stopping...`) and, once it has unwound, throws {@link InterruptedError}. A second signal exits
 * at once (for code that cannot be interrupted).
 */
export async function awaitUnlessInterrupted<T>(
  task: Task<T>,
  onFirstSignal: () => void = () => {},
): Promise<T> {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received !== undefined) process.exit(new InterruptedError(received).exitCode);
    received = signal;
    onFirstSignal();
    task.cancel(`interrupted by ${signal}`);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    const value = await task;
    if (received !== undefined) throw new InterruptedError(received);
    return value;
  } catch (err) {
    if (received !== undefined && (isCancelled(err) || err instanceof InterruptedError)) {
      throw new InterruptedError(received);
    }
    throw err;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
