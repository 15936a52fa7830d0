/**
 * The runtime's errors, named as asyncio names them.
 *
 * @module
 */

/**
 * Thrown at the await point of a runtime primitive (`sleep`, awaiting a task, `gather`, …) when
 * the task, or a scope around it, is cancelled. Like asyncio's, it is delivered once: a coroutine
 * may catch it and carry on, and its later awaits work normally.
 *
 * Scenario code that catches broad errors must rethrow it (see {@link isCancelled}).
 */
export class CancelledError extends Error {
  override name = 'CancelledError';
  /**
   * The scope whose cancellation this is (a task, a `timeout` or a `taskGroup`); lets a timeout
   * tell its own expiry from a cancellation that came from outside.
   * @internal
   */
  readonly origin: object | undefined;

  constructor(message = '', origin?: object) {
    // No stack: it would show where cancel() was called, not the await it interrupts, and
    // capturing one per task made cancelling 100 000 tasks several times slower.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.origin = origin;
  }
}

/** Thrown by {@link timeout} when its deadline passes before the body finishes. Not a `CancelledError`. */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/**
 * Thrown by `taskGroup` after all its tasks settled when one or more of them (or the body) failed:
 * asyncio's `ExceptionGroup`. `errors` holds every failure in the order it happened.
 */
export class TaskGroupError extends AggregateError {
  override name = 'TaskGroupError';
}

/** A task was asked for its result or exception before it finished, or a group was used after shutdown. */
export class InvalidStateError extends Error {
  override name = 'InvalidStateError';
}

/**
 * True when `err` is a cancellation. Use it to rethrow in a broad `catch`:
 *
 * @example
 * try { await work(); } catch (err) { if (isCancelled(err)) throw err; log(err); }
 */
export function isCancelled(err: unknown): err is CancelledError {
  return err instanceof CancelledError;
}
