import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DeadlineTimer } from '../../src/runtime/deadline.js';
import { blockingSleep, setTimeScale } from '../../src/runtime/index.js';

setTimeScale(1);

function fired(
  deadlines: number[],
  disarm: (timers: DeadlineTimer[]) => void = () => {},
): Promise<number[]> {
  return new Promise((resolve) => {
    const order: number[] = [];
    const start = performance.now();
    const timers = deadlines.map(
      (ms, i) =>
        new DeadlineTimer(start + ms, () => {
          order.push(i);
          if (order.length === deadlines.length - cleared.size) resolve(order);
        }),
    );
    const cleared = new Set<number>();
    disarm(timers);
    timers.forEach((t, i) => {
      if (t.heapIndex < 0) cleared.add(i);
    });
  });
}

describe('DeadlineTimer', () => {
  it('fires in deadline order, whatever order they were armed in', async () => {
    const deadlines = [30, 5, 20, 1, 12, 25, 8, 16];
    const order = await fired(deadlines);
    assert.deepEqual(order, [3, 1, 6, 4, 7, 2, 5, 0]);
  });

  it('fires overdue deadlines earliest first after the loop was blocked', async () => {
    const start = performance.now();
    const order: string[] = [];
    const done = new Promise<void>((resolve) => {
      new DeadlineTimer(start + 40, () => {
        order.push('late');
        resolve();
      });
      new DeadlineTimer(start + 10, () => order.push('early'));
    });
    blockingSleep(0.06); // both overdue when the loop comes back
    await done;
    assert.deepEqual(order, ['early', 'late']);
  });

  it('never fires a cleared timer, also when many are cleared at once', async () => {
    const deadlines = Array.from({ length: 200 }, (_, i) => 5 + (i % 20));
    const order = await fired(deadlines, (timers) => {
      for (const [i, t] of timers.entries()) if (i % 3 !== 0) t.clear();
    });
    assert.equal(order.length, 67);
    assert.ok(order.every((i) => i % 3 === 0));
  });

  it('never fires early', async () => {
    for (let i = 0; i < 20; i++) {
      const deadline = performance.now() + 3;
      const at = await new Promise<number>(
        (resolve) => new DeadlineTimer(deadline, () => resolve(performance.now())),
      );
      assert.ok(at >= deadline);
    }
  });
});
