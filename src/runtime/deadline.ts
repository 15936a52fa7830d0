/**
 * Timers that fire at their deadline, never before and rarely more than a few tens of
 * microseconds after.
 *
 * Node's timers are coarse: libuv counts from a cached loop time in whole milliseconds (so a timer
 * can fire up to 1 ms early), and the kernel lets a long poll overrun by about 0.1% (seen here:
 * `setTimeout(1000)` fires 4-5 ms late). So a deadline is approached in steps: a timer that wakes
 * early by 1% plus {@link SPIN_WINDOW_MS}, a short timer for the rest, and the last stretch spent
 * turning the loop with one shared `setImmediate` (timers and I/O still run) until `now()` passes
 * the deadline. That costs about {@link SPIN_WINDOW_MS} of CPU per deadline, shared by every
 * deadline that falls in the same window.
 *
 * @module
 */
import { now } from './clock.js';

/** How close to its deadline a timer stops sleeping and starts watching the clock each turn. */
export const SPIN_WINDOW_MS = 2;

/** setTimeout's limit (2^31 - 1 ms, about 24.8 days); a longer wait re-arms on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** The handle of a target that is in its last stretch, watched each turn. */
const SPINNING = Symbol('spinning');

/** Something with a deadline: {@link armDeadline} keeps its timer handle and calls it back. */
export interface DeadlineTarget {
  /** Monotonic milliseconds (`performance.now()`). */
  readonly deadline: number;
  timerHandle: NodeJS.Timeout | typeof SPINNING | undefined;
  onDeadline(): void;
}

const spinning = new Set<DeadlineTarget>();
let spinArmed = false;

function spinTurn(): void {
  spinArmed = false;
  const t = now();
  const due: DeadlineTarget[] = [];
  for (const target of spinning) if (target.deadline <= t) due.push(target);
  due.sort((a, b) => a.deadline - b.deadline);
  for (const target of due) {
    spinning.delete(target);
    target.timerHandle = undefined;
  }
  if (spinning.size > 0) armSpin();
  for (const target of due) target.onDeadline();
}

function armSpin(): void {
  if (spinArmed) return;
  spinArmed = true;
  setImmediate(spinTurn);
}

// One shared callback with the target as its argument: no closure per timer.
function check(target: DeadlineTarget): void {
  target.timerHandle = undefined;
  armDeadline(target, true);
}

/**
 * Arms (or re-arms) `target`'s timer; `target.onDeadline()` runs at or after its deadline, never
 * from inside this call when the caller arms it. A deadline that a timer finds already past (the
 * loop was blocked) fires at once, in the phase that noticed it.
 */
export function armDeadline(target: DeadlineTarget, fromTimer = false): void {
  const left = target.deadline - now();
  if (left <= 0 && fromTimer) {
    target.onDeadline();
    return;
  }
  if (left <= SPIN_WINDOW_MS) {
    target.timerHandle = SPINNING;
    spinning.add(target);
    armSpin();
    return;
  }
  const wait = Math.min(MAX_TIMER_MS, Math.floor(left - SPIN_WINDOW_MS - left / 100));
  target.timerHandle = setTimeout(check, Math.max(0, wait), target);
}

/** Stops `target`'s timer; safe to call at any time, more than once. */
export function disarmDeadline(target: DeadlineTarget): void {
  const handle = target.timerHandle;
  target.timerHandle = undefined;
  if (handle === SPINNING) spinning.delete(target);
  else if (handle !== undefined) clearTimeout(handle);
}

/** Calls `onDeadline` once, at or after `deadline` (monotonic ms), unless cleared first. */
export class DeadlineTimer implements DeadlineTarget {
  timerHandle: NodeJS.Timeout | typeof SPINNING | undefined;

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
