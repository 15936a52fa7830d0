/**
 * CPython 3.11's test_locks.py, ported (same names, same assertions) for Lock, Event, Semaphore
 * and BoundedSemaphore. Left out: the tests of Python syntax (`await lock`, `with await lock`,
 * the `loop=` argument); Condition's and Barrier's are in condition.cpython.test.ts and
 * barrier.cpython.test.ts. `async with x:` is
 * `x.hold(body)`; asyncio's RuntimeError is InvalidStateError, its ValueError a RangeError.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  BoundedSemaphore,
  CancelledError,
  Condition,
  callSoon,
  createTask,
  Event,
  Future,
  gather,
  InvalidStateError,
  Lock,
  Semaphore,
  sleep,
  taskGroup,
  waitFor,
} from '../../src/runtime/index.js';
import { assertRaises, inTask, useCPythonScale } from '../helpers/cpython.js';

useCPythonScale();

/** asyncio's RGX_REPR, without the `object at 0x…` JavaScript has no use for. */
const RGX_REPR = /^<(\w+) \[(set|unset|locked|unlocked)(, value:\d)?(, waiters:\d+)?\]>$/;

describe('CPython test_locks: Lock', () => {
  it('test_repr', () =>
    inTask(async () => {
      const lock = new Lock();
      assert.ok(String(lock).endsWith('[unlocked]>'));
      assert.match(String(lock), RGX_REPR);
      await lock.acquire();
      assert.ok(String(lock).endsWith('[locked]>'));
      assert.match(String(lock), RGX_REPR);
    }));

  it('test_acquire', () =>
    inTask(async () => {
      const lock = new Lock();
      const result: number[] = [];
      assert.equal(await lock.acquire(), true);
      const c = (n: number) => async () => {
        if (await lock.acquire()) result.push(n);
        return true;
      };
      const t1 = createTask(c(1));
      const t2 = createTask(c(2));
      await sleep(0);
      assert.deepEqual(result, []);
      lock.release();
      await sleep(0);
      assert.deepEqual(result, [1]);
      await sleep(0);
      assert.deepEqual(result, [1]);
      const t3 = createTask(c(3));
      lock.release();
      await sleep(0);
      assert.deepEqual(result, [1, 2]);
      lock.release();
      await sleep(0);
      assert.deepEqual(result, [1, 2, 3]);
      for (const t of [t1, t2, t3]) {
        assert.ok(t.done());
        assert.equal(t.result(), true);
      }
    }));

  it('test_acquire_cancel', () =>
    inTask(async () => {
      const lock = new Lock();
      assert.equal(await lock.acquire(), true);
      const task = createTask(() => lock.acquire());
      callSoon(() => task.cancel());
      await assertRaises(task, CancelledError);
      assert.equal(lock._waiters.size, 0);
    }));

  it('test_cancel_race', () =>
    inTask(async () => {
      // A holds the lock, B and C wait; B is cancelled as A releases: C must get it.
      const lock = new Lock();
      const lockit = async (blocker: Future | null) => {
        await lock.acquire();
        try {
          if (blocker !== null) await blocker;
        } finally {
          lock.release();
        }
      };
      const fa = new Future();
      const ta = createTask(() => lockit(fa));
      await sleep(0);
      assert.ok(lock.locked());
      const tb = createTask(() => lockit(null));
      await sleep(0);
      assert.equal(lock._waiters.size, 1);
      const tc = createTask(() => lockit(null));
      await sleep(0);
      assert.equal(lock._waiters.size, 2);
      fa.setResult(null);
      tb.cancel();
      assert.ok(lock._waiters.first()?.cancelled());
      await sleep(0);
      assert.equal(lock.locked(), false);
      assert.ok(ta.done());
      assert.ok(tb.cancelled());
      await tc;
    }));

  it('test_cancel_release_race', () =>
    inTask(async () => {
      // bpo-32734: four acquires, cancel the second, release the first: one lock is taken.
      const lock = new Lock();
      let lockCount = 0;
      let callCount = 0;
      const lockit = async () => {
        callCount++;
        await lock.acquire();
        lockCount++;
      };
      await lock.acquire();
      const t1 = createTask(lockit);
      const t2 = createTask(lockit);
      const t3 = createTask(lockit);
      await sleep(0);
      callSoon(() => {
        t1.cancel();
        lock.release();
      });
      await assertRaises(t1, CancelledError);
      assert.equal(lockCount, 1);
      assert.equal(callCount, 3);
      assert.ok(t1.cancelled() && t2.done());
      t3.cancel();
      await sleep(0);
      assert.ok(t3.cancelled());
    }));

  it('test_finished_waiter_cancelled', () =>
    inTask(async () => {
      const lock = new Lock();
      await lock.acquire();
      assert.ok(lock.locked());
      const tb = createTask(() => lock.acquire());
      await sleep(0);
      assert.equal(lock._waiters.size, 1);
      // A second waiter; wake the first and cancel it: the second must still be woken.
      const tc = createTask(() => lock.acquire());
      tb.cancel();
      lock.release();
      await sleep(0);
      assert.ok(lock.locked());
      assert.ok(tb.cancelled());
      await tc;
    }));

  it('test_release_not_acquired', () => {
    assert.throws(() => new Lock().release(), InvalidStateError);
  });

  it('test_release_no_waiters', () =>
    inTask(async () => {
      const lock = new Lock();
      await lock.acquire();
      assert.ok(lock.locked());
      lock.release();
      assert.equal(lock.locked(), false);
    }));

  it('test_context_manager', () =>
    inTask(async () => {
      const lock = new Lock();
      assert.equal(lock.locked(), false);
      await lock.hold(() => assert.ok(lock.locked()));
      assert.equal(lock.locked(), false);
    }));
});

