/**
 * Interop with APIs that take an AbortSignal (`fetch`, streams, `timers/promises`): a signal made
 * for one wait, aborted when the wait is cancelled.
 *
 * @module
 */
import { CancelledError } from './errors.js';
import { awaitFuture, Future } from './future.js';
import { beginIo, endIo } from './virtual-time.js';

/** A future settled by `run(signal)`; cancelling it aborts the signal. */
class AbortFuture<T> extends Future<T> {
  private readonly controller = new AbortController();

  constructor(run: (signal: AbortSignal) => PromiseLike<T>) {
    super();
    let running: PromiseLike<T>;
    try {
      running = run(this.controller.signal);
    } catch (err) {
      this.setException(err);
      return;
    }
    // Pending I/O, until the API settles (after a cancel too): virtual time waits for it.
    beginIo();
    // After a cancel the API rejects with its own AbortError: the future is done by then.
    Promise.resolve(running)
      .then(
        (value) => {
          if (!this.done()) this.setResult(value);
        },
        (err) => {
          if (!this.done()) this.setException(err);
        },
      )
      .finally(endIo);
  }

  override cancel(msg?: string): boolean {
    if (!super.cancel(msg)) return false;
    this.controller.abort(new CancelledError(msg));
    return true;
  }

  /** @internal */

  override get waitKind(): string {
    return 'signal';
  }

  /** @internal The runtime's own future: a plain `Future` in reprs, as asyncio's is. */
  protected override get reprName(): string {
    return 'Future';
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
export function withAbortSignal<T>(run: (signal: AbortSignal) => PromiseLike<T>): Promise<T> {
  return awaitFuture(new AbortFuture(run));
}
