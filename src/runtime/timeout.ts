/**
 * `asyncio.timeout` and `asyncio.timeout_at` (Python 3.11's `timeouts.py`, ported): cancel the
 * running task at a deadline and turn that one cancellation into `TimeoutError`.
 *
 * At the deadline the timeout cancels its task; on exit it `uncancel()`s it, and only when no
 * other cancellation is left (the count is back where it was on entry) does the
 * `CancelledError` become `TimeoutError`. So a cancellation from outside, or an inner timeout's,
 * stays what it is, and later awaits of the task are unaffected.
 *
 * @module
 */
import { now, secondsToMs } from './clock.js';
import { CancelledError, InvalidStateError, TimeoutError } from './errors.js';
import { eventsWanted, publishTaskEvent, swapDeadline } from './events.js';
import { awaitFuture } from './future.js';
import { callAtInternal, callSoonInternal, type Handle } from './handles.js';
import { loopTime } from './loop.js';
import { createTask, currentTask, type Task } from './task.js';

type State = 'created' | 'active' | 'expiring' | 'expired' | 'finished';

/**
 * The handle a `timeout` body receives (asyncio's `Timeout`, from `async with timeout(s) as cm`).
 * Times are loop time: notebook seconds on the clock of {@link loopTime}.
 */
export class Timeout {
  #state: State = 'created';
  #when: number | null;
  #handler: Handle | undefined;
  #task: Task<unknown> | undefined;
  #cancelling = 0;
  /** When the body began (loop ms), and the enclosing timeout's deadline, for task events. */
  #enteredAtMs = 0;
  #outerDeadlineMs: number | undefined;

  /** @internal Use {@link timeout} or {@link timeoutAt}. */
  constructor(when: number | null) {
    this.#when = when;
  }

  /** The deadline in loop time, or `null` for none. */
  when(): number | null {
    return this.#when;
  }

  /**
   * Moves the deadline (`null`: no deadline). A deadline already passed expires on the next turn.
   * @throws InvalidStateError outside the body, or once the timeout expired.
   */
  reschedule(when: number | null): void {
    if (this.#state !== 'active') {
      if (this.#state === 'created') throw new InvalidStateError('Timeout has not been entered');
      throw new InvalidStateError(`Cannot change state of ${this.#state} Timeout`);
    }
    this.#when = when;
    if (this.#task !== undefined && eventsWanted())
      swapDeadline(this.#task, when === null ? this.#outerDeadlineMs : secondsToMs(when));
    this.#handler?.cancel();
    const onTimeout = () => this.#onTimeout();
    if (when === null) this.#handler = undefined;
    else if (when <= loopTime()) this.#handler = callSoonInternal(onTimeout);
    else this.#handler = callAtInternal(when, onTimeout);
  }

  /** True once the deadline passed while the body ran (readable after the body, too). */
  expired(): boolean {
    return this.#state === 'expiring' || this.#state === 'expired';
  }

  /** asyncio's repr: `<Timeout [active] when=12.345>`. */
  toString(): string {
    const when =
      this.#state === 'active'
        ? ` when=${this.#when === null ? 'None' : pyFloat(round3(this.#when))}`
        : '';
    return `<Timeout [${this.#state}]${when}>`;
  }

  /** @internal `__aenter__`. */
  enter(task: Task<unknown>): void {
    if (this.#state !== 'created') throw new InvalidStateError('Timeout has already been entered');
    this.#state = 'active';
    this.#task = task;
    this.#cancelling = task.cancelling();
    this.#enteredAtMs = now();
    this.#outerDeadlineMs = swapDeadline(task, undefined);
    this.reschedule(this.#when);
  }

  /** @internal `__aexit__`: `raised` and `error` say how the body ended. */
  exit(raised: boolean, error: unknown): void {
    if (this.#task !== undefined) swapDeadline(this.#task, this.#outerDeadlineMs);
    this.#handler?.cancel();
    this.#handler = undefined;
    if (this.#state === 'expiring') {
      this.#state = 'expired';
      const task = this.#task as Task<unknown>;
      if (task.uncancel() > this.#cancelling) return; // a cancellation from outside: let it be
      if (raised && error instanceof CancelledError) throw new TimeoutError('', { cause: error });
      // Not in asyncio: the body ended without suspending on the runtime since the deadline (it
      // awaited a plain promise), so the cancellation was never delivered. Take it back; the
      // deadline was missed all the same.
      if (!raised && task.takeUndeliveredCancel()) throw new TimeoutError();
    } else if (this.#state === 'active') this.#state = 'finished';
  }

  #onTimeout(): void {
    const task = this.#task as Task<unknown>;
    publishTaskEvent('timeout', task, { sinceMs: this.#enteredAtMs });
    task.cancel();
    this.#state = 'expiring';
    this.#handler = undefined;
  }
}

/** A float as Python prints it: `101.0`, not `101`. */
function pyFloat(value: number): string {
  return Number.isInteger(value) ? value.toFixed(1) : String(value);
}

function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}

function checkDelay(value: number | null | undefined, what: string): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'number' || Number.isNaN(value))
    throw new TypeError(`${what} must be a number or null, got ${String(value)}`);
  return value;
}

/**
 * Runs `body` with a deadline `seconds` (notebook seconds, scaled) from now; `null` means no
 * deadline. At the deadline the body is cancelled where it waits, and `TimeoutError` is thrown
 * once it has unwound. A body that ends before the timeout's callback runs wins. A deadline of
 * 0 or less expires on the next turn. The body gets the {@link Timeout} handle.
 *
 * asyncio needs a running task for a timeout; outside one, the timeout runs in a task of its own.
 *
 * @example
 * try {
 *   await timeout(2, () => gather(foo, bar));
 * } catch (err) {
 *   if (err instanceof TimeoutError) console.log('TimeoutError');
 * }
 */
export function timeout<T>(
  seconds: number | null | undefined,
  body: (timeout: Timeout) => PromiseLike<T>,
): Promise<T> {
  const delay = checkDelay(seconds, 'seconds');
  return timeoutAt(delay === null ? null : loopTime() + delay, body);
}

/**
 * {@link timeout} with an absolute deadline in loop time (see {@link loopTime}).
 *
 * @example
 * await timeoutAt(loopTime() + 10, () => longRunningTask());
 */
export function timeoutAt<T>(
  when: number | null | undefined,
  body: (timeout: Timeout) => PromiseLike<T>,
): Promise<T> {
  const cm = new Timeout(checkDelay(when, 'when'));
  const task = currentTask();
  if (task === undefined) {
    return awaitFuture(
      createTask(function timeout() {
        return runTimeout(cm, body);
      }),
    );
  }
  return runTimeout(cm, body);
}

async function runTimeout<T>(cm: Timeout, body: (timeout: Timeout) => PromiseLike<T>): Promise<T> {
  cm.enter(currentTask() as Task<unknown>);
  let result: T;
  try {
    result = await body(cm);
  } catch (err) {
    cm.exit(true, err);
    throw err;
  }
  cm.exit(false, undefined);
  return result;
}