describe('CPython test_locks: Event', () => {
  it('test_repr', () => {
    const ev = new Event();
    assert.ok(String(ev).endsWith('[unset]>'));
    assert.equal(RGX_REPR.exec(String(ev))?.[2], 'unset');
    ev.set();
    assert.ok(String(ev).endsWith('[set]>'));
    assert.match(String(ev), RGX_REPR);
    ev._waiters.add('event');
    assert.ok(String(ev).includes('waiters:1'));
    assert.match(String(ev), RGX_REPR);
  });

  it('test_wait', () =>
    inTask(async () => {
      const ev = new Event();
      assert.equal(ev.isSet(), false);
      const result: number[] = [];
      const c = (n: number) => async () => {
        if (await ev.wait()) result.push(n);
      };
      const t1 = createTask(c(1));
      const t2 = createTask(c(2));
      await sleep(0);
      assert.deepEqual(result, []);
      const t3 = createTask(c(3));
      ev.set();
      await sleep(0);
      assert.deepEqual(result, [3, 1, 2]);
      for (const t of [t1, t2, t3]) {
        assert.ok(t.done());
        assert.equal(t.result(), undefined);
      }
    }));

  it('test_wait_on_set', () =>
    inTask(async () => {
      const ev = new Event();
      ev.set();
      assert.equal(await ev.wait(), true);
    }));

  it('test_wait_cancel', () =>
    inTask(async () => {
      const ev = new Event();
      const wait = createTask(() => ev.wait());
      callSoon(() => wait.cancel());
      await assertRaises(wait, CancelledError);
      assert.equal(ev._waiters.size, 0);
    }));

  it('test_clear', () => {
    const ev = new Event();
    assert.equal(ev.isSet(), false);
    ev.set();
    assert.ok(ev.isSet());
    ev.clear();
    assert.equal(ev.isSet(), false);
  });

  it('test_clear_with_waiters', () =>
    inTask(async () => {
      const ev = new Event();
      const result: number[] = [];
      const t = createTask(async () => {
        if (await ev.wait()) result.push(1);
        return true;
      });
      await sleep(0);
      assert.deepEqual(result, []);
      ev.set();
      ev.clear();
      assert.equal(ev.isSet(), false);
      ev.set();
      ev.set();
      assert.equal(ev._waiters.size, 1);
      await sleep(0);
      assert.deepEqual(result, [1]);
      assert.equal(ev._waiters.size, 0);
      assert.ok(t.done());
      assert.equal(t.result(), true);
    }));
});

