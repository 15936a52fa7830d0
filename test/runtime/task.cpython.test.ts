/**
 * CPython 3.11's test_tasks.py: its tests of cancel, uncancel, cancelling, the repr,
 * current_task, sleep, create_task and ensure_future, ported test by test (same names, same
 * assertions; `run_briefly` is two turns of the loop, white-box reads of `_fut_waiter` are read
 * from the repr, the test loop's clock is virtual time). Not ported from those: the loop-argument
 * variants, and test_cancel_with_message_then_future_exception's non-string messages (a
 * CancelledError's message is a string).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelledError,
  callLater,
  callSoon,
  coro,
  createTask,
  currentTask,
  type ExceptionContext,
  ensureFuture,
  Future,
  InvalidStateError,
  loopTime,
  setExceptionHandler,
  sleep,
  Task,
  withVirtualClock,
} from '../../src/runtime/index.js';
import {
  divideByZero,
  inTask,
  runBriefly,
  useCPythonScale,
  ZeroDivisionError,
} from '../helpers/cpython.js';

useCPythonScale();

const waitsOn = (task: Task, future: Future) => String(task).includes(`wait_for=${future}`);

/** `await asyncio.wait([task])`: done, without asking for its result. */
const waitDone = (task: Task) =>
  new Promise<void>((resolve) => task.addDoneCallback(() => resolve()));

