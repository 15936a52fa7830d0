/**
 * CPython 3.11's test_locks.py BarrierTests, ported (same names, same assertions). `async with
 * barrier as i:` is `barrier.hold(async (i) => ...)`; `create_task(barrier.wait())` is
 * `createTask(() => barrier.wait())`; `asyncio.wait([...])` (not in the runtime yet) is a gather;
 * asyncio's ValueError is a RangeError. test_barrier's `await barrier` (a TypeError in Python)
 * has no JavaScript equivalent: awaiting a non-thenable gives it back.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Barrier,
  BrokenBarrierError,
  CancelledError,
  createTask,
  gather,
  sleep,
  type Task,
} from '../../src/runtime/index.js';
import { assertRaises, inTask, useCPythonScale } from '../helpers/cpython.js';

useCPythonScale();

/** asyncio's RGX_REPR for a barrier, without the `object at 0x…`. */
const RGX_REPR = /^<(\w+) \[(filling|draining|resetting|broken)(, waiters:\d+\/\d+)?\]>$/;
const N = 5;

function makeTasks<T>(n: number, coro: () => Promise<T>): Task<T>[] {
  return Array.from({ length: n }, () => createTask(coro));
}

async function gatherTasks<T>(n: number, coro: () => Promise<T>): Promise<T[]> {
  return (await gather(...makeTasks(n, coro))) as T[];
}

const count = <T>(items: T[], value: T) => items.filter((x) => x === value).length;

