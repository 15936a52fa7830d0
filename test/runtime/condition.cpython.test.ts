/**
 * CPython 3.11's test_locks.py ConditionTests, ported (same names, same assertions). Left out:
 * test_ambiguous_loops (the `loop=` argument and a second event loop, which the runtime has no
 * use for). `async with cond:` is `cond.hold(body)`; asyncio's RuntimeError is InvalidStateError.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelledError,
  Condition,
  callSoon,
  createTask,
  InvalidStateError,
  Lock,
  sleep,
  TimeoutError,
  waitFor,
} from '../../src/runtime/index.js';
import { assertRaises, inTask, useCPythonScale } from '../helpers/cpython.js';

useCPythonScale();

/** asyncio's RGX_REPR, without the `object at 0x…` JavaScript has no use for. */
const RGX_REPR = /^<(\w+) \[(set|unset|locked|unlocked)(, value:\d)?(, waiters:\d+)?\]>$/;

/** c1, c2, c3 of the tests: acquire, wait, note `n`, maybe release; return true. */
function waiterTask(cond: Condition, result: number[], n: number, release: boolean) {
  return createTask(async () => {
    await cond.acquire();
    if (await cond.wait()) {
      result.push(n);
      if (release) cond.release();
    }
    return true;
  });
}

describe('CPython test_locks: ConditionTests', () => {
  it('test_wait', () =>
    inTask(async () => {
      const cond = new Condition();
      const result: number[] = [];
      const tasks = [1, 2, 3].map((n) => waiterTask(cond, result, n, false));
      await sleep(0);
      assert.deepEqual(result, []);
      assert.equal(cond.locked(), false);

      assert.equal(await cond.acquire(), true);
      cond.notify();
      await sleep(0);
      assert.deepEqual(result, []);
      assert.equal(cond.locked(), true);

      cond.release();
      await sleep(0);
      assert.deepEqual(result, [1]);
      assert.equal(cond.locked(), true);

      cond.notify(2);
      await sleep(0);
      assert.deepEqual(result, [1]);
      assert.equal(cond.locked(), true);

      cond.release();
      await sleep(0);
      assert.deepEqual(result, [1, 2]);
      assert.equal(cond.locked(), true);

      cond.release();
      await sleep(0);
      assert.deepEqual(result, [1, 2, 3]);
      assert.equal(cond.locked(), true);

      for (const t of tasks) {
        assert.ok(t.done());
        assert.equal(t.result(), true);
      }
    }));

  it('test_wait_cancel', () =>
    inTask(async () => {
      const cond = new Condition();
      await cond.acquire();
      const wait = createTask(() => cond.wait());
      callSoon(() => wait.cancel());
      await assertRaises(wait, CancelledError);
      assert.equal(cond._waiters.size, 0);
      assert.equal(cond.locked(), true);
    }));

  it('test_wait_cancel_contested', () =>
    inTask(async () => {
      const cond = new Condition();
      await cond.acquire();
      assert.equal(cond.locked(), true);
      const waitTask = createTask(() => cond.wait());
      await sleep(0);
      assert.equal(cond.locked(), false);
      // Notify, but contest the lock before cancelling.
      await cond.acquire();
      assert.equal(cond.locked(), true);
      cond.notify();
      callSoon(() => waitTask.cancel());
      callSoon(() => cond.release());
      try {
        await waitTask;
      } catch (err) {
        // Should not happen, since no cancellation points.
        if (!(err instanceof CancelledError)) throw err;
      }
      assert.equal(cond.locked(), true);
    }));

  it('test_wait_cancel_after_notify', () =>
    inTask(async () => {
      let waited = false;
      const cond = new Condition();
      const waiter = createTask(() =>
        cond.hold(async () => {
          waited = true; // make sure this area was reached
          await cond.wait();
        }),
      );
      await sleep(0); // start waiting
      await cond.acquire();
      cond.notify();
      await sleep(0); // get to acquire()
      waiter.cancel();
      await sleep(0); // activate cancellation
      cond.release();
      await sleep(0); // cancellation should occur
      assert.equal(waiter.cancelled(), true);
      assert.equal(waited, true);
    }));

  it('test_wait_unacquired', () =>
    inTask(async () => {
      const cond = new Condition();
      await assertRaises(cond.wait(), InvalidStateError);
    }));

  it('test_wait_for', () =>
    inTask(async () => {
      const cond = new Condition();
      let presult = false;
      const result: number[] = [];
      const t = createTask(async () => {
        await cond.acquire();
        if (await cond.waitFor(() => presult)) {
          result.push(1);
          cond.release();
        }
        return true;
      });
      await sleep(0);
      assert.deepEqual(result, []);

      await cond.acquire();
      cond.notify();
      cond.release();
      await sleep(0);
      assert.deepEqual(result, []);

      presult = true;
      await cond.acquire();
      cond.notify();
      cond.release();
      await sleep(0);
      assert.deepEqual(result, [1]);
      assert.ok(t.done());
      assert.equal(t.result(), true);
    }));

  it('test_wait_for_unacquired', () =>
    inTask(async () => {
      const cond = new Condition();
      // The predicate can be true at once.
      assert.deepEqual(await cond.waitFor(() => [1, 2, 3]), [1, 2, 3]);
      await assertRaises(
        cond.waitFor(() => false),
        InvalidStateError,
      );
    }));

  it('test_notify', () =>
    inTask(async () => {
      const cond = new Condition();
      const result: number[] = [];
      const tasks = [1, 2, 3].map((n) => waiterTask(cond, result, n, true));
      await sleep(0);
      assert.deepEqual(result, []);

      await cond.acquire();
      cond.notify(1);
      cond.release();
      await sleep(0);
      assert.deepEqual(result, [1]);

      await cond.acquire();
      cond.notify(1);
      cond.notify(2048);
      cond.release();
      await sleep(0);
      assert.deepEqual(result, [1, 2, 3]);
      for (const t of tasks) {
        assert.ok(t.done());
        assert.equal(t.result(), true);
      }
    }));

  it('test_notify_all', () =>
    inTask(async () => {
      const cond = new Condition();
      const result: number[] = [];
      const tasks = [1, 2].map((n) => waiterTask(cond, result, n, true));
      await sleep(0);
      assert.deepEqual(result, []);

      await cond.acquire();
      cond.notifyAll();
      cond.release();
      await sleep(0);
      assert.deepEqual(result, [1, 2]);
      for (const t of tasks) {
        assert.ok(t.done());
        assert.equal(t.result(), true);
      }
    }));

  it('test_notify_unacquired', () => {
    assert.throws(() => new Condition().notify(), InvalidStateError);
  });

  it('test_notify_all_unacquired', () => {
    assert.throws(() => new Condition().notifyAll(), InvalidStateError);
  });

  it('test_repr', () =>
    inTask(async () => {
      const cond = new Condition();
      assert.ok(String(cond).includes('unlocked'));
      assert.match(String(cond), RGX_REPR);
      await cond.acquire();
      assert.ok(String(cond).includes('locked'));
      cond._waiters.add('test');
      assert.ok(String(cond).includes('waiters:1'));
      assert.match(String(cond), RGX_REPR);
      cond._waiters.add('test');
      assert.ok(String(cond).includes('waiters:2'));
      assert.match(String(cond), RGX_REPR);
    }));

  it('test_context_manager', () =>
    inTask(async () => {
      const cond = new Condition();
      assert.equal(cond.locked(), false);
      await cond.hold(() => assert.equal(cond.locked(), true));
      assert.equal(cond.locked(), false);
    }));

  it('test_explicit_lock', () =>
    inTask(async () => {
      const f = async (given?: Lock, givenCond?: Condition) => {
        const lock = given ?? new Lock();
        const cond = givenCond ?? new Condition(lock);
        assert.equal(lock.locked(), false);
        assert.equal(cond.locked(), false);
        await cond.hold(() => {
          assert.equal(lock.locked(), true);
          assert.equal(cond.locked(), true);
        });
        assert.equal(lock.locked(), false);
        assert.equal(cond.locked(), false);
        await lock.hold(() => {
          assert.equal(lock.locked(), true);
          assert.equal(cond.locked(), true);
        });
        assert.equal(lock.locked(), false);
        assert.equal(cond.locked(), false);
      };
      // All should work in the same way.
      await f();
      await f(new Lock());
      const lock = new Lock();
      await f(lock, new Condition(lock));
    }));

  it('test_timeout_in_block', () =>
    inTask(async () => {
      const condition = new Condition();
      // A coroutine is lazy in Python: here the function that makes it.
      await condition.hold(() =>
        assertRaises(
          waitFor(() => condition.wait(), 0.5),
          TimeoutError,
        ),
      );
    }));
});
