/**
 * asyncio's `_scheduled` heap: every timer of the loop, earliest deadline first.
 *
 * Timers with the same deadline keep their order of creation (asyncio's deadlines come from
 * a nanosecond clock, so two timers made one after the other never tie; ours can, so a sequence
 * number breaks ties). A cancelled timer stays where it is until it reaches the top or until
 * cancelled timers are half of the heap, as in asyncio's `_run_once`: removing from the middle
 * of a large heap costs a sift each, and cancelling 100 000 sleeping tasks is a common thing.
 *
 * @module
 */

import type { After } from './ready-queue.js';

/** Something the loop runs at a deadline. */
export interface TimerEntry {
  /** The deadline, in monotonic milliseconds (`performance.now()`). */
  readonly deadline: number;
  /**
   * Set by the heap: breaks ties between equal deadlines, first armed first; 0 while the entry
   * is not in the heap (so it doubles as asyncio's `_scheduled`).
   */
  timerSeq: number;
  /** True once the entry was cancelled; the heap drops it lazily. */
  timerCancelled(): boolean;
  /** Runs at the deadline, as a callback of the ready queue (see {@link ReadyCallback}). */
  fire(): After;
}

/** Below this size a heap is never compacted (asyncio's `_MIN_SCHEDULED_TIMER_HANDLES`). */
const MIN_COMPACT_SIZE = 100;
/** The deadline array's first size; it doubles when full and halves when a quarter full. */
const MIN_CAPACITY = 64;

/**
 * True if `a`, due at `aDeadline`, fires before `b`, due at `bDeadline`: the earlier deadline,
 * or, due together, the one armed first (the entries are read only then).
 */
function before(aDeadline: number, a: TimerEntry, bDeadline: number, b: TimerEntry): boolean {
  return aDeadline < bDeadline || (aDeadline === bDeadline && a.timerSeq < b.timerSeq);
}

/**
 * A min-heap of timers.
 *
 * Each entry's deadline is kept beside it in a `Float64Array`, in heap order, and the sifts
 * compare those: a sift then reads one small contiguous array instead of an object per level,
 * scattered over a heap that a busy loop churns (loading each entry's deadline from the entry was
 * a tenth of the CPU of 200 tasks that keep sleeping, nearly all of it cache misses). The entries
 * are read only to break a tie.
 */
export class TimerHeap {
  private readonly items: TimerEntry[] = [];
  private deadlines = new Float64Array(MIN_CAPACITY);
  private cancelledCount = 0;
  private seq = 0;

  /** Adds `entry`. */
  push(entry: TimerEntry): void {
    entry.timerSeq = ++this.seq;
    const index = this.items.length;
    if (index === this.deadlines.length) this.resize(index * 2);
    this.items.push(entry);
    // The newest entry comes after every entry with its deadline: ties never move it up.
    this.siftUp(index, entry, entry.deadline);
  }

  /** Records that an entry in the heap was cancelled; compacts when they are half of it. */
  noteCancelled(): void {
    this.cancelledCount++;
    const size = this.items.length;
    if (size > MIN_COMPACT_SIZE && this.cancelledCount * 2 > size) this.compact();
  }

  /** True when `entry` is the earliest entry (live or not). */
  isFirst(entry: TimerEntry): boolean {
    return this.items[0] === entry;
  }

  /** The earliest live entry, dropping cancelled ones on the way; `undefined` when empty. */
  peek(): TimerEntry | undefined {
    for (let first = this.items[0]; first !== undefined; first = this.items[0]) {
      if (!first.timerCancelled()) return first;
      this.pop();
      this.cancelledCount--;
    }
    return undefined;
  }

  /**
   * The latest deadline of a live entry that is at most `bound` (`-Infinity` if none), visiting
   * only the entries due by then.
   */
  latestDeadlineUntil(bound: number): number {
    let latest = Number.NEGATIVE_INFINITY;
    const size = this.items.length;
    const pending = [0];
    for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
      if (index >= size) continue;
      const deadline = this.deadlines[index] as number;
      if (deadline > bound) continue;
      if (deadline > latest && !(this.items[index] as TimerEntry).timerCancelled())
        latest = deadline;
      pending.push(2 * index + 1, 2 * index + 2);
    }
    return latest;
  }

  /** Removes and returns the earliest entry (live or not). */
  pop(): TimerEntry | undefined {
    const items = this.items;
    const first = items[0];
    if (first === undefined) return undefined;
    first.timerSeq = 0;
    const last = items.pop() as TimerEntry;
    const size = items.length;
    if (size > 0) this.siftDown(0, last, this.deadlines[size] as number);
    if (size < this.deadlines.length >> 2 && this.deadlines.length > MIN_CAPACITY)
      this.resize(this.deadlines.length >> 1);
    return first;
  }

  private resize(capacity: number): void {
    const deadlines = new Float64Array(capacity);
    deadlines.set(this.deadlines.subarray(0, this.items.length));
    this.deadlines = deadlines;
  }

  private compact(): void {
    const live = this.items.filter((entry) => {
      if (!entry.timerCancelled()) return true;
      entry.timerSeq = 0;
      return false;
    });
    this.items.length = 0;
    for (const entry of live) {
      this.deadlines[this.items.length] = entry.deadline;
      this.items.push(entry);
    }
    this.cancelledCount = 0;
    for (let index = (live.length >> 1) - 1; index >= 0; index--)
      this.siftDown(index, live[index] as TimerEntry, this.deadlines[index] as number);
  }

  /** Moves `entry` (due at `deadline`) up from `index` to its place. */
  private siftUp(index: number, entry: TimerEntry, deadline: number): void {
    const items = this.items;
    const deadlines = this.deadlines;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parentDeadline = deadlines[parentIndex] as number;
      if (!(deadline < parentDeadline)) break;
      items[index] = items[parentIndex] as TimerEntry;
      deadlines[index] = parentDeadline;
      index = parentIndex;
    }
    items[index] = entry;
    deadlines[index] = deadline;
  }

  /** Moves `entry` (due at `deadline`) down from `index` to its place. */
  private siftDown(index: number, entry: TimerEntry, deadline: number): void {
    const items = this.items;
    const deadlines = this.deadlines;
    const size = items.length;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      let childDeadline = deadlines[child] as number;
      const right = child + 1;
      if (right < size) {
        const rightDeadline = deadlines[right] as number;
        if (
          before(
            rightDeadline,
            items[right] as TimerEntry,
            childDeadline,
            items[child] as TimerEntry,
          )
        ) {
          child = right;
          childDeadline = rightDeadline;
        }
      }
      if (!before(childDeadline, items[child] as TimerEntry, deadline, entry)) break;
      items[index] = items[child] as TimerEntry;
      deadlines[index] = childDeadline;
      index = child;
    }
    items[index] = entry;
    deadlines[index] = deadline;
  }
}