describe('CPython test_tasks: cancellation', () => {
  it('test_cancelling', () =>
    inTask(async () => {
      const t = createTask(() => sleep(10));
      assert.equal(t.cancelling(), 0);
      assert.ok(!String(t).includes(' cancelling '));
      assert.ok(t.cancel());
      assert.ok(t.cancelling());
      assert.ok(String(t).includes('<Task cancelling '));
      assert.ok(t.cancel()); // True again: the two lines of Task.cancel() are commented out
      await assert.rejects(t, CancelledError);
    }));

  it('test_uncancel_basic', () =>
    inTask(async () => {
      const t = createTask(async () => {
        try {
          await sleep(10);
        } catch {
          currentTask()?.uncancel();
          await sleep(10);
        }
      });
      await sleep(0.01);
      assert.ok(t.cancel()); // cancel the first sleep
      assert.ok(String(t).includes('<Task cancelling '));
      assert.equal(t.cancelling(), 1);
      assert.equal(t.cancelled(), false);
      await sleep(0.01);
      assert.ok(!String(t).includes(' cancelling ')); // after uncancel()
      assert.equal(t.cancelling(), 0);
      assert.equal(t.cancelled(), false);
      assert.ok(t.cancel()); // cancel the second sleep
      assert.equal(t.cancelling(), 1);
      await assert.rejects(t, CancelledError);
      assert.ok(t.cancelled() && t.done());
      t.uncancel(); // no longer effective once the task is done
      assert.ok(t.cancelled() && t.done());
    }));

  it('test_uncancel_structured_blocks', () =>
    inTask(async () => {
      // A timeout written by hand with cancel() and uncancel(), as timeout() does it.
      const makeRequestWithTimeout = async (nap: number, limit: number) => {
        const task = currentTask() as Task;
        let timedOut = false;
        let structuredBlockFinished = false;
        let outerCodeReached = false;
        const handle = callLater(limit, () => {
          timedOut = true;
          task.cancel();
        });
        try {
          let raised: unknown;
          try {
            await sleep(nap);
            structuredBlockFinished = true;
          } catch (err) {
            raised = err;
          } finally {
            handle.cancel();
          }
          if (raised !== undefined) {
            if (!(timedOut && task.uncancel() === 0 && raised instanceof CancelledError))
              throw raised;
            // the CancelledError became a timeout: swallowed here
          }
        } finally {
          await sleep(0); // unrelated code, outside the timeout
          outerCodeReached = true;
        }
        return [timedOut, structuredBlockFinished, outerCodeReached];
      };
      assert.deepEqual(await createTask(() => makeRequestWithTimeout(0.1, 0.01)), [
        true,
        false,
        true,
      ]);
      assert.deepEqual(await createTask(() => makeRequestWithTimeout(0.01, 0.1)), [
        false,
        true,
        true,
      ]);
    }));

  it('test_cancel', () =>
    inTask(async () => {
      const t = createTask(async () => {
        await sleep(10);
        return 12;
      });
      callSoon(() => t.cancel());
      await assert.rejects(t, CancelledError);
      assert.ok(t.done() && t.cancelled());
      assert.equal(t.cancel(), false);
    }));

  it('test_cancel_with_message_then_future_result', () =>
    inTask(async () => {
      for (const [args, expected] of [
        [[], ''],
        [[undefined], ''],
        [['my message'], 'my message'],
      ] as const) {
        const coro = async () => {
          const task = createTask(() => sleep(10));
          await sleep(0);
          task.cancel(...(args as unknown as [string?]));
          await waitDone(task);
          task.result();
        };
        await assert.rejects(
          createTask(coro),
          (err) => err instanceof CancelledError && err.message === expected,
        );
      }
    }));

  it('test_cancel_with_message_before_starting_task', () =>
    inTask(async () => {
      const coro = async () => {
        const task = createTask(() => sleep(10));
        task.cancel('my message'); // deliberately no sleep before it
        await waitDone(task);
        task.exception();
      };
      await assert.rejects(
        createTask(coro),
        (err) => err instanceof CancelledError && err.message === 'my message',
      );
    }));

  it('test_cancel_yield', () =>
    inTask(async () => {
      const t = createTask(async () => {
        await sleep(0);
        await sleep(0);
        return 12;
      });
      await runBriefly(); // start coro
      t.cancel();
      await assert.rejects(t, CancelledError);
      assert.ok(t.done() && t.cancelled());
      assert.equal(t.cancel(), false);
    }));

  it('test_cancel_inner_future', () =>
    inTask(async () => {
      const f = new Future();
      const t = createTask(async () => {
        await f;
        return 12;
      });
      await runBriefly();
      f.cancel();
      await assert.rejects(t, CancelledError);
      assert.ok(f.cancelled() && t.cancelled());
    }));

  it('test_cancel_both_task_and_inner_future', () =>
    inTask(async () => {
      const f = new Future();
      const t = createTask(async () => {
        await f;
        return 12;
      });
      await runBriefly();
      f.cancel();
      t.cancel();
      await assert.rejects(t, CancelledError);
      assert.ok(t.done() && f.cancelled() && t.cancelled());
    }));

  it('test_cancel_task_catching', () =>
    inTask(async () => {
      const fut1 = new Future();
      const fut2 = new Future();
      const t = createTask(async () => {
        await fut1;
        try {
          await fut2;
        } catch {
          return 42;
        }
        return 0;
      });
      await runBriefly();
      assert.ok(waitsOn(t, fut1));
      fut1.setResult(undefined);
      await runBriefly();
      assert.ok(waitsOn(t, fut2));
      t.cancel();
      assert.ok(fut2.cancelled());
      assert.equal(await t, 42);
      assert.equal(t.cancelled(), false);
    }));

  it('test_cancel_task_ignoring', () =>
    inTask(async () => {
      const fut1 = new Future();
      const fut2 = new Future();
      const fut3 = new Future<number>();
      const t = createTask(async () => {
        await fut1;
        try {
          await fut2;
        } catch {
          // ignored
        }
        return await fut3;
      });
      await runBriefly();
      assert.ok(waitsOn(t, fut1));
      fut1.setResult(undefined);
      await runBriefly();
      assert.ok(waitsOn(t, fut2));
      t.cancel();
      assert.ok(fut2.cancelled());
      await runBriefly();
      assert.ok(waitsOn(t, fut3));
      fut3.setResult(42);
      assert.equal(await t, 42);
      assert.equal(fut3.cancelled(), false);
      assert.equal(t.cancelled(), false);
    }));

  it('test_cancel_current_task', () =>
    inTask(async () => {
      const t: Task<number> = createTask(async () => {
        t.cancel();
        await sleep(100); // cancelled at once
        return 12;
      });
      assert.equal(t.cancelled(), false);
      await assert.rejects(t, CancelledError);
      assert.ok(t.done() && t.cancelled());
      assert.equal(t.cancel(), false);
    }));

  it('test_cancel_at_end', () =>
    inTask(async () => {
      const t: Task<number> = createTask(async () => {
        t.cancel();
        return 12;
      });
      assert.equal(t.cancelled(), false);
      await assert.rejects(t, CancelledError);
      assert.ok(t.done() && t.cancelled());
      assert.equal(t.cancel(), false);
    }));

  it('test_cancel_awaited_task', () =>
    inTask(async () => {
      const fut = new Future();
      let nestedTask!: Task;
      const task: Task = createTask(async () => {
        nestedTask = createTask(async () => {
          await fut;
        });
        await sleep(0);
        task.cancel(); // the task is not blocked on anything now
        await nestedTask; // so this must be cancelled at once
      });
      await assert.rejects(task, CancelledError);
      assert.ok(task.cancelled());
      assert.ok(nestedTask.cancelled());
      assert.ok(fut.cancelled());
    }));

  it('test_task_cancel_waiter_future', () =>
    inTask(async () => {
      const fut = new Future();
      const task = createTask(async () => {
        await fut;
      });
      await runBriefly();
      assert.ok(waitsOn(task, fut));
      task.cancel();
      await runBriefly();
      await assert.rejects(task, CancelledError);
      assert.ok(!String(task).includes('wait_for='));
      assert.ok(fut.cancelled());
    }));

  it('test_yield_future_passes_cancel', () =>
    inTask(async () => {
      let proof = 0;
      const waiter = new Future();
      const inner = async () => {
        try {
          await waiter;
        } catch (err) {
          proof += 1;
          throw err;
        }
        assert.fail('got past sleep() in inner()');
      };
      const f = createTask(async () => {
        try {
          await inner();
        } catch {
          proof += 100; // expect this path
          return;
        }
        proof += 10;
      });
      await runBriefly();
      f.cancel();
      await f;
      assert.equal(proof, 101);
      assert.ok(waiter.cancelled());
    }));

  it('test_baseexception_during_cancel', () =>
    inTask(async () => {
      // JavaScript has no BaseException: an error the coroutine raises on its cancellation
      // stands for SystemExit, and fails the task as it does in asyncio.
      const baseExc = new Error('SystemExit');
      const sleeper = () => sleep(10);
      const task = createTask(async () => {
        try {
          await sleeper();
        } catch (err) {
          if (err instanceof CancelledError) throw baseExc;
        }
      });
      await runBriefly();
      task.cancel();
      assert.ok(!task.done());
      await waitDone(task);
      assert.ok(task.done());
      assert.ok(!task.cancelled());
      assert.equal(task.exception(), baseExc);
    }));

  it('test_cancellation_exception_context', () =>
    inTask(async () => {
      // `raise ValueError("cancelled") from ex` is JavaScript's `cause`.
      const fut = new Future<void>();
      const innerTask = createTask(async () => {
        fut.setResult(undefined);
        await sleep(10);
      });
      const task = createTask(async () => {
        await fut;
        callSoon(() => innerTask.cancel('msg'));
        try {
          await innerTask;
        } catch (ex) {
          throw new Error('cancelled', { cause: ex });
        }
      });
      await assert.rejects(task, (err: Error) => {
        assert.equal(err.message, 'cancelled');
        assert.ok(err.cause instanceof CancelledError);
        assert.equal((err.cause as CancelledError).message, 'msg');
        return true;
      });
    }));
});

