/** CPython 3.11's test_waitfor.py, ported test by test (same names, same assertions). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelledError,
  callLater,
  callSoon,
  createTask,
  Future,
  loopTime,
  sleep,
  TimeoutError,
  waitFor,
} from '../../src/runtime/index.js';
import { assertRaises, inTask, useCPythonScale } from '../helpers/cpython.js';

useCPythonScale();

/** A very small timeout: it passes `timeout > 0` but has almost no effect. */
const EPSILON = 0.0001;

/** Runs for TASK_TIMEOUT, ignoring cancel requests. */
class SlowTask {
  static readonly TASK_TIMEOUT = 0.2;
  exited = false;

  async run(): Promise<void> {
    const exitAt = loopTime() + SlowTask.TASK_TIMEOUT;
    for (;;) {
      const toSleep = exitAt - loopTime();
      if (toSleep <= 0) break;
      try {
        await sleep(toSleep);
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
      }
    }
    this.exited = true;
  }
}

describe('CPython test_waitfor', () => {
  it('test_asyncio_wait_for_cancelled', () =>
    inTask(async () => {
      const t = new SlowTask();
      const waitForTask = createTask(() => waitFor(() => t.run(), SlowTask.TASK_TIMEOUT * 2));
      await sleep(0);
      waitForTask.cancel();
      await waitForTask.then(
        () => {},
        () => {},
      );
      assert.ok(t.exited);
    }));

  it('test_asyncio_wait_for_timeout', () =>
    inTask(async () => {
      const t = new SlowTask();
      try {
        await waitFor(() => t.run(), SlowTask.TASK_TIMEOUT / 2);
      } catch (err) {
        if (!(err instanceof TimeoutError)) throw err;
      }
      assert.ok(t.exited);
    }));

  it('test_wait_for_timeout_less_then_0_or_0_future_done', () =>
    inTask(async () => {
      const fut = new Future<string>();
      fut.setResult('done');
      assert.equal(await waitFor(fut, 0), 'done');
      assert.ok(fut.done());
    }));

  it('test_wait_for_timeout_less_then_0_or_0_coroutine_do_not_started', () =>
    inTask(async () => {
      let fooStarted = false;
      await assert.rejects(
        waitFor(async () => {
          fooStarted = true;
        }, 0),
        TimeoutError,
      );
      assert.equal(fooStarted, false);
    }));

  it('test_wait_for_timeout_less_then_0_or_0', () =>
    inTask(async () => {
      for (const limit of [0, -1]) {
        let fooRunning: boolean | undefined;
        const started = new Future<void>();
        const fut = createTask(async () => {
          fooRunning = true;
          started.setResult(undefined);
          try {
            await sleep(10);
          } finally {
            fooRunning = false;
          }
          return 'done';
        });
        await started;
        await assert.rejects(waitFor(fut, limit), TimeoutError);
        assert.ok(fut.done());
        assert.ok(fut.cancelled()); // cancelled by the timeout
        assert.equal(fooRunning, false);
      }
    }));

  it('test_wait_for', () =>
    inTask(async () => {
      let fooRunning: boolean | undefined;
      const fut = createTask(async () => {
        fooRunning = true;
        try {
          await sleep(3600);
        } finally {
          fooRunning = false;
        }
        return 'done';
      });
      await assert.rejects(waitFor(fut, 0.1), TimeoutError);
      assert.ok(fut.done());
      assert.ok(fut.cancelled());
      assert.equal(fooRunning, false);
    }));

  it('test_wait_for_blocking', () =>
    inTask(async () => {
      assert.equal(await waitFor(async () => 'done', null), 'done');
    }));

  it('test_wait_for_race_condition', () =>
    inTask(async () => {
      const fut = new Future<string>();
      callLater(0.1, () => fut.setResult('ok'));
      assert.equal(await waitFor(fut, 0.2), 'ok');
    }));

  it('test_wait_for_cancellation_race_condition', () =>
    inTask(async () => {
      const inner = async () => {
        await assert.rejects(sleep(1), CancelledError);
        return 1;
      };
      assert.equal(await waitFor(inner, 0.01), 1);
    }));

  it('test_wait_for_waits_for_task_cancellation', () =>
    inTask(async () => {
      let taskDone = false;
      const innerTask = createTask(async () => {
        try {
          await sleep(10);
        } catch (err) {
          await sleep(EPSILON);
          throw err;
        } finally {
          taskDone = true;
        }
      });
      await assert.rejects(
        waitFor(innerTask, EPSILON),
        (err: Error) => err instanceof TimeoutError && err.cause instanceof CancelledError,
      );
      assert.ok(taskDone);
    }));

  it('test_wait_for_waits_for_task_cancellation_w_timeout_0', () =>
    inTask(async () => {
      let taskDone = false;
      const foo = async () => {
        const innerTask = createTask(async () => {
          try {
            await sleep(10);
          } catch (err) {
            await sleep(EPSILON);
            throw err;
          } finally {
            taskDone = true;
          }
        });
        await sleep(EPSILON);
        await waitFor(innerTask, 0);
      };
      await assert.rejects(
        foo(),
        (err: Error) => err instanceof TimeoutError && err.cause instanceof CancelledError,
      );
      assert.ok(taskDone);
    }));

  it('test_wait_for_reraises_exception_during_cancellation', () =>
    inTask(async () => {
      class FooException extends Error {}
      const foo = async () => {
        const innerTask = createTask(async () => {
          try {
            await sleep(0.2);
          } finally {
            // biome-ignore lint/correctness/noUnsafeFinally: the port raises in finally, as CPython's test does.
            throw new FooException();
          }
        });
        await waitFor(innerTask, EPSILON);
      };
      await assert.rejects(foo(), FooException);
    }));

  it('test_wait_for_self_cancellation', () =>
    inTask(async () => {
      const innerTask = createTask(async () => {
        try {
          await sleep(0.3);
        } catch {
          try {
            await sleep(0.3);
          } catch {
            await sleep(0.3);
          }
        }
        return 42;
      });
      // wait_for itself is cancellable even when the task holds up the first cancellation.
      const task = createTask(() => waitFor(innerTask, 0.1));
      await sleep(0.2);
      task.cancel();
      await assertRaises(task, CancelledError);
      assert.equal(await innerTask, 42);
    }));

  for (const [name, limit] of [
    ['test_cancel_blocking_wait_for', null],
    ['test_cancel_wait_for', 60],
  ] as const) {
    it(name, () =>
      inTask(async () => {
        const task = createTask(async () => {
          await new Future<void>(); // never set
        });
        const wait = createTask(() => waitFor(task, limit));
        callSoon(() => wait.cancel());
        await assert.rejects(wait, CancelledError);
        // Python issue #23219: cancelling the wait must also cancel the task
        assert.ok(task.cancelled());
      }),
    );
  }
});
