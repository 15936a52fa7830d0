/**
 * `asyncio.sleep` and `time.sleep`.
 *
 * @module
 */
import { blockUntil, now, secondsToMs, skipAhead } from './clock.js';
import { awaitFuture, FINISHED, Future, PENDING } from './future.js';
import { addTimer, enterStep, runningStep, schedule, timerCancelled } from './loop.js';
import { type After, THEN_MICROTASKS, THEN_NEXT, THEN_STEP_END } from './ready-queue.js';
import type { Task } from './task.js';
import type { TimerEntry } from './timer-heap.js';
import { ioPending, virtualTime } from './virtual-time.js';

/**
 * A sleep is one object: the future its task waits on and the entry of the timer heap. At its
 * deadline the loop runs it as a ready callback, which sets the result; the task's wake-up is
 * then scheduled for the next turn, as asyncio's `sleep` does with `call_later` and
 * `_set_result_unless_cancelled`. So a timeout due together with a sleep cancels the sleeper.
 */
class SleepFuture<T> extends Future<T> implements TimerEntry {
  timerSeq = 0;

  constructor(
    readonly deadline: number,
    result: T,
  ) {
    super();
    this._value = result; // kept in the value slot until the deadline
    addTimer(this);
  }

  timerCancelled(): boolean {
    return this._state !== PENDING;
  }

  fire(): After {
    if (this._state === PENDING) this.settle(FINISHED, this._value);
    return THEN_NEXT;
  }

  override cancel(msg?: string): boolean {
    if (!super.cancel(msg)) return false;
    timerCancelled(this);
    return true;
  }

  /** @internal */

  override get waitKind(): string {
    return 'sleep';
  }

  /** @internal A sleep was over at its deadline, however late the loop got to it. */
  override overAtMs(): number | undefined {
    return this._state === FINISHED ? this.deadline : undefined;
  }

  /** @internal The runtime's own future: a plain `Future` in reprs, as asyncio's is. */
  protected override get reprName(): string {
    return 'Future';
  }
}

function checkSeconds(seconds: number): void {
  if (typeof seconds !== 'number' || Number.isNaN(seconds)) {
    throw new TypeError(`seconds must be a number, got ${String(seconds)}`);
  }
}

/**
 * Suspends the current task for `seconds` (notebook seconds, scaled), giving the thread back to
 * the loop, and resolves to `result`. Never early. Cancellable: a cancel rejects it with
 * `CancelledError`.
 *
 * `sleep(0)` (or less) yields exactly one turn of the loop, as asyncio's bare yield: other ready
 * callbacks, due timers and I/O run before the task goes on (a `setImmediate`, not a microtask).
 *
 * @example
 * await sleep(1);   // 1 s at scale 1, 0.1 s at --scale 0.1
 */
export function sleep<T = void>(seconds: number, result?: T): Promise<T> {
  checkSeconds(seconds);
  if (seconds <= 0) return yieldTurn(result as T);
  return awaitFuture(new SleepFuture(now() + secondsToMs(seconds), result as T));
}

function yieldTurn<T>(result: T): Promise<T> {
  const task = runningStep() as Task<unknown> | undefined;
  if (task?.canSuspend() === true) {
    const resumed = task.yieldStep();
    return result === undefined ? (resumed as Promise<T>) : resumed.then(() => result);
  }
  return new Promise<T>((resolve) => schedule(resolveNextTurn, () => resolve(result), task));
}

function resolveNextTurn(resolve: () => void, owner: Task<unknown> | undefined): After {
  resolve();
  if (owner === undefined || owner.done()) return THEN_MICROTASKS;
  enterStep(owner);
  return THEN_STEP_END;
}

/**
 * Blocks the whole thread for `seconds` (scaled), like Python's `time.sleep`: no timer, no I/O,
 * no other task runs meanwhile. Only for showing what blocking does.
 * @throws RangeError for a negative duration, as `time.sleep` raises ValueError.
 */
export function blockingSleep(seconds: number): void {
  checkSeconds(seconds);
  if (seconds < 0) throw new RangeError('sleep length must be non-negative');
  // Virtual time skips the block, unless I/O is pending: it would have come in meanwhile.
  if (virtualTime && !ioPending()) skipAhead(secondsToMs(seconds));
  else blockUntil(now() + secondsToMs(seconds));
}
