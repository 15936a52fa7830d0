import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { now } from '../../src/runtime/clock.js';
import { WakeTimer } from '../../src/runtime/wake-timer.js';

/** Resolves with how late (ms after `ms` from now) a wake-up set for then came. */
function wakeIn(ms: number): Promise<number> {
  return new Promise((resolve) => {
    const at = now() + ms;
    new WakeTimer(() => resolve(now() - at)).set(at);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[values.length >> 1] ?? 0;

describe('WakeTimer', () => {
  it('never wakes before its moment, for a short wait or a long one', async () => {
    for (const ms of [0.5, 3, 3.7, 25, 25.6]) {
      for (let i = 0; i < 4; i++) {
        const late = await wakeIn(ms);
        assert.ok(late >= 0, `a wait of ${ms} ms woke ${-late} ms early`);
      }
    }
  });

  it('ends a long wait within a fraction of a millisecond of its moment', async () => {
    const lateness: number[] = [];
    for (let i = 0; i < 11; i++) lateness.push(await wakeIn(22 + i / 11));
    // A timer of whole milliseconds alone is 0.5 ms late at the median; the polling ends it.
    assert.ok(median(lateness) < 0.5, `median lateness ${median(lateness).toFixed(3)} ms`);
  });

  it("lets Node's timers and immediates run while it polls toward its moment", async () => {
    const at = now() + 25;
    const ranMeanwhile: string[] = [];
    const woken = new Promise<void>((resolve) => new WakeTimer(() => resolve()).set(at));
    let pollingSeen = false;
    const watch = setTimeout(function look() {
      // Before the moment (in the polling, or before it), the loop goes round: immediates get in.
      if (now() >= at) return;
      pollingSeen = true;
      setImmediate(() => {
        if (now() < at) ranMeanwhile.push('immediate');
      });
    }, 23);
    try {
      await woken;
    } finally {
      clearTimeout(watch);
    }
    if (pollingSeen) assert.deepEqual(ranMeanwhile.slice(0, 1), ['immediate']);
  });

  it('is withdrawn by clear(), and a later set() replaces an earlier one', async () => {
    const woke: string[] = [];
    const first = new WakeTimer(() => woke.push('cleared'));
    first.set(now() + 2);
    first.clear();
    const second = new WakeTimer(() => woke.push('second'));
    second.set(now() + 30);
    const moved = new Promise<void>((resolve) => {
      second.set(now() + 3);
      setTimeout(resolve, 40);
    });
    await moved;
    assert.deepEqual(woke, ['second']);
  });
});
