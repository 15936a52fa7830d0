import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockingSleep, CancelledError, createTask, sleep } from '../../src/runtime/index.js';
import { rawDelay, timed, useTestScale } from '../helpers/time.js';

const msPerSecond = useTestScale();

describe('sleep', () => {
  it('waits about the scaled time and never less', async () => {
    const { ms } = await timed(() => sleep(2));
    assert.ok(ms >= 2 * msPerSecond, `slept ${ms} ms`);
    assert.ok(ms < 2 * msPerSecond * 1.5 + 15, `slept ${ms} ms`);
  });

  it('sleep(0) lets an already-due timer run; a microtask yield does not', async () => {
    const result = await createTask(async () => {
      let fired = false;
      setTimeout(() => {
        fired = true;
      }, 1);
      blockingSleep(5 / msPerSecond); // 5 ms: the timer is now due
      await Promise.resolve();
      const afterMicrotask = fired;
      await sleep(0);
      return { afterMicrotask, afterSleep0: fired };
    });
    assert.deepEqual(result, { afterMicrotask: false, afterSleep0: true });
  });

  it('sleep(0) lets an already-due timer run, also in a step that a sleep woke', async () => {
    for (const napMs of [5, 25]) {
      const fired = await createTask(async () => {
        await sleep(napMs / msPerSecond); // this step runs in the turn the wake-up started
        let timerRan = false;
        setTimeout(() => {
          timerRan = true;
        }, 1);
        blockingSleep(5 / msPerSecond);
        await sleep(0);
        return timerRan;
      });
      assert.equal(fired, true, `after a sleep of ${napMs} ms`);
    }
  });

  it('lets the first woken task cancel one woken on the same turn before it runs', async () => {
    const seen: string[] = [];
    const first = createTask(async () => {
      await sleep(1);
      later.cancel();
    });
    const later = createTask(async () => {
      await sleep(1);
      seen.push('later woke');
    });
    await sleep(0.2); // both are sleeping, later's deadline a turn after first's
    blockingSleep(1.5); // both are due when the loop comes back
    await first;
    await assert.rejects(Promise.resolve(later), CancelledError);
    assert.deepEqual(seen, []);
  });

  it('treats a negative duration as sleep(0): one turn, as asyncio does', async () => {
    const order: string[] = [];
    await createTask(async () => {
      createTask(async () => {
        order.push('other task');
      });
      await sleep(-1);
      order.push('slept');
    });
    assert.deepEqual(order, ['other task', 'slept']);
  });

  it('rejects NaN and non-numbers with TypeError', () => {
    assert.throws(() => sleep(Number.NaN), TypeError);
    assert.throws(() => sleep('1' as unknown as number), TypeError);
  });
});

describe('blockingSleep', () => {
  it('blocks the thread: a timer due meanwhile fires only afterwards', async () => {
    let firedAt = 0;
    const timer = rawDelay(1).then(() => {
      firedAt = performance.now();
    });
    const start = performance.now();
    blockingSleep(2); // 40 ms at the test scale
    const end = performance.now();
    assert.equal(firedAt, 0);
    await timer;
    assert.ok(firedAt >= end, 'the timer fired after the block');
    assert.ok(end - start >= 2 * msPerSecond);
  });
});
