/**
 * Interop with APIs that take an AbortSignal (`fetch`, streams, `timers/promises`): a signal made
 * for one wait, aborted when the task waiting on it is cancelled.
 *
 * @module
 */
import type { CancelledError } from './errors.js';
import { Waiter } from './scope.js';

class AbortWaiter<T> extends Waiter<T> {
  private readonly controller = new AbortController();

  constructor(run: (signal: AbortSignal) => Promise<T>) {
    super();
    run(this.controller.signal).then(
      (value) => this.finish(value),
      (err) => this.fail(err),
    );
  }

  protected get kind(): string {
    return 'signal';
  }

  protected interrupt(err: CancelledError): void {
    // The API rejects with its own AbortError; the task sees the cancellation it was sent.
    this.fail(err);
    this.controller.abort(err);
  }
}

/**
 * Runs `run(signal)` with a fresh AbortSignal and waits for it; cancelling the waiting task
 * (`task.cancel()`, a `timeout`, a failing `taskGroup`) aborts the signal and rejects with
 * `CancelledError`. The signal exists only for this wait, so a pending task costs no
 * AbortController and no listener unless it asks for one.
 *
 * @example
 * const body = await withAbortSignal((signal) => fetch(url, { signal }).then((r) => r.text()));
 */
export function withAbortSignal<T>(run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  return new AbortWaiter(run).suspend();
}
