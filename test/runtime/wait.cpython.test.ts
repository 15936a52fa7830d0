/**
 * CPython 3.11's test_tasks.py tests of `wait` and `as_completed`, ported (same names, same
 * assertions). CPython runs them on a test loop whose clock jumps; here the clock is real at
 * half scale (0.1 s = 50 ms), so `assertAlmostEqual(0.15, loop.time())` is a check that the call
 * took 0.15 s, not less and less than 0.03 s more, and `loop.advance_time` is a sleep or a cancel. Left out: the test of
 * Python's event loop argument (`test_as_completed_coroutine_without_loop`).
 * asyncio's ValueError is a RangeError.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  asCompleted,
  CancelledError,
  createTask,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  Future,
  loopTime,
  msToSeconds,
  type ReturnWhen,
  setTimeScale,
  sleep,
  TimeoutError,
  wait,
} from '../../src/runtime/index.js';
import { assertRaises, inTask, runBriefly, ZeroDivisionError } from '../helpers/cpython.js';
import { StallWatch } from '../helpers/time.js';

// 0.1 s = 50 ms: the times these tests tell apart (0.11 s and 0.15 s) stay apart on a busy machine.
setTimeScale(0.5);

/** Stalls of the process while each test runs (a loaded CI runner's), which excuse lateness. */
const stalls = new StallWatch();
beforeEach(() => stalls.start());
afterEach(() => stalls.stop());

/** `assertAlmostEqual(expected, loop.time())`, the clock started at `start`. */
function assertTook(start: number, expected: number): void {
  const took = loopTime() - start;
  // Never early; late by less than 0.06 s (30 ms here: a loaded machine's wake-ups; under two
  // CPU hogs, 17 ms late once) plus the longest stall of the process meanwhile (a CI runner on
  // Node 20 ended a 0.1 s wait at 0.162). Which wait ended first, each test asserts by the values.
  const excused = msToSeconds(stalls.longestMs);
  assert.ok(
    took >= expected - 1e-6 && took < expected + 0.06 + excused,
    `took ${took.toFixed(3)} s, not ${expected} (stalled ${excused.toFixed(3)} s meanwhile)`,
  );
}

