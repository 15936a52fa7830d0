/**
 * A timer that never fires before its deadline. Node's timers may fire up to a millisecond early
 * (libuv counts from a cached loop time, in whole milliseconds), so on an early wake-up this one
 * re-arms for the remainder.
 *
 * @module
 */
import { now } from './clock.js';

/** setTimeout's limit (2^31 - 1 ms, about 24.8 days); a longer wait re-arms on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Calls `onDeadline` once, at or after `deadline` (monotonic ms), unless cleared first. */
export class DeadlineTimer {
  private handle: NodeJS.Timeout | undefined;

  constructor(
    private readonly deadline: number,
    private readonly onDeadline: () => void,
  ) {
    this.arm();
  }

  /** Cancels the timer; safe to call at any time, more than once. */
  clear(): void {
    if (this.handle !== undefined) clearTimeout(this.handle);
    this.handle = undefined;
  }

  private arm(): void {
    const wait = Math.min(MAX_TIMER_MS, Math.max(0, Math.ceil(this.deadline - now())));
    this.handle = setTimeout(this.check, wait);
  }

  private readonly check = (): void => {
    if (now() < this.deadline) {
      this.arm();
      return;
    }
    this.handle = undefined;
    this.onDeadline();
  };
}