describe('CPython test_locks: Semaphore', () => {
  it('test_initial_value_zero', () => {
    assert.ok(new Semaphore(0).locked());
  });

  it('test_repr', () =>
    inTask(async () => {
      const sem = new Semaphore();
      assert.ok(String(sem).endsWith('[unlocked, value:1]>'));
      assert.match(String(sem), RGX_REPR);
      await sem.acquire();
      assert.ok(String(sem).endsWith('[locked]>'));
      assert.ok(!String(sem).includes('waiters'));
      assert.match(String(sem), RGX_REPR);
      sem._waiters.add('semaphore');
      assert.ok(String(sem).includes('waiters:1'));
      assert.match(String(sem), RGX_REPR);
      sem._waiters.add('semaphore');
      assert.ok(String(sem).includes('waiters:2'));
      assert.match(String(sem), RGX_REPR);
    }));

  it('test_semaphore', () => {
    const sem = new Semaphore();
    assert.equal(sem._value, 1);
    assert.equal(sem.locked(), false);
  });

  it('test_semaphore_value', () => {
    assert.throws(() => new Semaphore(-1), RangeError);
  });

  it('test_acquire', () =>
    inTask(async () => {
      const sem = new Semaphore(3);
      const result: number[] = [];
      assert.equal(await sem.acquire(), true);
      assert.equal(await sem.acquire(), true);
      assert.equal(sem.locked(), false);
      const c = (n: number) => async () => {
        await sem.acquire();
        result.push(n);
        return true;
      };
      const t1 = createTask(c(1));
      const t2 = createTask(c(2));
      const t3 = createTask(c(3));
      await sleep(0);
      assert.deepEqual(result, [1]);
      assert.ok(sem.locked());
      assert.equal(sem._waiters.size, 2);
      assert.equal(sem._value, 0);
      const t4 = createTask(c(4));
      sem.release();
      sem.release();
      assert.equal(sem._value, 0);
      await sleep(0);
      assert.equal(sem._value, 0);
      assert.equal(result.length, 3);
      assert.ok(sem.locked());
      assert.equal(sem._waiters.size, 1);
      assert.equal(sem._value, 0);
      assert.ok(t1.done());
      assert.equal(t1.result(), true);
      const raceTasks = [t2, t3, t4];
      assert.equal(raceTasks.filter((t) => t.done() && t.result()).length, 2);
      sem.release();
      await gather(...raceTasks);
    }));

  it('test_acquire_cancel', () =>
    inTask(async () => {
      const sem = new Semaphore();
      await sem.acquire();
      const acquire = createTask(() => sem.acquire());
      callSoon(() => acquire.cancel());
      await assertRaises(acquire, CancelledError);
      assert.ok(sem._waiters.size === 0 || [...sem._waiters].every((w) => w.done()));
    }));

  it('test_acquire_cancel_before_awoken', () =>
    inTask(async () => {
      const sem = new Semaphore(0);
      const [t1, t2, t3, t4] = [1, 2, 3, 4].map(() => createTask(() => sem.acquire()));
      await sleep(0);
      t1?.cancel();
      t2?.cancel();
      sem.release();
      await sleep(0);
      await sleep(0);
      assert.equal([t3, t4].filter((t) => t?.done()).length, 1);
      assert.ok(t3?.done());
      assert.equal(t4?.done(), false);
      t3?.cancel();
      t4?.cancel();
      await sleep(0);
    }));

  it('test_acquire_hang', () =>
    inTask(async () => {
      const sem = new Semaphore(0);
      const t1 = createTask(() => sem.acquire());
      const t2 = createTask(() => sem.acquire());
      await sleep(0);
      t1.cancel();
      sem.release();
      await sleep(0);
      await sleep(0);
      assert.ok(sem.locked());
      assert.ok(t2.done());
    }));

  it('test_acquire_no_hang', () =>
    inTask(async () => {
      const sem = new Semaphore(1);
      const t1 = createTask(async () => {
        await sem.hold(() => sleep(0));
        t2.cancel();
      });
      const t2 = createTask(async () => {
        await sem.hold(() => assert.fail('c2 must not get the semaphore'));
      });
      const [r1, r2] = await gather(t1, t2, { returnExceptions: true });
      assert.equal(r1, undefined);
      assert.ok(r2 instanceof CancelledError);
      await waitFor(() => sem.acquire(), 1);
    }));

  it('test_release_not_acquired', () => {
    assert.throws(() => new BoundedSemaphore().release(), RangeError);
  });

  it('test_release_no_waiters', () =>
    inTask(async () => {
      const sem = new Semaphore();
      await sem.acquire();
      assert.ok(sem.locked());
      sem.release();
      assert.equal(sem.locked(), false);
    }));

  it('test_acquire_fifo_order', () =>
    inTask(async () => {
      const sem = new Semaphore(1);
      const result: string[] = [];
      const coro = (tag: string) => async () => {
        await sem.acquire();
        result.push(`${tag}_1`);
        await sleep(0.01);
        sem.release();
        await sem.acquire();
        result.push(`${tag}_2`);
        await sleep(0.01);
        sem.release();
      };
      await taskGroup(async (tg) => {
        tg.createTask(coro('c1'));
        tg.createTask(coro('c2'));
        tg.createTask(coro('c3'));
      });
      assert.deepEqual(result, ['c1_1', 'c2_1', 'c3_1', 'c1_2', 'c2_2', 'c3_2']);
    }));

  it('test_acquire_fifo_order_2', () =>
    inTask(async () => {
      const sem = new Semaphore(1);
      const result: number[] = [];
      const t1 = createTask(async () => {
        await sem.acquire();
        result.push(1);
        return true;
      });
      const t2 = createTask(async () => {
        await sem.acquire();
        result.push(2);
        sem.release();
        await sem.acquire();
        result.push(4);
        return true;
      });
      const t3 = createTask(async () => {
        await sem.acquire();
        result.push(3);
        return true;
      });
      await sleep(0);
      sem.release();
      sem.release();
      await gather(t1, t2, t3);
      assert.deepEqual(result, [1, 2, 3, 4]);
    }));

  it('test_acquire_fifo_order_3', () =>
    inTask(async () => {
      const sem = new Semaphore(0);
      const result: number[] = [];
      const c = (n: number) => async () => {
        await sem.acquire();
        result.push(n);
        return true;
      };
      const tasks = [createTask(c(1)), createTask(c(2)), createTask(c(3))];
      await sleep(0);
      tasks[0]?.cancel();
      await sleep(0);
      sem.release();
      sem.release();
      await gather(...tasks, { returnExceptions: true });
      assert.deepEqual(result, [2, 3]);
    }));
});

describe('CPython test_pep492: LockTests', () => {
  it('test_context_manager_async_with (async with is hold())', () =>
    inTask(async () => {
      const primitives = [new Lock(), new Condition(), new Semaphore(), new BoundedSemaphore()];
      const test = async (lock: (typeof primitives)[number]) => {
        await sleep(0.01);
        assert.ok(!lock.locked());
        await lock.hold(async (...args: unknown[]) => {
          assert.deepEqual(args, []); // `as _lock` is None
          assert.ok(lock.locked());
          await sleep(0.01);
          assert.ok(lock.locked());
        });
        assert.ok(!lock.locked());
      };
      for (const primitive of primitives) {
        await test(primitive);
        assert.ok(!primitive.locked());
      }
    }));
});
