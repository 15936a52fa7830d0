/**
 * CPython 3.11's test_timeouts.py, ported test by test (same names, same assertions). Not
 * ported: test_timeout_already_entered, _double_enter and _not_entered (`timeout(s, body)` enters
 * its `Timeout` once, by construction: there is no `async with` to misuse; the handle's own
 * refusals are tested: `reschedule` outside the body throws), and _without_task (outside a task
 * the timeout runs in a task of its own, as the README says).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  blockingSleep,
  CancelledError,
  createTask,
  currentTask,
  Future,
  InvalidStateError,
  loopTime,
  sleep,
  type Task,
  type Timeout,
  TimeoutError,
  timeout,
  timeoutAt,
} from '../../src/runtime/index.js';
import { assertRaises, divideByZero, inTask, useCPythonScale } from '../helpers/cpython.js';

useCPythonScale();

/** Runs a timeout that must end in `error`, and returns its handle. */
async function expectTimeout(
  start: (body: (cm: Timeout) => Promise<void>) => Promise<void>,
  body: (cm: Timeout) => Promise<void>,
  error: unknown = TimeoutError,
): Promise<Timeout> {
  let handle!: Timeout;
  await assert.rejects(
    start(async (cm) => {
      handle = cm;
      await body(cm);
    }),
    error as never,
  );
  return handle;
}

