/**
 * When asyncio's loop, going to wait at `now` for a deadline, wakes: which deadlines it takes
 * together.
 *
 * CPython 3.11's `BaseEventLoop._run_once` passes the time left, in seconds, to
 * `EpollSelector.select`, which rounds it up to whole milliseconds
 * (`math.ceil(timeout * 1e3) * 1e-3`); `epoll.poll` then turns those seconds into nanoseconds
 * rounding up, and the nanoseconds into milliseconds rounding up. For 9, 13, 18, 26, 36, 52, 59 ...
 * milliseconds, `k * 1e-3 * 1e9` is a hair above `k` ms in binary floating point, so the wait is
 * one millisecond longer (measured: `epoll.poll(0.009)` returns after 10.2 ms, `poll(0.010)`
 * after 10.2). Linux ends the wait up to its timer slack later (50 µs, or 0.1% of a longer wait),
 * and asyncio then runs every timer due. So deadlines a turn apart fire on one turn there: the
 * runtime's loop takes the same set together (see loop.ts `armWaker`: a long wait and virtual
 * time at the latest of them, never early and no later than asyncio; a short wait through a Node
 * timer as long as asyncio's wait).
 *
 * @example
 * selectorWakeTime(100.2, 107.9); // 108.25: 7.7 ms left, an 8 ms wait, 50 µs of slack
 * selectorWakeTime(100.2, 108.9); // 110.25: 8.7 ms left, a 9 ms wait, which polls 10 ms
 *
 * @module
 */

/** Linux's default timer slack for a thread (`timer_slack_ns`), in ms. */
const TIMER_SLACK_MS = 0.05;

/**
 * @internal How many whole milliseconds asyncio's epoll wait lasts for `leftMs` left (0 if none):
 * rounded up, and one more for 9, 13, 18, 26 ...
 */
export function selectorWaitMs(leftMs: number): number {
  if (!(leftMs > 0)) return 0;
  if (leftMs === Number.POSITIVE_INFINITY) return leftMs;
  return Math.ceil(Math.ceil(Math.ceil(leftMs) * 1e-3 * 1e9) / 1e6);
}

/**
 * @internal The moment (loop clock, ms) by which asyncio's epoll wait, armed at `now` for
 * `deadline`, has ended: every deadline up to it fires on the turn after the wait.
 */
export function selectorWakeTime(now: number, deadline: number): number {
  const waitMs = selectorWaitMs(deadline - now);
  if (waitMs === 0) return now;
  return now + waitMs + Math.max(TIMER_SLACK_MS, waitMs * 0.001);
}
