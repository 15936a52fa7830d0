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

function before(a: TimerEntry, b: TimerEntry): boolean {
  return a.deadline < b.deadline || (a.deadline === b.deadline && a.timerSeq < b.timerSeq);
}

/** A min-heap of timers. */
export class TimerHeap {
  private readonly items: TimerEntry[] = [];
  private cancelledCount = 0;
  private seq = 0;

  /** Adds `entry`. */
  push(entry: TimerEntry): void {
    entry.timerSeq = ++this.seq;
    this.items.push(entry);
    this.siftUp(this.items.length - 1);
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
    const pending = [0];
    for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
      const entry = this.items[index];
      if (entry === undefined || entry.deadline > bound) continue;
      if (!entry.timerCancelled() && entry.deadline > latest) latest = entry.deadline;
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
    if (items.length > 0) {
      items[0] = last;
      this.siftDown(0);
    }
    return first;
  }

  private compact(): void {
    const live = this.items.filter((entry) => {
      if (!entry.timerCancelled()) return true;
      entry.timerSeq = 0;
      return false;
    });
    this.items.length = 0;
    for (const entry of live) this.items.push(entry);
    this.cancelledCount = 0;
    for (let index = (live.length >> 1) - 1; index >= 0; index--) this.siftDown(index);
  }

  private siftUp(index: number): void {
    const items = this.items;
    const entry = items[index] as TimerEntry;
    while (index > 0) {
      const parentIndex = (index - 1) >> 1;
      const parent = items[parentIndex] as TimerEntry;
      if (!before(entry, parent)) break;
      items[index] = parent;
      index = parentIndex;
    }
    items[index] = entry;
  }

  private siftDown(index: number): void {
    const items = this.items;
    const entry = items[index] as TimerEntry;
    const size = items.length;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && before(items[right] as TimerEntry, items[child] as TimerEntry))
        child = right;
      if (!before(items[child] as TimerEntry, entry)) break;
      items[index] = items[child] as TimerEntry;
      index = child;
    }
    items[index] = entry;
  }
}