describe('CPython test_tasks: current_task, repr, sleep', () => {
  it("names a Future subclass in its repr and in a task's wait_for, as CSubFutureTests's reprs", () =>
    inTask(async () => {
      class CSubFuture<T> extends Future<T> {}
      const fut = new CSubFuture<number>();
      assert.equal(String(fut), '<CSubFuture pending>');
      const task = createTask(() => fut);
      await sleep(0);
      assert.match(String(task), /wait_for=<CSubFuture pending cb=\[Task\.task_wakeup\(\)\]>/);
      fut.setResult(1);
      assert.equal(String(fut), '<CSubFuture finished result=1>');
      assert.equal(await task, 1);
    }));

  it('test_step_result_future', () =>
    inTask(async () => {
      class Fut<T> extends Future<T> {
        cbAdded = false;
        override addDoneCallback(...args: Parameters<Future<T>['addDoneCallback']>): void {
          this.cbAdded = true;
          super.addDoneCallback(...args);
        }
      }
      const fut = new Fut<object>();
      let result: object | undefined;
      const t = createTask(async () => {
        result = await fut;
      });
      await runBriefly();
      assert.ok(fut.cbAdded);
      const res = {};
      fut.setResult(res);
      await runBriefly();
      assert.equal(result, res);
      assert.ok(t.done());
      assert.equal(t.result(), undefined);
    }));

  it('test_subclasses_ctask_cfuture (the future: its addDoneCallback is called once)', () =>
    inTask(async () => {
      class CountingFuture<T> extends Future<T> {
        calls = 0;
        override addDoneCallback(...args: Parameters<Future<T>['addDoneCallback']>): void {
          this.calls++;
          super.addDoneCallback(...args);
        }
      }
      const fut = new CountingFuture<string>();
      const task = createTask(async () => {
        callSoon(() => fut.setResult('spam'));
        return await fut;
      });
      assert.equal(await task, 'spam');
      assert.equal(fut.calls, 1);
    }));

  for (const [name, settle] of [
    [
      'test_set_result_causes_invalid_state',
      (t: object) => Future.prototype.setResult.call(t, 'spam'),
    ],
    [
      'test_set_exception_causes_invalid_state',
      (t: object) => Future.prototype.setException.call(t, new RangeError('MyExc')),
    ],
  ] as const) {
    it(name, () =>
      inTask(async () => {
        const calls: ExceptionContext[] = [];
        setExceptionHandler((context) => calls.push(context));
        try {
          const task = createTask(async () => {
            await sleep(0.1);
            return 10;
          });
          settle(task);
          const outcome = await task.then(
            (value) => value,
            (err: unknown) => (err as Error).message,
          );
          assert.equal(outcome, name.includes('result') ? 'spam' : 'MyExc');
          await runBriefly();
          assert.equal(calls.length, 1);
          assert.ok(calls[0]?.exception instanceof InvalidStateError);
          assert.match(String(calls[0]?.exception), /step\(\): already done/);
        } finally {
          setExceptionHandler(null);
        }
      }),
    );
  }

  it('test_task_awaits_on_itself', async () => {
    const task: Task<void> = createTask(async () => {
      await task;
    });
    await assert.rejects(task, {
      name: 'InvalidStateError',
      message: /^Task cannot await on itself/,
    });
  });

  it('test_task_basics', async () => {
    const inner1 = async () => 42;
    const inner2 = async () => 1000;
    const outer = async () => (await inner1()) + (await inner2());
    assert.equal(await createTask(outer), 1042);
  });

  it('test_task_repr_autogenerated', async () => {
    const notmuch = async () => 123;
    const t1 = createTask(notmuch);
    const t2 = createTask(notmuch);
    assert.notEqual(String(t1), String(t2));
    const n1 = /^<Task pending name='Task-(\d+)'/.exec(String(t1))?.[1];
    const n2 = /^<Task pending name='Task-(\d+)'/.exec(String(t2))?.[1];
    assert.ok(n1 !== undefined && n2 !== undefined);
    assert.ok(Number(n1) < Number(n2)); // monotonically increasing
    await t1;
    await t2;
  });

  it('test_task_repr_name_not_str', async () => {
    const t = createTask(async function notmuch() {
      return 123;
    });
    t.setName(new Set([6]));
    assert.equal(t.getName(), '[object Set]'); // String(x), as Python's str(x) gives '{6}'
    t.name = 42 as unknown as string; // the property does the same
    assert.equal(t.name, '42');
    await t;
  });

  it('test_get_coro', async () => {
    const coroutineFunction = async () => 'ok';
    const task = createTask(coroutineFunction);
    assert.equal(task.getCoro(), coroutineFunction);
    await task;
    assert.equal(task.getCoro(), coroutineFunction); // still, once it is done
  });

  it("names a task from a name that is not a string as str() does (create_task(name=5): '5')", async () => {
    const task = createTask(async () => {}, { name: 5 as unknown as string });
    assert.equal(task.getName(), '5');
    await task;
  });

  it('test_create_task_with_noncoroutine', () => {
    for (let i = 0; i < 2; i++)
      assert.throws(() => createTask(123 as never), {
        name: 'TypeError',
        message: /a coroutine was expected, got 123/,
      });
  });

  it('test_task_cancel_sleeping_task', () =>
    // The test loop's clock there, virtual time here: the cancel comes at 0.1 s of loop time,
    // plus the real time the code took to run (in real time, a 10 ms timer on a loaded machine
    // was now and then more than 5 ms late), read when the cancel comes, as CPython's test loop
    // sees the deadline. That real time is all a preempted process adds: 59 ms once, on a
    // machine whose two cores were busy with other work, so the bound is far from it.
    withVirtualClock(async () => {
      const start = loopTime();
      const sleeper = createTask(coro(sleep, 5000));
      let cancelledAt = Number.NaN;
      callLater(0.1, () => {
        cancelledAt = loopTime();
        sleeper.cancel();
      });
      const outcome = await sleeper.then(
        () => 'slept in',
        (err: unknown) => (err instanceof CancelledError ? 'cancelled' : 'other'),
      );
      assert.equal(outcome, 'cancelled');
      const elapsed = cancelledAt - start;
      // At 0.1 s, not at the sleep's end (5000 s).
      assert.ok(elapsed >= 0.1 && elapsed < 1, `cancelled after ${elapsed} s`);
    }));

  it('test_task_set_methods', () =>
    inTask(async () => {
      const task = createTask(async () => 'ko');
      assert.throws(() => task.setResult('ok'), /not support set_result/);
      assert.throws(() => task.setException(new RangeError()), /not support set_exception/);
      assert.equal(await task, 'ko');
    }));

  it('test_current_task', async () => {
    assert.equal(currentTask(), undefined);
    const task: Task = createTask(async () => {
      assert.equal(currentTask(), task);
    });
    await task;
    assert.equal(currentTask(), undefined);
  });

  it('test_current_task_with_interleaving_tasks', async () => {
    assert.equal(currentTask(), undefined);
    const fut1 = new Future<boolean>();
    const fut2 = new Future<boolean>();
    const task1: Task = createTask(async () => {
      assert.equal(currentTask(), task1);
      await fut1;
      assert.equal(currentTask(), task1);
      fut2.setResult(true);
    });
    const task2: Task = createTask(async () => {
      assert.equal(currentTask(), task2);
      fut1.setResult(true);
      await fut2;
      assert.equal(currentTask(), task2);
    });
    await task1;
    await task2;
    assert.equal(currentTask(), undefined);
  });

  it('test_task_repr_wait_for', () =>
    inTask(async () => {
      const fut = new Future();
      const task = createTask(async () => await fut);
      await runBriefly();
      assert.match(
        String(task),
        /^<Task .* wait_for=<Future pending cb=\[Task\.task_wakeup\(\)\]>>$/,
      );
      fut.setResult(undefined);
      await task;
    }));

  it('test_sleep_zero', () =>
    inTask(async () => {
      let result = 0;
      const incResult = (num: number) => {
        result += num;
      };
      callSoon(incResult, 1);
      assert.equal(result, 0);
      const num = await sleep(0, 10);
      assert.equal(result, 1); // inc'ed by call_soon
      incResult(num);
      assert.equal(result, 11);
    }));
});

