/**
 * asyncio's `_scheduled` heap: every timer of the loop, earliest deadline first.
 *
 * Timers with the same deadline keep their order of creation (asyncio's deadlines come from
 * a nanosecond clock, so two timers made one after the other never tie; ours can, so a sequence
 * number breaks ties). A cancelled timer stays where it is until it reaches the top or, once
 * cancelled timers are half of the heap, until the heap is next looked at, as in asyncio's
 * `_run_once`: removing from the middle of a large heap costs a sift each, and cancelling 100 000
 * sleeping tasks is a common thing.
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
/** The arrays' first size; they double when full and halve when a quarter full. */
const MIN_CAPACITY = 64;

/** True if a timer due at `aDeadline`, armed `aSeq`th, fires before one due at `bDeadline`. */
function before(aDeadline: number, aSeq: number, bDeadline: number, bSeq: number): boolean {
  return aDeadline < bDeadline || (aDeadline === bDeadline && aSeq < bSeq);
}

/**
 * A min-heap of timers.
 *
 * The heap itself is three typed arrays, in heap order: each timer's deadline, its sequence
 * number (the tie-break) and the slot that holds the entry. A sift reads and moves numbers only:
 * it touches no entry, and moving a number into a typed array needs no write barrier, where moving
 * an entry up or down an array of objects did at each level (the array lives in the old space, a
 * fresh entry in the young one). Loading each entry's deadline from the entry was a tenth of the
 * CPU of 200 tasks that keep sleeping, nearly all of it cache misses; the barriers, a few percent
 * more. An entry is written once when it comes in and once when it goes.
 */
export class TimerHeap {
  /** The entries, by slot; a free slot holds `undefined`. */
  private readonly entries: (TimerEntry | undefined)[] = [];
  /** Slots free for reuse. */
  private readonly freeSlots: number[] = [];
  private deadlines = new Float64Array(MIN_CAPACITY);
  private seqs = new Float64Array(MIN_CAPACITY);
  private slots = new Int32Array(MIN_CAPACITY);
  private count = 0;
  private cancelledCount = 0;
  private seq = 0;

  /** Adds `entry`. */
  push(entry: TimerEntry): void {
    const seq = ++this.seq;
    entry.timerSeq = seq;
    const index = this.count;
    if (index === this.deadlines.length) this.resize(index * 2);
    let slot = this.freeSlots.pop();
    if (slot === undefined) {
      slot = this.entries.length;
      this.entries.push(entry);
    } else this.entries[slot] = entry;
    this.count = index + 1;
    // The newest entry comes after every entry with its deadline: ties never move it up.
    this.siftUp(index, entry.deadline, seq, slot);
  }

  /**
   * Records that an entry in the heap was cancelled. The heap is compacted when it is next looked
   * at, as asyncio's `_run_once` does, not here: a burst of cancels (100 000 sleeping tasks) then
   * costs one pass over the heap, where compacting each time half were cancelled cost two passes
   * and a heapify per halving, and touched every live entry again each time.
   */
  noteCancelled(): void {
    this.cancelledCount++;
  }

  /** True when `entry` is the earliest entry (live or not). */
  isFirst(entry: TimerEntry): boolean {
    return this.count > 0 && this.entries[this.slots[0] as number] === entry;
  }

