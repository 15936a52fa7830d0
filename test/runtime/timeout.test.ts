import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  blockingSleep,
  CancelledError,
  coro,
  createTask,
  gather,
  isCancelled,
  sleep,
  TimeoutError,
  timeout,
} from '../../src/runtime/index.js';
import { rawDelay, timed, useTestScale } from '../helpers/time.js';

const msPerSecond = useTestScale();

async function job(name: string, seconds: number, log: string[]): Promise<string> {
  log.push(`start ${name}`);
  await sleep(seconds);
  log.push(`done ${name}`);
  return name;
}

describe('timeout', () => {
  it('cancels the body at the deadline and throws TimeoutError, not CancelledError', async () => {
    const log: string[] = [];
    const { ms } = await timed(() =>
      assert.rejects(
        timeout(2, () => gather(coro(job, 'foo', 2.5, log), coro(job, 'bar', 1, log))),
        (err) => err instanceof TimeoutError && !isCancelled(err),
      ),
    );
    assert.deepEqual(log, ['start foo', 'start bar', 'done bar']);
    const ratio = ms / (2 * msPerSecond);
    assert.ok(ratio >= 1 && ratio < 1.5, `fired at ${ratio.toFixed(2)}x the limit`);
  });

  it('lets a body that finishes first win', async () => {
    const log: string[] = [];
    const value = await timeout(3, () =>
      gather(coro(job, 'foo', 2, log), coro(job, 'bar', 1, log)),
    );
    assert.deepEqual(value, ['foo', 'bar']);
  });

  it('takes the deadline on entry', async () => {
    const { ms } = await timed(() =>
      assert.rejects(
        timeout(2, async () => {
          await sleep(1.5);
          await sleep(1.5); // the limit does not restart at each await
        }),
        TimeoutError,
      ),
    );
    assert.ok(ms < 2.9 * msPerSecond, `fired after ${ms} ms`);
  });

  it('blames the inner timeout when it expires first', async () => {
    const seen: string[] = [];
    await timeout(5, async () => {
      try {
        await timeout(1, () => sleep(10));
      } catch (err) {
        seen.push(err instanceof TimeoutError ? 'inner' : 'other');
      }
    });
    assert.deepEqual(seen, ['inner']);
  });

  it('blames the outer timeout when it expires first', async () => {
    const seen: string[] = [];
    await assert.rejects(
      timeout(1, async () => {
        try {
          await timeout(5, () => sleep(10));
        } catch (err) {
          seen.push(isCancelled(err) ? 'inner saw a cancellation' : 'other');
          throw err;
        }
      }),
      TimeoutError,
    );
    assert.deepEqual(seen, ['inner saw a cancellation']);
  });

  it('leaves later awaits in the same task alone after it fired', async () => {
    const task = createTask(async () => {
      await timeout(1, () => sleep(10)).catch((err) => {
        if (!(err instanceof TimeoutError)) throw err;
      });
      await sleep(1.5);
      await sleep(0);
      return 'went on';
    });
    assert.equal(await task, 'went on');
  });

  it('never fires early', async () => {
    for (let i = 0; i < 20; i++) {
      const { ms } = await timed(() => timeout(0.5, () => sleep(10)).catch(() => {}));
      assert.ok(ms >= 0.5 * msPerSecond, `trial ${i} fired after ${ms} ms`);
    }
  });

  it('lets a cancellation from outside through as CancelledError', async () => {
    const task = createTask(() => timeout(5, () => sleep(10)));
    await sleep(1);
    task.cancel();
    await assert.rejects(Promise.resolve(task), (err) => err instanceof CancelledError);
  });

  it('still times out a body that awaited a plain promise past the deadline', async () => {
    // The runtime cannot interrupt a plain promise, but the deadline was missed all the same.
    await assert.rejects(
      timeout(1, async () => {
        await rawDelay(2 * msPerSecond);
        return 'late';
      }),
      TimeoutError,
    );
  });

  it('wins over a sleep that became due while the loop was blocked, as in asyncio', async () => {
    const seen: string[] = [];
    await assert.rejects(
      timeout(2, async () => {
        const sleeper = createTask(async () => {
          try {
            await sleep(1);
            seen.push('woke');
          } catch (err) {
            seen.push(isCancelled(err) ? 'cancelled' : 'other');
            throw err;
          }
        });
        await sleep(0); // the sleeper is now waiting
        blockingSleep(3); // both its sleep and the timeout are overdue
        await sleeper;
      }),
      TimeoutError,
    );
    assert.deepEqual(seen, ['cancelled']);
  });

  it('expires a limit of 0 or less on the next turn (test_timeout_zero, test_timeout_in_the_past_sleep_zero)', async () => {
    for (const limit of [0, -1]) {
      await assert.rejects(
        timeout(limit, () => sleep(10)),
        TimeoutError,
      );
    }
  });

  it('lets a body that never suspends finish before a past deadline fires', async () => {
    assert.equal(await timeout(-1, async () => 'done'), 'done');
  });
});