describe('CPython test_tasks: wait', () => {
  it('test_wait', () =>
    inTask(async () => {
      const start = loopTime();
      const a = createTask(() => sleep(0.1));
      const b = createTask(() => sleep(0.15));
      const foo = async () => {
        const [done, pending] = await wait([b, a]);
        assert.deepEqual(done, new Set([a, b]));
        assert.deepEqual(pending, new Set());
        return 42;
      };
      assert.equal(await createTask(foo), 42);
      assertTook(start, 0.15);
      // Doing it again should take no time and exercise a different path.
      assert.equal(await createTask(foo), 42);
      assertTook(start, 0.15);
    }));

  it('test_wait_duplicate_coroutines', () =>
    inTask(async () => {
      const coro = async (s: string) => s;
      const c = createTask(() => coro('test'));
      const [done, pending] = await wait([c, c, createTask(() => coro('spam'))]);
      assert.equal(pending.size, 0);
      assert.deepEqual(new Set([...done].map((f) => f.result())), new Set(['test', 'spam']));
    }));

  it('test_wait_errors', () =>
    inTask(async () => {
      await assertRaises(wait(new Set<Future<unknown>>()), RangeError);
      const sleeper = createTask(() => sleep(10));
      await assertRaises(wait([sleeper], { returnWhen: -1 as unknown as ReturnWhen }), RangeError);
      sleeper.cancel();
    }));

  it('test_wait_first_completed', () =>
    inTask(async () => {
      const start = loopTime();
      const a = createTask(() => sleep(10));
      const b = createTask(() => sleep(0.1));
      const [done, pending] = await wait([b, a], { returnWhen: FIRST_COMPLETED });
      assert.deepEqual(done, new Set([b]));
      assert.deepEqual(pending, new Set([a]));
      assert.equal(a.done(), false);
      assert.equal(b.done(), true);
      assert.equal(b.result(), undefined);
      assertTook(start, 0.1);
      a.cancel(); // instead of moving a test loop's time forward
    }));

  it('test_wait_really_done', () =>
    inTask(async () => {
      // Some tasks in the pending list may have become done with their callbacks not yet run.
      const a = createTask(async () => {
        await sleep(0);
      });
      const b = createTask(async () => {
        await sleep(0);
        await sleep(0);
      });
      const [done] = await wait([b, a], { returnWhen: FIRST_COMPLETED });
      assert.deepEqual(done, new Set([a, b]));
      assert.equal(a.result(), undefined);
      assert.equal(b.result(), undefined);
    }));

  it('test_wait_first_exception', () =>
    inTask(async () => {
      const start = loopTime();
      // first_exception, the task already has an exception
      const a = createTask(() => sleep(10));
      const b = createTask(async () => {
        throw new ZeroDivisionError('err');
      });
      const [done, pending] = await wait([b, a], { returnWhen: FIRST_EXCEPTION });
      assert.deepEqual(done, new Set([b]));
      assert.deepEqual(pending, new Set([a]));
      assertTook(start, 0);
      a.cancel();
    }));

  it('test_wait_first_exception_in_wait', () =>
    inTask(async () => {
      const start = loopTime();
      // first_exception, the exception comes during the wait
      const a = createTask(() => sleep(10));
      const b = createTask(async () => {
        await sleep(0.01);
        throw new ZeroDivisionError('err');
      });
      const [done, pending] = await wait([b, a], { returnWhen: FIRST_EXCEPTION });
      assert.deepEqual(done, new Set([b]));
      assert.deepEqual(pending, new Set([a]));
      assertTook(start, 0.01);
      a.cancel();
    }));

  it('test_wait_with_exception', () =>
    inTask(async () => {
      const start = loopTime();
      const a = createTask(() => sleep(0.1));
      const b = createTask(async () => {
        await sleep(0.15);
        throw new ZeroDivisionError('really');
      });
      const foo = async () => {
        const [done, pending] = await wait([b, a]);
        assert.equal(done.size, 2);
        assert.deepEqual(pending, new Set());
        const errors = [...done].filter((f) => f.exception() !== undefined);
        assert.equal(errors.length, 1);
      };
      await createTask(foo);
      assertTook(start, 0.15);
      await createTask(foo);
      assertTook(start, 0.15);
    }));

  it('test_wait_with_timeout', () =>
    inTask(async () => {
      const start = loopTime();
      const a = createTask(() => sleep(0.1));
      const b = createTask(() => sleep(0.15));
      await createTask(async () => {
        const [done, pending] = await wait([b, a], { timeout: 0.11 });
        assert.deepEqual(done, new Set([a]));
        assert.deepEqual(pending, new Set([b]));
      });
      assertTook(start, 0.11);
      await wait([a, b]);
    }));

  it('test_wait_concurrent_complete', () =>
    inTask(async () => {
      const start = loopTime();
      const a = createTask(() => sleep(0.1));
      const b = createTask(() => sleep(0.15));
      // run_until_complete(wait(...)): the wait is a task after a and b, so their sleeps come
      // before its timeout, as on CPython.
      const [done, pending] = await createTask(() => wait([b, a], { timeout: 0.1 }));
      assert.deepEqual(done, new Set([a]));
      assert.deepEqual(pending, new Set([b]));
      assertTook(start, 0.1);
      await wait([a, b]);
    }));

  it('test_wait_with_iterator_of_tasks', () =>
    inTask(async () => {
      const start = loopTime();
      const a = createTask(() => sleep(0.1));
      const b = createTask(() => sleep(0.15));
      const [done, pending] = await wait([b, a][Symbol.iterator]());
      assert.deepEqual(done, new Set([a, b]));
      assert.deepEqual(pending, new Set());
      assertTook(start, 0.15);
    }));

  it('test_yield_wait_does_not_shield_cancel', async () => {
    // Cancelling outer() makes wait() return early, leaves inner() running.
    let proof = 0;
    const waiter = new Future<void>();
    const inner = async () => {
      await waiter;
      proof += 1;
    };
    const f = createTask(async () => {
      await wait([createTask(inner)]);
      proof += 100;
    });
    await runBriefly();
    f.cancel();
    await assertRaises(f, CancelledError);
    waiter.setResult();
    await runBriefly();
    assert.equal(proof, 1);
  });

  it('test_wait_invalid_args', () =>
    inTask(async () => {
      const fut = new Future();
      // wait() expects a list of futures, not a future
      await assertRaises(wait(fut as never), TypeError);
      // nor a coroutine
      await assertRaises(wait([async () => 1] as never), TypeError);
      // wait() expects at least a future
      await assertRaises(wait([]), RangeError);
    }));
});