describe('CPython test_locks: BarrierTests', () => {
  it('test_barrier', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      assert.ok(String(barrier).includes('filling'));
      assert.equal(typeof (barrier as unknown as { then?: unknown }).then, 'undefined');
      assert.ok(String(barrier).includes('filling'));
    }));

  it('test_repr', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      assert.match(String(barrier), RGX_REPR);
      assert.ok(String(barrier).includes('filling'));
      const waiters: Task<number>[] = [];
      const wait = () => createTask(() => barrier.wait());
      const incr = 2;
      for (let i = 0; i < incr; i++) waiters.push(wait());
      await sleep(0);
      assert.match(String(barrier), RGX_REPR);
      assert.ok(String(barrier).includes(`waiters:${incr}/${N}`));
      assert.ok(String(barrier).includes('filling'));
      // create the missing waiters
      const missing = barrier.parties - barrier.nWaiting;
      for (let i = 0; i < missing; i++) waiters.push(wait());
      await sleep(0);
      assert.match(String(barrier), RGX_REPR);
      assert.ok(String(barrier).includes('draining'));
      // add a part of waiters, and reset
      for (let i = 0; i < incr; i++) waiters.push(wait());
      await sleep(0);
      await barrier.reset();
      assert.match(String(barrier), RGX_REPR);
      assert.ok(String(barrier).includes('resetting'));
      // add a part of waiters again, and abort
      for (let i = 0; i < incr; i++) waiters.push(wait());
      await sleep(0);
      await barrier.abort();
      assert.match(String(barrier), RGX_REPR);
      assert.ok(String(barrier).includes('broken'));
      assert.ok(barrier.broken);
      await gather(...waiters, { returnExceptions: true });
    }));

  it('test_barrier_parties', () => {
    assert.throws(() => new Barrier(0), RangeError);
    assert.throws(() => new Barrier(-4), RangeError);
    assert.ok(new Barrier(N) instanceof Barrier);
  });

  it('test_context_manager', () =>
    inTask(async () => {
      const n = 3;
      const barrier = new Barrier(n);
      const results: number[] = [];
      await gatherTasks(n, () => barrier.hold((i) => results.push(i)));
      assert.deepEqual(
        [...results].sort((a, b) => a - b),
        [0, 1, 2],
      );
      assert.equal(barrier.nWaiting, 0);
      assert.equal(barrier.broken, false);
    }));

  it('test_filling_one_task', () =>
    inTask(async () => {
      const barrier = new Barrier(1);
      const ret = await barrier.hold(() => true);
      assert.equal(ret, true);
      assert.equal(barrier.nWaiting, 0);
      assert.equal(barrier.broken, false);
    }));

  it('test_filling_one_task_twice', () =>
    inTask(async () => {
      const barrier = new Barrier(1);
      const t1 = createTask(() => barrier.wait());
      await sleep(0);
      assert.equal(barrier.nWaiting, 0);
      const t2 = createTask(() => barrier.wait());
      await sleep(0);
      assert.equal(t1.result(), t2.result());
      assert.equal(t1.done(), t2.done());
      assert.equal(barrier.nWaiting, 0);
      assert.equal(barrier.broken, false);
    }));

  it('test_filling_task_by_task', () =>
    inTask(async () => {
      const barrier = new Barrier(3);
      const t1 = createTask(() => barrier.wait());
      await sleep(0);
      assert.equal(barrier.nWaiting, 1);
      assert.ok(String(barrier).includes('filling'));
      const t2 = createTask(() => barrier.wait());
      await sleep(0);
      assert.equal(barrier.nWaiting, 2);
      assert.ok(String(barrier).includes('filling'));
      const t3 = createTask(() => barrier.wait());
      await sleep(0);
      await gather(t1, t2, t3);
      assert.equal(barrier.nWaiting, 0);
      assert.equal(barrier.broken, false);
    }));

  it('test_filling_tasks_wait_twice', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      const results: boolean[] = [];
      await gatherTasks(N, () =>
        barrier.hold(async () => {
          results.push(true);
          await barrier.hold(() => results.push(false));
        }),
      );
      assert.equal(results.length, N * 2);
      assert.equal(count(results, true), N);
      assert.equal(count(results, false), N);
      assert.equal(barrier.nWaiting, 0);
      assert.equal(barrier.broken, false);
    }));

  it('test_filling_tasks_check_return_value', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const res = await gatherTasks(N, () =>
        barrier.hold(async () => {
          results1.push(true);
          return barrier.hold((i) => {
            results2.push(true);
            return i;
          });
        }),
      );
      assert.equal(results1.length, N);
      assert.equal(results2.length, N);
      assert.deepEqual(
        [...res].sort((a, b) => a - b),
        [0, 1, 2, 3, 4],
      );
      assert.equal(barrier.nWaiting, 0);
      assert.equal(barrier.broken, false);
    }));

  it('test_draining_state', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      const results: boolean[] = [];
      // the barrier changes to filling when the last task is released
      await gatherTasks(N, () =>
        barrier.hold(() => results.push(String(barrier).includes('draining'))),
      );
      assert.equal(results.length, N);
      assert.equal(results.at(-1), false);
      assert.ok(results.slice(0, N - 1).every(Boolean));
      assert.equal(barrier.nWaiting, 0);
      assert.equal(barrier.broken, false);
    }));

  it('test_blocking_tasks_while_draining', () =>
    inTask(async () => {
      const rewait = 2;
      const barrier = new Barrier(N);
      const barrierNowaiting = new Barrier(N - rewait);
      let rewaitN = rewait;
      // a success means that barrierNowaiting was waited for exactly N - rewait = 3 times
      await gatherTasks(N, async () => {
        await barrier.wait();
        if (rewaitN > 0) {
          rewaitN--;
          await barrier.wait(); // wait again only for rewait tasks
        } else {
          await barrierNowaiting.wait(); // wait for the end of draining
          await barrier.wait(); // wait for the other waiting tasks
        }
      });
    }));

  it('test_filling_tasks_cancel_one', () =>
    inTask(async () => {
      const barrier = new Barrier(3);
      const results: boolean[] = [];
      const coro = async () => {
        await barrier.wait();
        results.push(true);
      };
      const t1 = createTask(coro);
      await sleep(0);
      assert.equal(barrier.nWaiting, 1);
      const t2 = createTask(coro);
      await sleep(0);
      assert.equal(barrier.nWaiting, 2);
      t1.cancel();
      await sleep(0);
      assert.equal(barrier.nWaiting, 1);
      await assertRaises(t1, CancelledError);
      assert.ok(t1.cancelled());
      const t3 = createTask(coro);
      await sleep(0);
      assert.equal(barrier.nWaiting, 2);
      const t4 = createTask(coro);
      await gather(t2, t3, t4);
      assert.equal(results.length, 3);
      assert.equal(barrier.nWaiting, 0);
      assert.equal(barrier.broken, false);
    }));

  it('test_reset_barrier', () =>
    inTask(async () => {
      const barrier = new Barrier(1);
      createTask(() => barrier.reset());
      await sleep(0);
      assert.equal(barrier.nWaiting, 0);
      assert.equal(barrier.broken, false);
    }));

  it('test_reset_barrier_while_tasks_waiting', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      const results: boolean[] = [];
      const tasks = makeTasks(N - 1, async () => {
        try {
          await barrier.wait();
        } catch (err) {
          if (!(err instanceof BrokenBarrierError)) throw err;
          results.push(true);
        }
      });
      await sleep(0);
      createTask(() => barrier.reset());
      await gather(...tasks);
      assert.equal(results.length, N - 1);
      assert.equal(barrier.nWaiting, 0);
      assert.ok(!String(barrier).includes('resetting'));
      assert.equal(barrier.broken, false);
    }));

  it('test_reset_barrier_when_tasks_half_draining', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const restOfTasks = Math.floor(N / 2);
      await gatherTasks(N, async () => {
        try {
          await barrier.wait();
        } catch (err) {
          if (!(err instanceof BrokenBarrierError)) throw err;
          results1.push(true); // the tasks still waiting
          return;
        }
        // a task drained outside the barrier
        if (restOfTasks === barrier._count) await barrier.reset();
      });
      assert.deepEqual(results1, Array(restOfTasks).fill(true));
      assert.equal(barrier.nWaiting, 0);
      assert.ok(!String(barrier).includes('resetting'));
      assert.equal(barrier.broken, false);
    }));

  it('test_reset_barrier_when_tasks_half_draining_half_blocking', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const blockingTasks = Math.floor(N / 2);
      let count = 0;
      await gatherTasks(N, async () => {
        try {
          await barrier.wait();
        } catch (err) {
          if (!(err instanceof BrokenBarrierError)) throw err;
          results1.push(true); // the tasks still waiting
          await barrier.wait(); // now waiting again to reach the parties
          return;
        }
        count++;
        if (count > blockingTasks) {
          await barrier.reset(); // BrokenBarrierError for the waiting tasks
          await barrier.wait(); // now waiting again to reach the parties
        } else {
          try {
            await barrier.wait();
          } catch (err) {
            if (!(err instanceof BrokenBarrierError)) throw err;
            results2.push(true); // never: blocked tasks go on to wait
          }
        }
      });
      assert.deepEqual(results1, Array(blockingTasks).fill(true));
      assert.deepEqual(results2, []);
      assert.equal(barrier.nWaiting, 0);
      assert.ok(!String(barrier).includes('resetting'));
      assert.equal(barrier.broken, false);
    }));

  it('test_reset_barrier_while_tasks_waiting_and_waiting_again', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const tasks = makeTasks(N - 1, async () => {
        try {
          await barrier.wait();
        } catch (err) {
          if (!(err instanceof BrokenBarrierError)) throw err;
          results1.push(true);
        } finally {
          await barrier.wait();
          results2.push(true);
        }
      });
      // reset the barrier: the N-1 waiting tasks raise BrokenBarrierError
      createTask(() => barrier.reset());
      await sleep(0);
      // complete the waiting tasks in their `finally`
      createTask(() => barrier.hold(() => results2.push(true)));
      await gather(...tasks);
      assert.equal(barrier.broken, false);
      assert.equal(results1.length, N - 1);
      assert.equal(results2.length, N);
      assert.equal(barrier.nWaiting, 0);
    }));

  it('test_reset_barrier_while_tasks_draining', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const results3: boolean[] = [];
      let count = 0;
      await gatherTasks(N, async () => {
        await barrier.wait();
        count++;
        if (count === N) {
          await barrier.reset(); // the last task out of the barrier
          await barrier.wait(); // waits here to reach the parties
        } else {
          try {
            await barrier.wait(); // second wait
            results1.push(true); // N-1 tasks here
          } catch {
            results2.push(true); // never here
          }
        }
        // pass the barrier again: this last wait must complete
        await barrier.wait();
        results3.push(true);
      });
      assert.equal(barrier.broken, false);
      assert.equal(results1.length, N - 1);
      assert.equal(results2.length, 0);
      assert.equal(results3.length, N);
      assert.equal(barrier.nWaiting, 0);
    }));

  it('test_abort_barrier', () =>
    inTask(async () => {
      const barrier = new Barrier(1);
      createTask(() => barrier.abort());
      await sleep(0);
      assert.equal(barrier.nWaiting, 0);
      assert.equal(barrier.broken, true);
    }));

  it('test_abort_barrier_when_tasks_half_draining_half_blocking', () =>
    inTask(async () => {
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const blockingTasks = Math.floor(N / 2);
      let count = 0;
      await gatherTasks(N, async () => {
        try {
          await barrier.wait();
        } catch (err) {
          if (!(err instanceof BrokenBarrierError)) throw err;
          results1.push(true); // the tasks waiting to drain
          return;
        }
        count++;
        if (count > blockingTasks) {
          await barrier.abort(); // BrokenBarrierError for every task
        } else {
          try {
            await barrier.wait();
          } catch (err) {
            if (!(err instanceof BrokenBarrierError)) throw err;
            results2.push(true); // the blocked tasks (already drained)
          }
        }
      });
      assert.equal(barrier.broken, true);
      assert.deepEqual(results1, Array(blockingTasks).fill(true));
      assert.deepEqual(results2, Array(N - blockingTasks - 1).fill(true));
      assert.equal(barrier.nWaiting, 0);
      assert.ok(!String(barrier).includes('resetting'));
    }));

  it('test_abort_barrier_when_exception', () =>
    inTask(async () => {
      class RuntimeError extends Error {}
      const barrier = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      await gatherTasks(N, async () => {
        try {
          await barrier.hold((i) => {
            if (i === Math.floor(N / 2)) throw new RuntimeError();
          });
          await barrier.hold(() => results1.push(true));
        } catch (err) {
          if (err instanceof BrokenBarrierError) results2.push(true);
          else if (err instanceof RuntimeError) await barrier.abort();
          else throw err;
        }
      });
      assert.equal(barrier.broken, true);
      assert.equal(results1.length, 0);
      assert.equal(results2.length, N - 1);
      assert.equal(barrier.nWaiting, 0);
    }));

  it('test_abort_barrier_when_exception_then_resetting', () =>
    inTask(async () => {
      class RuntimeError extends Error {}
      const barrier1 = new Barrier(N);
      const barrier2 = new Barrier(N);
      const results1: boolean[] = [];
      const results2: boolean[] = [];
      const results3: boolean[] = [];
      await gatherTasks(N, async () => {
        try {
          const i = await barrier1.wait();
          if (i === Math.floor(N / 2)) throw new RuntimeError();
          await barrier1.wait();
          results1.push(true);
        } catch (err) {
          if (err instanceof BrokenBarrierError) results2.push(true);
          else if (err instanceof RuntimeError) await barrier1.abort();
          else throw err;
        }
        // Synchronize and reset the barrier: first so that everyone has left it when it is
        // reset, and after so that no one enters it before the reset.
        const i = await barrier2.wait();
        if (i === Math.floor(N / 2)) await barrier1.reset();
        await barrier2.wait();
        await barrier1.wait();
        results3.push(true);
      });
      assert.equal(barrier1.broken, false);
      assert.equal(results1.length, 0);
      assert.equal(results2.length, N - 1);
      assert.equal(results3.length, N);
      assert.equal(barrier1.nWaiting, 0);
    }));
});
