/**
 * Timers that fire at their deadline, never before and rarely more than a few tens of
 * microseconds after, and always in deadline order.
 *
 * Node's timers are coarse: libuv counts from a cached loop time in whole milliseconds (so a timer
 * can fire up to 1 ms early), and the kernel lets a long poll overrun by about 0.1% (seen here:
 * `setTimeout(1000)` fires 4-5 ms late). So a deadline is approached in steps: a timer that wakes
 * early by 1% plus {@link SPIN_WINDOW_MS}, a short timer for the rest, and the last stretch spent
 * turning the loop with one shared `setImmediate` (timers and I/O still run) until `now()` passes
 * the deadline. That costs about {@link SPIN_WINDOW_MS} of CPU per deadline, shared by every
 * deadline that falls in the same window.
 *
 * Every armed deadline also sits in one min-heap, and whatever wakes (a timer, a spin turn) fires
 * all the deadlines that have passed, earliest first, as asyncio's loop runs its due timers in
 * order. Without it, a late Node timer could let a later deadline fire before an earlier one.
 *
 * @module
 */
import { now } from './clock.js';

/** How close to its deadline a timer stops sleeping and starts watching the clock each turn. */
export const SPIN_WINDOW_MS = 2;

/** setTimeout's limit (2^31 - 1 ms, about 24.8 days); a longer wait re-arms on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** Something with a deadline: {@link armDeadline} keeps its timer and calls it back. */
export interface DeadlineTarget {
  /** Monotonic milliseconds (`performance.now()`). */
  readonly deadline: number;
  /** The coarse timer of the first steps, while one is armed. */
  timerHandle: NodeJS.Timeout | undefined;
  /** Its place in the heap of armed deadlines; -1 when not armed. */
  heapIndex: number;
  onDeadline(): void;
}

const heap: DeadlineTarget[] = [];

function place(target: DeadlineTarget, index: number): void {
  heap[index] = target;
  target.heapIndex = index;
}

function siftUp(index: number): void {
  const target = heap[index] as DeadlineTarget;
  while (index > 0) {
    const parentIndex = (index - 1) >> 1;
    const parent = heap[parentIndex] as DeadlineTarget;
    if (parent.deadline <= target.deadline) break;
    place(parent, index);
    index = parentIndex;
  }
  place(target, index);
}

function siftDown(index: number): void {
  const target = heap[index] as DeadlineTarget;
  for (;;) {
    const left = 2 * index + 1;
    if (left >= heap.length) break;
    const right = left + 1;
    const child =
      right < heap.length &&
      (heap[right] as DeadlineTarget).deadline < (heap[left] as DeadlineTarget).deadline
        ? right
        : left;
    if ((heap[child] as DeadlineTarget).deadline >= target.deadline) break;
    place(heap[child] as DeadlineTarget, index);
    index = child;
  }
  place(target, index);
}

function removeFromHeap(target: DeadlineTarget): void {
  const index = target.heapIndex;
  if (index < 0) return;
  target.heapIndex = -1;
  const last = heap.pop() as DeadlineTarget;
  if (index === heap.length) return;
  place(last, index);
  siftDown(index);
  siftUp(last.heapIndex);
}

/**
 * What a disarmed deadline leaves in the heap: removing from the middle of a large heap costs a
 * sift each, so a disarm leaves a tombstone and the heap is rebuilt once they are half of it
 * (cancelling 100 000 sleeping tasks: 150 ms, not 330).
 */
class Tombstone implements DeadlineTarget {
  timerHandle: NodeJS.Timeout | undefined;
  constructor(
    readonly deadline: number,
    public heapIndex: number,
  ) {}
  onDeadline(): void {}
}

let tombstones = 0;

function compact(): void {
  const live = heap.filter((target) => !(target instanceof Tombstone));
  heap.length = 0;
  tombstones = 0;
  for (const [index, target] of live.entries()) place(target, index);
  for (let index = (heap.length >> 1) - 1; index >= 0; index--) siftDown(index);
}

let spinArmed = false;

function spinTurn(): void {
  spinArmed = false;
  fireDue();
}

function armSpin(): void {
  if (spinArmed) return;
  spinArmed = true;
  setImmediate(spinTurn);
}

/** Fires every deadline that has passed, earliest first; spins on if the next one is close. */
function fireDue(): void {
  for (let first = heap[0]; first !== undefined && first.deadline <= now(); first = heap[0]) {
    removeFromHeap(first);
    if (first instanceof Tombstone) {
      tombstones--;
      continue;
    }
    if (first.timerHandle !== undefined) clearTimeout(first.timerHandle);
    first.timerHandle = undefined;
    first.onDeadline();
  }
  const next = heap[0];
  if (next !== undefined && next.deadline - now() <= SPIN_WINDOW_MS) armSpin();
}

// One shared callback with the target as its argument: no closure per timer.
function check(target: DeadlineTarget): void {
  target.timerHandle = undefined;
  fireDue();
  if (target.heapIndex >= 0) armTimer(target);
}

function armTimer(target: DeadlineTarget): void {
  const left = target.deadline - now();
  if (left <= SPIN_WINDOW_MS) {
    armSpin();
    return;
  }
  const wait = Math.min(MAX_TIMER_MS, Math.floor(left - SPIN_WINDOW_MS - left / 100));
  target.timerHandle = setTimeout(check, Math.max(0, wait), target);
}

/**
 * Arms `target`: `target.onDeadline()` runs at or after its deadline, never from inside this
 * call, and after every earlier deadline.
 */
export function armDeadline(target: DeadlineTarget): void {
  heap.push(target);
  siftUp(heap.length - 1);
  armTimer(target);
}

/** Stops `target`'s timer; safe to call at any time, more than once. */
export function disarmDeadline(target: DeadlineTarget): void {
  const index = target.heapIndex;
  if (index >= 0) {
    target.heapIndex = -1;
    heap[index] = new Tombstone(target.deadline, index);
    tombstones++;
    if (tombstones > 64 && tombstones * 2 > heap.length) compact();
  }
  if (target.timerHandle !== undefined) clearTimeout(target.timerHandle);
  target.timerHandle = undefined;
}

/** Calls `onDeadline` once, at or after `deadline` (monotonic ms), unless cleared first. */
export class DeadlineTimer implements DeadlineTarget {
  timerHandle: NodeJS.Timeout | undefined;
  heapIndex = -1;

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
