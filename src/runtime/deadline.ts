/**
 * Timers that never fire before their deadline. Node's timers may fire up to a millisecond early
 * (libuv counts from a cached loop time, in whole milliseconds), so on an early wake-up they
 * re-arm for the remainder.
 *
 * A precise target also wakes a little early on purpose and spends the last
 * {@link SPIN_WINDOW_MS} turning the loop with `setImmediate` (I/O and timers still run), which
 * takes a timeout's median lateness from about 0.5 ms to about 0.01 ms.
 *
 * @module
 */
import { now } from './clock.js';

/** setTimeout's limit (2^31 - 1 ms, about 24.8 days); a longer wait re-arms on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** How close to a precise deadline the timer hands over to `setImmediate` turns. */
export const SPIN_WINDOW_MS = 2;

/** Something with a deadline: {@link armDeadline} keeps its timer handle and calls it back. */
export interface DeadlineTarget {
  readonly deadline: number;
  /** Spin the last {@link SPIN_WINDOW_MS} for sub-millisecond lateness (one per timeout, not per sleep). */
  readonly precise?: boolean;
  timerHandle: NodeJS.Timeout | NodeJS.Immediate | undefined;
  onDeadline(): void;
}

// One shared callback with the target as its argument: no closure per timer.
function check(target: DeadlineTarget): void {
  target.timerHandle = undefined;
  if (now() < target.deadline) armDeadline(target);
  else target.onDeadline();
}

/** Arms (or re-arms) `target`'s timer; `target.onDeadline()` runs at or after its deadline. */
export function armDeadline(target: DeadlineTarget): void {
  const left = target.deadline - now();
  if (target.precise === true && left < SPIN_WINDOW_MS) {
    target.timerHandle = setImmediate(check, target);
    return;
  }
  const early = target.precise === true ? SPIN_WINDOW_MS - 0.5 : 0;
  const wait = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(left - early)));
  target.timerHandle = setTimeout(check, wait, target);
}

/** Stops `target`'s timer; safe to call at any time, more than once. */
export function disarmDeadline(target: DeadlineTarget): void {
  const handle = target.timerHandle;
  target.timerHandle = undefined;
  if (handle === undefined) return;
  // Only a Timeout can be refreshed; the last stretch of a precise deadline is an Immediate.
  if ('refresh' in handle) clearTimeout(handle);
  else clearImmediate(handle);
}

/** Calls `onDeadline` once, at or after `deadline` (monotonic ms), unless cleared first. Precise. */
export class DeadlineTimer implements DeadlineTarget {
  readonly precise = true;
  timerHandle: NodeJS.Timeout | NodeJS.Immediate | undefined;

  constructor(
    readonly deadline: number,
    readonly onDeadline: () => void,
  ) {
    armDeadline(this);
  }

  /** Cancels the timer; safe to call at any time, more than once. */
  clear(): void {
    disarmDeadline(this);
  }
}
