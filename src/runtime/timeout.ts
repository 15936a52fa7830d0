/**
 * `asyncio.timeout`: cancel a body of work at a deadline and say so with `TimeoutError`.
 *
 * @module
 */
import { now, secondsToMs } from './clock.js';
import { DeadlineTimer } from './deadline.js';
import { CancelledError, TimeoutError } from './errors.js';
import { publishTaskEvent, TOP_LEVEL } from './events.js';
import { currentScope, runInScope, Scope } from './scope.js';
import type { Coro } from './task.js';

/**
 * Runs `body` with a deadline `seconds` (scaled) from now. At the deadline the body is cancelled
 * where it waits, and `TimeoutError` is thrown once it has unwound. A body that finishes first
 * wins, even when it finishes after the deadline but before the timer could run. Only its own
 * expiry becomes `TimeoutError`: a cancellation from outside, or an inner timeout's, stays as it is.
 * After it, later awaits in the same task are unaffected.
 *
 * @example
 * try {
 *   await timeout(2, () => gather(foo, bar));
 * } catch (err) {
 *   if (err instanceof TimeoutError) console.log('TimeoutError');
 * }
 */
export async function timeout<T>(seconds: number, body: Coro<T>): Promise<T> {
  if (!(seconds >= 0)) throw new RangeError(`seconds must be a number >= 0, got ${seconds}`);
  const deadline = now() + secondsToMs(seconds);
  const scope = new Scope(currentScope());
  let expired = false;
  const timer = new DeadlineTimer(deadline, () => {
    expired = true;
    publishTaskEvent('timeout', scope.owner ?? TOP_LEVEL);
    scope.requestCancel(new CancelledError(`timeout of ${seconds} s expired`, scope));
  });
  let value: T;
  let missed = false;
  try {
    value = await runInScope(scope, body);
    // The timer fired while the body awaited something the runtime cannot interrupt (a plain
    // promise): the cancellation was never delivered, but the deadline was missed all the same.
    missed = expired && scope.hasPendingCancel();
  } catch (err) {
    if (expired && err instanceof CancelledError && err.origin === scope) {
      throw new TimeoutError(`timed out after ${seconds} s`, { cause: err });
    }
    throw err;
  } finally {
    timer.clear();
    scope.unlink();
  }
  if (missed) throw new TimeoutError(`timed out after ${seconds} s`);
  return value;
}