describe('CPython test_tasks: as_completed', () => {
  it('test_as_completed', () =>
    inTask(async () => {
      const start = loopTime();
      const completed = new Set<string>();
      const sleeper = async (dt: number, x: string) => {
        await sleep(dt);
        completed.add(x);
        return x;
      };
      const values: string[] = [];
      for (const f of asCompleted([
        () => sleeper(0.01, 'b'),
        () => sleeper(0.15, 'c'),
        () => sleeper(0.01, 'a'),
      ]))
        values.push(await f);
      assertTook(start, 0.15);
      assert.ok(values.slice(0, 2).includes('a'));
      assert.ok(values.slice(0, 2).includes('b'));
      assert.equal(values[2], 'c');
    }));

  it('test_as_completed_with_timeout', () =>
    inTask(async () => {
      // CPython's times (0.1, 0.15, timeout 0.12) run on its test loop's virtual clock; in real
      // time a process preempted 20 ms (CI under load) reaches both deadlines in one turn, and
      // the timeout then wins (a's completion comes a turn later, as in asyncio). So 100 ms apart.
      const start = loopTime();
      const a = createTask(() => sleep(0.05, 'a'));
      const b = createTask(() => sleep(0.25, 'b'));
      const values: Array<[number, unknown]> = [];
      for (const f of asCompleted([a, b], { timeout: 0.15 })) {
        try {
          values.push([1, await f]);
        } catch (err) {
          if (!(err instanceof TimeoutError)) throw err;
          values.push([2, err]);
        }
      }
      assert.equal(values.length, 2);
      assert.deepEqual(values[0], [1, 'a']);
      assert.equal(values[1]?.[0], 2);
      assert.ok(values[1]?.[1] instanceof TimeoutError);
      assertTook(start, 0.15);
      await wait([a, b]);
    }));

  it('test_as_completed_with_unused_timeout', () =>
    inTask(async () => {
      for (const f of asCompleted([() => sleep(0.01, 'a')], { timeout: 1 }))
        assert.equal(await f, 'a');
    }));

  it('test_as_completed_reverse_wait', () =>
    inTask(async () => {
      const start = loopTime();
      const futs = asCompleted([() => sleep(0.05, 'a'), () => sleep(0.1, 'b')]);
      assert.equal(futs.length, 2);
      assert.equal(await futs[1], 'a');
      assertTook(start, 0.05);
      assert.equal(await futs[0], 'b');
      assertTook(start, 0.1);
    }));

  it('test_as_completed_concurrent', () =>
    inTask(async () => {
      const futs = asCompleted([() => sleep(0.05, 'a'), () => sleep(0.05, 'b')]);
      assert.equal(futs.length, 2);
      // asyncio.ensure_future(fut) of each: a task awaiting it
      const [done] = await wait(futs.map((fut) => createTask(async () => await fut)));
      assert.deepEqual(new Set([...done].map((f) => f.result())), new Set(['a', 'b']));
    }));

  it('test_as_completed_duplicate_coroutines', () =>
    inTask(async () => {
      const coro = (s: string) => async () => s;
      const c = coro('ham');
      const result: string[] = [];
      for (const f of asCompleted([c, c, coro('spam')])) result.push(await f);
      assert.deepEqual(new Set(result), new Set(['ham', 'spam']));
      assert.equal(result.length, 2);
    }));

  it('test_as_completed_coroutine_use_running_loop', () =>
    inTask(async () => {
      const futs = [...asCompleted([async () => 42])];
      assert.equal(futs.length, 1);
      assert.equal(await futs[0], 42);
    }));

  it('test_as_completed_invalid_args', () => {
    // as_completed() expects a list of futures, not a future
    assert.throws(() => asCompleted(new Future() as never), TypeError);
  });
});

describe('asCompleted', () => {
  it('works with for await, and waits for nothing until an item is awaited', () =>
    inTask(async () => {
      const values: string[] = [];
      for await (const v of asCompleted([() => sleep(0.02, 'slow'), () => sleep(0.01, 'fast')]))
        values.push(v);
      assert.deepEqual(values, ['fast', 'slow']);
    }));
});