describe('CPython test_tasks: creation, ensure_future, sleep', () => {
  it('test_bare_create_task', () =>
    inTask(async () => {
      const inner = async () => 1;
      const task = createTask(inner);
      assert.ok(task instanceof Task);
      assert.equal(await task, 1);
    }));

  it('test_exception_traceback (the error a task kept has its stack)', () =>
    inTask(async () => {
      const task = createTask(async function foo() {
        divideByZero();
      });
      await sleep(0); // skip one loop iteration
      const error = task.exception() as Error;
      assert.ok(error instanceof ZeroDivisionError);
      assert.match(error.stack ?? '', /\n\s+at divideByZero .*\n\s+at foo /);
    }));

  it('test_bare_create_named_task', () =>
    inTask(async () => {
      const task = createTask(async () => {}, { name: 'No-op' });
      assert.equal(task.getName(), 'No-op');
      await task;
    }));

  it('test_ensure_future_task', () =>
    inTask(async () => {
      const tOrig = createTask(async () => 'ok');
      const t = ensureFuture(tOrig);
      await t;
      assert.ok(t.done());
      assert.equal(t.result(), 'ok');
      assert.equal(t, tOrig);
    }));

  it('test_ensure_future_coroutine (a lazy coroutine: outside a task and inside one)', async () => {
    const notmuch = async () => 'ok';
    let t = ensureFuture(notmuch);
    await t;
    assert.ok(t.done());
    assert.equal(t.result(), 'ok');
    // (In an array: an async function's result that is a future would be awaited, not returned.)
    [t] = await inTask(async () => [ensureFuture(notmuch)]);
    await t;
    assert.ok(t.done());
    assert.equal(t.result(), 'ok');
  });

  it('test_ensure_future_future', async () => {
    const fOrig = new Future<string>();
    fOrig.setResult('ko');
    const f = ensureFuture(fOrig);
    await f;
    assert.ok(f.done());
    assert.equal(f.result(), 'ko');
    assert.equal(f, fOrig);
  });

  it('test_ensure_future_awaitable (an object with then, as one with __await__)', async () => {
    const coro = async () => 'ok';
    const aw: PromiseLike<string> = {
      // biome-ignore lint/suspicious/noThenProperty: an awaitable that is not a promise.
      then: (resolve, reject) => coro().then(resolve, reject),
    };
    const fut = ensureFuture(aw);
    await fut;
    assert.equal(fut.result(), 'ok');
  });

  it('test_ensure_future_neither', () => {
    assert.throws(() => ensureFuture('ok' as never), TypeError);
  });

  it('test_task_cancel_message_getter', () =>
    inTask(async () => {
      const t = createTask(async () => {});
      t.cancel('my message');
      await assert.rejects(t, (err) => {
        assert.ok(err instanceof CancelledError);
        assert.equal(err.message, 'my message');
        return true;
      });
    }));

  it('test_cancel_with_message_then_future_exception', async () => {
    // (cancel_args, expected message): asyncio's args () and (None,) are no message here.
    const cases: Array<[string | undefined, string]> = [
      [undefined, ''],
      ['my message', 'my message'],
    ];
    for (const [message, expected] of cases) {
      const task = createTask(async () => {
        const inner = createTask(() => sleep(10));
        await sleep(0);
        inner.cancel(message);
        await waitDone(inner);
        inner.exception();
      });
      await assert.rejects(task, (err) => {
        assert.ok(err instanceof CancelledError);
        assert.equal(err.message, expected);
        return true;
      });
    }
  });

  it('test_sleep', () =>
    withVirtualClock(async () => {
      // The test loop's clock there, virtual time here: the two sleeps take 0.1 s of loop time.
      const start = loopTime();
      const sleeper = async (dt: number, arg: string) => {
        await sleep(dt / 2);
        return await sleep(dt / 2, arg);
      };
      const t = createTask(() => sleeper(0.1, 'yeah'));
      await t;
      assert.ok(t.done());
      assert.equal(t.result(), 'yeah');
      // At least the two sleeps; virtual time also follows the real time the steps took, which
      // a loaded machine stretches (12.7 ms once in CI, 62 ms under two CPU hogs), so the bound
      // above is loose: it catches only a sleep far too long.
      const took = loopTime() - start;
      assert.ok(took >= 0.1 - 1e-9 && took < 0.15 + 0.04, `${took} s`);
    }));
});
