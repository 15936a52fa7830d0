/**
 * CPython 3.11's test_tasks.py gather tests (GatherTestsBase, FutureGatherTests,
 * CoroutineGatherTests and the cancellation ones), ported (same names, same assertions).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelledError,
  type Coro,
  createTask,
  Future,
  gather,
  sleep,
} from '../../src/runtime/index.js';
import { inTask, runBriefly, useCPythonScale, ZeroDivisionError } from '../helpers/cpython.js';

useCPythonScale();

const futures = (n: number) => Array.from({ length: n }, () => new Future<unknown>());

/** The base tests run twice: on futures, and on coroutines that await them. */
for (const [flavour, wrap] of [
  ['FutureGatherTests', (fs: Future<unknown>[]) => fs],
  ['CoroutineGatherTests', (fs: Future<unknown>[]) => fs.map((f) => async () => await f)],
] as const) {
  describe(`CPython test_tasks: ${flavour}`, () => {
    for (const [name, options] of [
      ['test_success', {}],
      ['test_success (return_exceptions=False)', { returnExceptions: false }],
      ['test_result_exception_success', { returnExceptions: true }],
    ] as const) {
      it(name, () =>
        inTask(async () => {
          const [a, b, c] = futures(3) as [Future, Future, Future];
          const fut = gather(...(wrap([a, b, c]) as Array<Future | Coro<unknown>>), options);
          let called = 0;
          fut.addDoneCallback(() => called++);
          b.setResult(1);
          a.setResult(2);
          await runBriefly();
          await runBriefly();
          assert.equal(called, 0);
          assert.equal(fut.done(), false);
          c.setResult(3);
          await runBriefly();
          await runBriefly();
          assert.equal(called, 1);
          assert.deepEqual(fut.result(), [2, 1, 3]);
        }),
      );
    }

    it('test_one_exception', () =>
      inTask(async () => {
        const [a, b, c, d, e] = futures(5) as Future[];
        const fut = gather(...(wrap([a, b, c, d, e] as Future[]) as Array<Future | Coro<unknown>>));
        let called = 0;
        fut.addDoneCallback(() => called++);
        const exc = new ZeroDivisionError();
        a?.setResult(1);
        b?.setException(exc);
        await runBriefly();
        await runBriefly();
        assert.ok(fut.done());
        assert.equal(called, 1);
        assert.equal(fut.exception(), exc);
        // does nothing
        c?.setResult(3);
        d?.cancel();
        e?.setException(new Error());
        e?.exception();
      }));

    it('test_return_exceptions', () =>
      inTask(async () => {
        const [a, b, c, d] = futures(4) as [Future, Future, Future, Future];
        const fut = gather(...(wrap([a, b, c, d]) as Array<Future | Coro<unknown>>), {
          returnExceptions: true,
        });
        let called = 0;
        fut.addDoneCallback(() => called++);
        const exc = new ZeroDivisionError();
        const exc2 = new Error('runtime');
        b.setResult(1);
        c.setException(exc);
        a.setResult(3);
        await runBriefly();
        await runBriefly();
        assert.equal(fut.done(), false);
        d.setException(exc2);
        await runBriefly();
        await runBriefly();
        assert.ok(fut.done());
        assert.equal(called, 1);
        assert.deepEqual(fut.result(), [3, 1, exc, exc2]);
      }));
  });
}

describe('CPython test_tasks: gather and cancellation', () => {
  it('test_constructor_empty_sequence_use_running_loop', () =>
    inTask(async () => {
      const fut = gather();
      assert.ok(fut instanceof Future);
      await runBriefly();
      assert.ok(fut.done());
      assert.deepEqual(fut.result(), []);
    }));

  it('test_one_cancellation', () =>
    inTask(async () => {
      const [a, b, c, d, e] = futures(5) as [Future, Future, Future, Future, Future];
      const fut = gather(a, b, c, d, e);
      let called = 0;
      fut.addDoneCallback(() => called++);
      a.setResult(1);
      b.cancel();
      await runBriefly();
      await runBriefly();
      assert.ok(fut.done());
      assert.equal(called, 1);
      assert.equal(fut.cancelled(), false);
      assert.ok(fut.exception() instanceof CancelledError);
      c.setResult(3); // does nothing
      d.cancel();
      e.setException(new Error());
      e.exception();
    }));

  it('test_result_exception_one_cancellation', () =>
    inTask(async () => {
      const [a, b, c, d, e, f] = futures(6) as [Future, Future, Future, Future, Future, Future];
      const fut = gather(a, b, c, d, e, f, { returnExceptions: true });
      let called = 0;
      fut.addDoneCallback(() => called++);
      a.setResult(1);
      const zde = new ZeroDivisionError();
      b.setException(zde);
      c.cancel();
      await runBriefly();
      await runBriefly();
      assert.equal(fut.done(), false);
      d.setResult(3);
      e.cancel();
      const rte = new Error('runtime');
      f.setException(rte);
      const res = await fut;
      assert.ok(res[2] instanceof CancelledError);
      assert.ok(res[4] instanceof CancelledError);
      res[2] = res[4] = undefined;
      assert.deepEqual(res, [1, zde, undefined, 3, undefined, rte]);
      assert.equal(called, 1);
    }));

  it('test_cancellation_broadcast', () =>
    inTask(async () => {
      // Cancelling outer() cancels all children.
      let proof = 0;
      const waiter = new Future();
      const inner = async () => {
        await waiter;
        proof += 1;
      };
      const child1 = createTask(inner);
      const child2 = createTask(inner);
      let gatherer!: Future<unknown>;
      const f = createTask(async () => {
        gatherer = gather(child1, child2);
        await gatherer;
        proof += 100;
      });
      await runBriefly();
      assert.ok(f.cancel());
      await assert.rejects(f, CancelledError);
      assert.equal(gatherer.cancel(), false);
      assert.ok(waiter.cancelled());
      assert.ok(child1.cancelled() && child2.cancelled());
      await runBriefly();
      assert.equal(proof, 0);
    }));

  it('test_cancel_gather_1', () =>
    inTask(async () => {
      // A gathering future refuses to be cancelled once all children are done.
      const fut = new Future<number>();
      // The indirection through a coroutine keeps the gather from settling with the future.
      const gatherFuture = gather(async () => await fut);
      await runBriefly();
      let cancelResult: boolean | undefined;
      fut.addDoneCallback(() => {
        cancelResult = gatherFuture.cancel();
      });
      fut.setResult(42);
      await gatherFuture;
      // Python issue #26923: asyncio.gather drops cancellation
      assert.equal(cancelResult, false);
      assert.equal(gatherFuture.cancelled(), false);
      assert.deepEqual(gatherFuture.result(), [42]);
    }));

  it('test_cancel_gather_2', () =>
    inTask(async () => {
      for (const [args, expected] of [
        [[], ''],
        [['my message'], 'my message'],
      ] as const) {
        const test = async () => {
          let time = 0;
          for (;;) {
            time += 0.05;
            await gather(() => sleep(0.05), { returnExceptions: true });
            if (time > 1) return;
          }
        };
        const main = async () => {
          const qwe = createTask(test);
          await sleep(0.2);
          qwe.cancel(...(args as unknown as [string?]));
          await qwe;
        };
        await assert.rejects(
          main(),
          (err) => err instanceof CancelledError && err.message === expected,
        );
      }
    }));

  it('test_duplicate_coroutines: the same task twice is one child', () =>
    inTask(async () => {
      const c = createTask(async () => 'abc');
      assert.deepEqual(await gather(c, c, async () => 'def', c), ['abc', 'abc', 'def', 'abc']);
    }));
});