  /** The earliest live entry, dropping cancelled ones on the way; `undefined` when empty. */
  peek(): TimerEntry | undefined {
    if (this.count > MIN_COMPACT_SIZE && this.cancelledCount * 2 > this.count) this.compact();
    while (this.count > 0) {
      const first = this.entries[this.slots[0] as number] as TimerEntry;
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
    const size = this.count;
    const pending = [0];
    for (let index = pending.pop(); index !== undefined; index = pending.pop()) {
      if (index >= size) continue;
      const deadline = this.deadlines[index] as number;
      if (deadline > bound) continue;
      if (deadline > latest && !this.entryAt(index).timerCancelled()) latest = deadline;
      pending.push(2 * index + 1, 2 * index + 2);
    }
    return latest;
  }

  /** Removes and returns the earliest entry (live or not). */
  pop(): TimerEntry | undefined {
    if (this.count === 0) return undefined;
    const slot = this.slots[0] as number;
    const first = this.entries[slot] as TimerEntry;
    this.entries[slot] = undefined;
    this.freeSlots.push(slot);
    first.timerSeq = 0;
    const size = --this.count;
    if (size > 0) {
      this.siftDown(
        0,
        this.deadlines[size] as number,
        this.seqs[size] as number,
        this.slots[size] as number,
      );
    }
    if (size < this.deadlines.length >> 2 && this.deadlines.length > MIN_CAPACITY)
      this.resize(this.deadlines.length >> 1);
    return first;
  }

  private entryAt(index: number): TimerEntry {
    return this.entries[this.slots[index] as number] as TimerEntry;
  }

  private resize(capacity: number): void {
    const deadlines = new Float64Array(capacity);
    const seqs = new Float64Array(capacity);
    const slots = new Int32Array(capacity);
    deadlines.set(this.deadlines.subarray(0, this.count));
    seqs.set(this.seqs.subarray(0, this.count));
    slots.set(this.slots.subarray(0, this.count));
    this.deadlines = deadlines;
    this.seqs = seqs;
    this.slots = slots;
    if (capacity < this.entries.length) this.repackSlots();
  }

  /** Gives the entries the slots 0 to size - 1, so that the slot table shrinks with the heap. */
  private repackSlots(): void {
    const entries = this.entries;
    const live: TimerEntry[] = [];
    for (let index = 0; index < this.count; index++) {
      live.push(this.entryAt(index));
      this.slots[index] = index;
    }
    entries.length = 0;
    for (const entry of live) entries.push(entry);
    this.freeSlots.length = 0;
  }

  /** Drops the cancelled entries and heapifies the rest, keeping their deadlines and order. */
  private compact(): void {
    const live: TimerEntry[] = [];
    for (let index = 0; index < this.count; index++) {
      const entry = this.entryAt(index);
      if (entry.timerCancelled()) entry.timerSeq = 0;
      else live.push(entry);
    }
    this.entries.length = 0;
    this.freeSlots.length = 0;
    this.count = 0;
    this.cancelledCount = 0;
    for (const entry of live) {
      const index = this.count++;
      this.deadlines[index] = entry.deadline;
      this.seqs[index] = entry.timerSeq;
      this.slots[index] = index;
      this.entries.push(entry);
    }
    for (let index = (this.count >> 1) - 1; index >= 0; index--) {
      this.siftDown(
        index,
        this.deadlines[index] as number,
        this.seqs[index] as number,
        this.slots[index] as number,
      );
    }
  }

  /** Moves the timer (`deadline`, `seq`, `slot`) up from `index` to its place. */
  private siftUp(index: number, deadline: number, seq: number, slot: number): void {
    const deadlines = this.deadlines;
    const seqs = this.seqs;
    const slots = this.slots;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      const parentDeadline = deadlines[parent] as number;
      if (!(deadline < parentDeadline)) break;
      deadlines[index] = parentDeadline;
      seqs[index] = seqs[parent] as number;
      slots[index] = slots[parent] as number;
      index = parent;
    }
    deadlines[index] = deadline;
    seqs[index] = seq;
    slots[index] = slot;
  }

  /** Moves the timer (`deadline`, `seq`, `slot`) down from `index` to its place. */
  private siftDown(index: number, deadline: number, seq: number, slot: number): void {
    const deadlines = this.deadlines;
    const seqs = this.seqs;
    const slots = this.slots;
    const size = this.count;
    for (;;) {
      let child = 2 * index + 1;
      if (child >= size) break;
      let childDeadline = deadlines[child] as number;
      const right = child + 1;
      if (right < size) {
        const rightDeadline = deadlines[right] as number;
        if (before(rightDeadline, seqs[right] as number, childDeadline, seqs[child] as number)) {
          child = right;
          childDeadline = rightDeadline;
        }
      }
      if (!before(childDeadline, seqs[child] as number, deadline, seq)) break;
      deadlines[index] = childDeadline;
      seqs[index] = seqs[child] as number;
      slots[index] = slots[child] as number;
      index = child;
    }
    deadlines[index] = deadline;
    seqs[index] = seq;
    slots[index] = slot;
  }
}