describe('CPython test_timeouts', () => {
  it('test_timeout_basic', () =>
    inTask(async () => {
      const cm = await expectTimeout(
        (b) => timeout(0.01, b),
        () => sleep(10),
      );
      assert.ok(cm.expired());
    }));

  it('test_timeout_at_basic', () =>
    inTask(async () => {
      const deadline = loopTime() + 0.01;
      const cm = await expectTimeout(
        (b) => timeoutAt(deadline, b),
        () => sleep(10),
      );
      assert.ok(cm.expired());
      assert.equal(cm.when(), deadline);
    }));

  it('test_nested_timeouts', () =>
    inTask(async () => {
      let cancelled = false;
      let cm2!: Timeout;
      const deadline = loopTime() + 0.01;
      // Only the topmost context manager raises TimeoutError.
      const cm1 = await expectTimeout(
        (b) => timeoutAt(deadline, b),
        async () => {
          try {
            await timeoutAt(deadline, async (cm) => {
              cm2 = cm;
              await sleep(10);
            });
          } catch (err) {
            cancelled = err instanceof CancelledError;
            throw err;
          }
        },
      );
      assert.ok(cancelled);
      assert.ok(cm1.expired());
      assert.ok(cm2.expired());
    }));

  it('test_waiter_cancelled', () =>
    inTask(async () => {
      let cancelled = false;
      await expectTimeout(
        (b) => timeout(0.01, b),
        async () => {
          try {
            await sleep(10);
          } catch (err) {
            cancelled = err instanceof CancelledError;
            throw err;
          }
        },
      );
      assert.ok(cancelled);
    }));

  it('test_timeout_not_called', () =>
    inTask(async () => {
      let handle!: Timeout;
      await timeout(10, async (cm) => {
        handle = cm;
        await sleep(0.01);
      });
      const t1 = loopTime();
      assert.equal(handle.expired(), false);
      assert.ok((handle.when() as number) > t1);
    }));

  for (const [name, start] of [
    ['test_timeout_disabled', timeout],
    ['test_timeout_at_disabled', timeoutAt],
  ] as const) {
    it(name, () =>
      inTask(async () => {
        let handle!: Timeout;
        await start(null, async (cm) => {
          handle = cm;
          await sleep(0.01);
        });
        assert.equal(handle.expired(), false);
        assert.equal(handle.when(), null);
      }),
    );
  }

  for (const [name, delay, nap] of [
    ['test_timeout_zero', 0, 10],
    ['test_timeout_zero_sleep_zero', 0, 0],
    ['test_timeout_in_the_past_sleep_zero', -11, 0],
  ] as const) {
    it(name, () =>
      inTask(async () => {
        const t0 = loopTime();
        const cm = await expectTimeout(
          (b) => timeout(delay, b),
          () => sleep(nap),
        );
        const t1 = loopTime();
        assert.ok(cm.expired());
        const when = cm.when() as number;
        if (delay === 0) assert.ok(t0 <= when && when <= t1);
        else assert.ok(t0 >= when && when <= t1);
      }),
    );
  }

  it('test_foreign_exception_passed', () =>
    inTask(async () => {
      class KeyError extends Error {}
      const cm = await expectTimeout(
        (b) => timeout(0.01, b),
        async () => {
          throw new KeyError();
        },
        KeyError,
      );
      assert.equal(cm.expired(), false);
    }));

  it('test_foreign_exception_on_timeout', () =>
    inTask(async () => {
      const crash = async () => {
        try {
          await sleep(1);
        } finally {
          divideByZero();
        }
      };
      await assert.rejects(
        timeout(0.01, () => crash()),
        (err: Error) => err.name === 'ZeroDivisionError',
      );
    }));

  it('test_foreign_cancel_doesnt_timeout_if_not_expired', () =>
    inTask(async () => {
      const cm = await expectTimeout(
        (b) => timeout(10, b),
        async () => {
          currentTask()?.cancel();
          await sleep(10);
        },
        CancelledError,
      );
      assert.equal(cm.expired(), false);
    }));

  it('test_outer_task_is_not_cancelled', () =>
    inTask(async () => {
      const task = createTask(async () => {
        await assert.rejects(
          timeout(0.001, () => sleep(10)),
          TimeoutError,
        );
      });
      await task;
      assert.equal(task.cancelled(), false);
      assert.ok(task.done());
    }));

  it('test_nested_timeouts_concurrent', () =>
    inTask(async () => {
      await assertRaises(
        timeout(0.002, async () => {
          await assertRaises(
            timeout(0.1, async () => {
              blockingSleep(0.01); // pretend we crunch some numbers
              await sleep(1);
            }),
            TimeoutError,
          );
        }),
        TimeoutError,
      );
    }));

  it('test_nested_timeouts_loop_busy', () =>
    inTask(async () => {
      const t0 = loopTime();
      await assertRaises(
        timeout(0.1, async () => {
          await assertRaises(
            timeout(0.01, async () => {
              blockingSleep(0.1); // the loop is busy for a while
              await sleep(1);
            }),
            TimeoutError,
          );
          await sleep(10); // interrupted by the outer timeout
        }),
        TimeoutError,
      );
      const t1 = loopTime();
      assert.ok(t0 <= t1 && t1 <= t0 + 1);
    }));

  it('test_reschedule', () =>
    inTask(async () => {
      const fut = new Future<Timeout>();
      const deadline1 = loopTime() + 10;
      const deadline2 = deadline1 + 20;
      const task = createTask(() =>
        timeoutAt(deadline1, async (cm) => {
          fut.setResult(cm);
          await sleep(50);
        }),
      );
      const cm = await fut;
      assert.equal(cm.when(), deadline1);
      cm.reschedule(deadline2);
      assert.equal(cm.when(), deadline2);
      cm.reschedule(null);
      assert.equal(cm.when(), null);
      task.cancel();
      await assert.rejects(task, CancelledError);
      assert.equal(cm.expired(), false);
    }));

  it('test_repr_active', () =>
    inTask(() =>
      timeout(10, async (cm) => {
        assert.match(String(cm), /^<Timeout \[active\] when=\d+\.\d*>$/);
      }),
    ));

  it('test_repr_active, with a whole-number deadline: a float, as Python prints it', () =>
    inTask(() =>
      timeoutAt(101, async (cm) => {
        assert.equal(String(cm), '<Timeout [active] when=101.0>');
      }),
    ));

  it('test_repr_expired', () =>
    inTask(async () => {
      const cm = await expectTimeout(
        (b) => timeout(0.01, b),
        () => sleep(10),
      );
      assert.equal(String(cm), '<Timeout [expired]>');
    }));

  it('test_repr_finished', () =>
    inTask(async () => {
      let handle!: Timeout;
      await timeout(10, async (cm) => {
        handle = cm;
        await sleep(0);
      });
      assert.equal(String(handle), '<Timeout [finished]>');
    }));

  it('test_repr_disabled', () =>
    inTask(() =>
      timeout(null, async (cm) => {
        assert.equal(String(cm), '<Timeout [active] when=None>');
      }),
    ));

  it('test_nested_timeout_in_finally', () =>
    inTask(async () => {
      await expectTimeout(
        (b) => timeout(0.01, b),
        async () => {
          try {
            await sleep(1);
          } finally {
            await assert.rejects(
              timeout(0.01, () => sleep(10)),
              TimeoutError,
            );
          }
        },
      );
    }));

  it('test_timeout_after_cancellation', () =>
    inTask(async () => {
      try {
        currentTask()?.cancel();
        await sleep(1); // work which will be cancelled
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
      } finally {
        await assert.rejects(
          timeout(0, () => sleep(1)),
          TimeoutError,
        );
      }
    }));

  it('test_cancel_in_timeout_after_cancellation', () =>
    inTask(async () => {
      try {
        currentTask()?.cancel();
        await sleep(1);
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
      } finally {
        await assert.rejects(
          timeout(1, async () => {
            currentTask()?.cancel();
            await sleep(2);
          }),
          CancelledError,
        );
      }
    }));

  it('test_timeout_exception_cause', () =>
    inTask(async () => {
      await assert.rejects(
        timeout(0, () => sleep(1)),
        (err: Error) => err instanceof TimeoutError && err.cause instanceof CancelledError,
      );
    }));

  it('test_timeout_finished', () =>
    inTask(async () => {
      let handle!: Timeout;
      await timeout(0.01, async (cm) => {
        handle = cm;
      });
      assert.throws(() => handle.reschedule(0.02), /finished/);
    }));

  it('test_timeout_expired', () =>
    inTask(async () => {
      const cm = await expectTimeout(
        (b) => timeout(0.01, b),
        () => sleep(1),
      );
      assert.throws(() => cm.reschedule(0.02), /expired/);
    }));

  it('test_timeout_expiring', () =>
    inTask(() =>
      timeout(0.01, async (cm) => {
        await assert.rejects(sleep(1), CancelledError);
        assert.throws(
          () => cm.reschedule(0.02),
          (err) => {
            assert.ok(err instanceof InvalidStateError);
            assert.match(err.message, /expiring/);
            return true;
          },
        );
      }),
    ));

  it('runs a timeout outside any task in a task of its own (asyncio raises RuntimeError)', async () => {
    let task: Task | undefined;
    await timeout(1, async () => {
      task = currentTask();
    });
    assert.ok(task !== undefined);
  });
});
