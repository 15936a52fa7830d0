/**
 * The runtime's errors, named as asyncio names them.
 *
 * @module
 */

/**
 * Thrown into a task at its current (or next) suspension when it is cancelled: `task.cancel()`,
 * a `timeout` that expired, a failing `taskGroup`. Like asyncio's, it is delivered once: a
 * coroutine may catch it and carry on, and its later awaits work normally.
 *
 * Scenario code that catches broad errors must rethrow it (see {@link isCancelled}).
 */
export class CancelledError extends Error {
  constructor(message = '') {
    // No stack: it would show where cancel() was called, not the await it interrupts, and
    // capturing one per task made cancelling 100 000 tasks several times slower. One is made per
    // cancelled task, so it is made lean: no own `message` when empty (Error.prototype's '' is
    // read instead), and its name on the prototype rather than a field defined on each (together
    // 20-35% of V8's Error constructor).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    if (message === '') super();
    else super(message);
    Error.stackTraceLimit = limit;
  }
}
CancelledError.prototype.name = 'CancelledError';

/**
 * Thrown by `timeout` and `waitFor` when the deadline passes before the work finishes; its
 * `cause` is the `CancelledError` that stopped the work. Not a `CancelledError`.
 */
export class TimeoutError extends Error {
  override name = 'TimeoutError';
}

/** A `Barrier` was aborted or reset while a task waited at it (asyncio's `BrokenBarrierError`). */
export class BrokenBarrierError extends Error {
  override name = 'BrokenBarrierError';
}

/**
 * Thrown by `taskGroup` after all its tasks settled when one or more of them (or the body) failed:
 * asyncio's `ExceptionGroup`. `errors` holds every failure in the order it happened.
 */
export class TaskGroupError extends AggregateError {
  override name = 'TaskGroupError';
}

/**
 * `run()`'s main task was cancelled by Ctrl+C (SIGINT), as asyncio's `KeyboardInterrupt`.
 */
export class KeyboardInterrupt extends Error {
  override name = 'KeyboardInterrupt';
}

/**
 * A future was asked for its result before it settled, or set twice; a group or timeout was used
 * outside its body. (asyncio raises `InvalidStateError` and `RuntimeError` for these.)
 */
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
