import assert from 'node:assert/strict';
import { createHook } from 'node:async_hooks';
import { describe, it } from 'node:test';
import { now, spinUntil } from '../../src/runtime/clock.js';
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
    let woke = false;
    let viaPolling = false;
    const woken = new Promise<void>((resolve) =>
      new WakeTimer((polled) => {
        woke = true;
        viaPolling = polled;
        resolve();
      }).set(at),
    );
    let pollingSeen = false;
    const watch = setTimeout(function look() {
      // Before the moment (in the polling, or before it), the loop goes round: an immediate set
      // then runs before the wake-up.
      if (now() >= at) return;
      pollingSeen = true;
      setImmediate(() => {
        if (!woke) ranMeanwhile.push('immediate');
      });
    }, 23);
    try {
      await woken;
    } finally {
      clearTimeout(watch);
    }
    // A process stalled past the moment (a loaded machine) wakes from the timer, with no
    // polling to go round in: that attempt says nothing.
    if (pollingSeen && viaPolling) assert.deepEqual(ranMeanwhile.slice(0, 1), ['immediate']);
  });

  it('polls in rounds of busy-waiting, not an immediate per round of the loop', async () => {
    // Each immediate is garbage (about 400 bytes); a round of the loop alone lasts 1-2 µs, so a
    // poll of up to 1.25 ms through immediates alone made hundreds, and their scavenges fell on
    // the deadlines (the old polling made 90-500 here). Rounds of 20 µs make at most about 60.
    const immediates: number[] = [];
    const hook = createHook({
      init(_id, type) {
        if (type === 'Immediate') immediates.push((immediates.pop() ?? 0) + 1);
      },
    });
    hook.enable();
    try {
      for (let i = 0; i < 5; i++) {
        immediates.push(0);
        await wakeIn(22 + i / 5);
      }
    } finally {
      hook.disable();
    }
    assert.ok(Math.max(...immediates) <= 70, `immediates per long wait: ${immediates}`);
  });

  it('spinUntil ends at the moment, or after its longest, whichever comes first', () => {
    // The bounds are far from the other outcome (20 ms, 50 ms), so that a process preempted for
    // a few milliseconds in the middle of a spin does not fail the test.
    const start = now();
    spinUntil(start + 0.05, 20);
    const toMoment = now() - start;
    assert.ok(toMoment >= 0.05 && toMoment < 10, `spun ${toMoment} ms to a moment 0.05 ms on`);
    const again = now();
    spinUntil(again + 50, 0.05);
    const capped = now() - again;
    assert.ok(capped >= 0.05 && capped < 10, `spun ${capped} ms with a cap of 0.05 ms`);
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
