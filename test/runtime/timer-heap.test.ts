import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { THEN_NEXT } from '../../src/runtime/ready-queue.js';
import { type TimerEntry, TimerHeap } from '../../src/runtime/timer-heap.js';

/** A timer entry that can be cancelled; `name` tells entries apart in assertions. */
class Entry implements TimerEntry {
  timerSeq = 0;
  cancelled = false;
  constructor(
    readonly name: string,
    readonly deadline: number,
  ) {}
  timerCancelled(): boolean {
    return this.cancelled;
  }
  fire(): typeof THEN_NEXT {
    return THEN_NEXT;
  }
}

/** Pops every live entry, in the order the loop would fire them. */
function drain(heap: TimerHeap): string[] {
  const names: string[] = [];
  for (let entry = heap.peek(); entry !== undefined; entry = heap.peek()) {
    heap.pop();
    names.push((entry as Entry).name);
  }
  return names;
}

/** A seeded pseudo-random generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

describe('TimerHeap', () => {
  it('gives the earliest deadline first', () => {
    const heap = new TimerHeap();
    for (const [name, deadline] of [
      ['c', 30],
      ['a', 10],
      ['d', 40],
      ['b', 20],
    ] as const)
      heap.push(new Entry(name, deadline));
    assert.deepEqual(drain(heap), ['a', 'b', 'c', 'd']);
  });

  it('keeps the order of arming between equal deadlines, also after pops', () => {
    const heap = new TimerHeap();
    for (let i = 0; i < 20; i++) heap.push(new Entry(`t${i}`, i % 2 === 0 ? 5 : 7));
    heap.pop(); // t0: the rest sift down past entries due together
    assert.deepEqual(drain(heap), [
      ...['t2', 't4', 't6', 't8', 't10', 't12', 't14', 't16', 't18'],
      ...['t1', 't3', 't5', 't7', 't9', 't11', 't13', 't15', 't17', 't19'],
    ]);
  });

  it('matches a sorted list over random pushes and pops, while it grows and shrinks', () => {
    const next = random(17);
    const heap = new TimerHeap();
    const expected: Entry[] = [];
    let count = 0;
    for (let round = 0; round < 4000; round++) {
      // Mostly pushes at first (the heap grows past its first array), mostly pops later.
      if (next() < (round < 2000 ? 0.7 : 0.3)) {
        const entry = new Entry(`t${count++}`, Math.floor(next() * 50));
        heap.push(entry);
        expected.push(entry);
        expected.sort((a, b) => a.deadline - b.deadline || a.timerSeq - b.timerSeq);
      } else {
        assert.equal(heap.pop(), expected.shift());
      }
    }
    assert.deepEqual(
      drain(heap),
      expected.map((entry) => entry.name),
    );
  });

  it('keeps its order across cycles of growing and shrinking, with cancellations between', () => {
    const next = random(29);
    const heap = new TimerHeap();
    let expected: Entry[] = [];
    let count = 0;
    for (const [grow, shrinkTo] of [
      [1000, 10],
      [300, 0],
      [2000, 500],
      [50, 1],
    ] as const) {
      for (let i = 0; i < grow; i++) {
        const entry = new Entry(`t${count++}`, next() * 100);
        heap.push(entry);
        expected.push(entry);
      }
      for (const entry of expected) {
        if (next() < 0.2) {
          entry.cancelled = true;
          heap.noteCancelled();
        }
      }
      expected = expected
        .filter((entry) => !entry.cancelled)
        .sort((a, b) => a.deadline - b.deadline || a.timerSeq - b.timerSeq);
      while (expected.length > shrinkTo) {
        assert.equal(heap.peek(), expected[0]);
        heap.pop();
        expected.shift();
      }
    }
    assert.deepEqual(
      drain(heap),
      expected.map((entry) => entry.name),
    );
  });

  it('skips cancelled entries and compacts when they are half of the heap, once looked at', () => {
    const heap = new TimerHeap();
    const entries = Array.from({ length: 300 }, (_, i) => new Entry(`t${i}`, 300 - i));
    for (const entry of entries) heap.push(entry);
    const cancelled = entries.filter((_, i) => i % 3 !== 0);
    for (const entry of cancelled) {
      entry.cancelled = true;
      heap.noteCancelled();
    }
    const dropped = () => cancelled.filter((entry) => entry.timerSeq === 0).length;
    assert.equal(dropped(), 0, 'a burst of cancels does not compact');
    heap.peek();
    assert.equal(dropped(), cancelled.length, 'the first look compacts all at once');
    const live = entries.filter((_, i) => i % 3 === 0).reverse();
    assert.deepEqual(
      drain(heap),
      live.map((entry) => entry.name),
    );
  });

  it('finds the latest live deadline due by a bound', () => {
    const heap = new TimerHeap();
    const late = new Entry('late', 12);
    for (const entry of [new Entry('a', 10), new Entry('b', 11.5), late, new Entry('z', 20)])
      heap.push(entry);
    assert.equal(heap.latestDeadlineUntil(12), 12);
    late.cancelled = true;
    assert.equal(heap.latestDeadlineUntil(12), 11.5);
    assert.equal(heap.latestDeadlineUntil(9), Number.NEGATIVE_INFINITY);
  });

  it('marks a popped entry as out of the heap', () => {
    const heap = new TimerHeap();
    const entry = new Entry('a', 1);
    heap.push(entry);
    assert.ok(entry.timerSeq > 0);
    assert.ok(heap.isFirst(entry));
    heap.pop();
    assert.equal(entry.timerSeq, 0);
    assert.equal(heap.peek(), undefined);
  });
});
