/**
 * Virtual time: which of the real time the clock followed a jump absorbed. While code runs the
 * clock follows real time; a jump then lands on a deadline that was set before. The real time
 * that passed after that deadline was set (and after the jump before) changed nothing: the jump
 * lands on the deadline either way. A timing is made only of waiting when all the real time it
 * followed was absorbed so (a preempted step while a task slept), and not when code ran before
 * a deadline was set (CPU work, then a sleep: the sleep ends that much later).
 *
 * @module
 */
import { now, skippedSoFar } from './clock.js';

/** The real time the clock has followed so far (ms): its own advance, less what it skipped. */
export function followedSoFar(): number {
  return now() - skippedSoFar();
}

/**
 * When each timer was set, as followed time, in virtual time only. A WeakMap, not a property of
 * the timer: a property added to some sleeps (the runtime's warm-up runs in virtual time) made
 * every later sleep 8 bytes bigger.
 */
const setAt = new WeakMap<object, number>();
/** Followed time at the last jump. */
let lastJump = 0;
/** The stretches of followed time the jumps absorbed, oldest first: [from, to]. */
const stretches: Array<[number, number]> = [];
/** Enough for any timing's stretch; the oldest go first, this many at a time (a shift per jump
 * moved the whole array: a fifth of the loop's time in a busy virtual-time run). */
const KEPT = 4096;

/** @internal A timer is set (virtual time). */
export function noteTimerSet(timer: object): void {
  setAt.set(timer, followedSoFar());
}

/** @internal The clock jumps to `timer`'s deadline: what it followed since then is absorbed. */
export function noteJump(timer: object): void {
  const at = followedSoFar();
  const from = Math.max(setAt.get(timer) ?? at, lastJump);
  if (at > from) {
    stretches.push([from, at]);
    if (stretches.length >= 2 * KEPT) stretches.splice(0, KEPT);
  }
  lastJump = at;
}

/** How much of the followed time between `from` and `to` (as from {@link followedSoFar}) jumps absorbed. */
export function absorbedBetween(from: number, to: number): number {
  let sum = 0;
  for (let i = stretches.length - 1; i >= 0; i--) {
    const [start, end] = stretches[i] as [number, number];
    if (end <= from) break;
    sum += Math.max(0, Math.min(end, to) - Math.max(start, from));
  }
  return sum;
}
