/**
 * CPython 3.11's test_queues.py, ported (same names, same assertions) for Queue, LifoQueue and
 * PriorityQueue. Left out: the Python-only tests (`repr` with an id, `Queue[int]`). asyncio's
 * ValueError is a RangeError.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelledError,
  callLater,
  createTask,
  Event,
  LifoQueue,
  PriorityQueue,
  Queue,
  QueueEmpty,
  QueueFull,
  sleep,
  type Task,
  TimeoutError,
  taskGroup,
  waitFor,
} from '../../src/runtime/index.js';
import { assertRaises, inTask, useCPythonScale } from '../helpers/cpython.js';

useCPythonScale();

describe('CPython test_queues: basics', () => {
  it('test_str', () =>
    inTask(async () => {
      let q = new Queue<number>();
      assert.ok(String(q).startsWith('<Queue'));
      q = new Queue();
      let getter: Task<number> | undefined;
      await taskGroup(async (tg) => {
        getter = tg.createTask(() => q.get());
        await sleep(0);
        assert.ok(String(q).includes('_getters[1]'));
        q.putNowait(0);
      });
      assert.equal(await getter, 0);
      q = new Queue(1);
      let putter: Task<void> | undefined;
      await taskGroup(async (tg) => {
        q.putNowait(1);
        putter = tg.createTask(() => q.put(2));
        await sleep(0);
        assert.ok(String(q).includes('_putters[1]'));
        q.getNowait();
      });
      assert.ok(putter?.done());
      q = new Queue();
      q.putNowait(1);
      assert.ok(String(q).includes('_queue=[1]'));
    }));

  it('test_empty', () =>
    inTask(async () => {
      const q = new Queue<number>();
      assert.ok(q.empty());
      await q.put(1);
      assert.equal(q.empty(), false);
      assert.equal(await q.get(), 1);
      assert.ok(q.empty());
    }));

  it('test_full', () =>
    inTask(async () => {
      assert.equal(new Queue().full(), false);
      const q = new Queue(1);
      await q.put(1);
      assert.ok(q.full());
    }));

  it('test_order', () =>
    inTask(async () => {
      const q = new Queue<number>();
      for (const i of [1, 3, 2]) await q.put(i);
      const items = [await q.get(), await q.get(), await q.get()];
      assert.deepEqual(items, [1, 3, 2]);
    }));

  it('test_maxsize', () =>
    inTask(async () => {
      const q = new Queue<number>(2);
      assert.equal(q.maxsize, 2);
      const haveBeenPut: number[] = [];
      const t = createTask(async () => {
        for (let i = 0; i < 3; i++) {
          await q.put(i);
          haveBeenPut.push(i);
        }
        return true;
      });
      for (let i = 0; i < 2; i++) await sleep(0);
      assert.deepEqual(haveBeenPut, [0, 1]);
      assert.equal(await q.get(), 0);
      await sleep(0);
      assert.deepEqual(haveBeenPut, [0, 1, 2]);
      assert.equal(await q.get(), 1);
      assert.equal(await q.get(), 2);
      assert.ok(t.done());
      assert.equal(t.result(), true);
    }));
});

describe('CPython test_queues: get', () => {
  it('test_blocking_get', () =>
    inTask(async () => {
      const q = new Queue<number>();
      q.putNowait(1);
      assert.equal(await q.get(), 1);
    }));

  it('test_get_with_putters', () =>
    inTask(async () => {
      const q = new Queue<number>(1);
      await q.put(1);
      const waiter = q._putters.add('test');
      assert.equal(await q.get(), 1);
      assert.ok(waiter.done());
      assert.equal(waiter.result(), undefined); // asyncio's None
    }));

  it('test_blocking_get_wait', () =>
    inTask(async () => {
      const q = new Queue<number>();
      const started = new Event();
      let finished = false;
      const task = createTask(async () => {
        started.set();
        const res = await q.get();
        finished = true;
        return res;
      });
      await started.wait();
      assert.equal(finished, false);
      callLater(0.01, () => q.putNowait(1));
      const res = await task;
      assert.ok(finished);
      assert.equal(res, 1);
    }));

  it('test_nonblocking_get', () => {
    const q = new Queue<number>();
    q.putNowait(1);
    assert.equal(q.getNowait(), 1);
  });

  it('test_nonblocking_get_exception', () => {
    assert.throws(() => new Queue().getNowait(), QueueEmpty);
  });

  it('test_get_cancelled_race', () =>
    inTask(async () => {
      const q = new Queue<string>();
      const t1 = createTask(() => q.get());
      const t2 = createTask(() => q.get());
      await sleep(0);
      t1.cancel();
      await sleep(0);
      assert.ok(t1.done());
      await q.put('a');
      await sleep(0);
      assert.equal(await t2, 'a');
    }));

  it('test_get_with_waiting_putters', () =>
    inTask(async () => {
      const q = new Queue<string>(1);
      createTask(() => q.put('a'));
      createTask(() => q.put('b'));
      assert.equal(await q.get(), 'a');
      assert.equal(await q.get(), 'b');
    }));

  it('test_why_are_getters_waiting', () =>
    inTask(async () => {
      const q = new Queue<number>(1);
      await taskGroup(async (tg) => {
        tg.createTask(async () => {
          for (let i = 0; i < 5; i++) await q.put(i);
        });
        tg.createTask(async () => {
          for (let i = 0; i < 5; i++) await q.get();
        });
      });
    }));

  it('test_cancelled_getters_not_being_held_in_self_getters', () =>
    inTask(async () => {
      const queue = new Queue(5);
      await assertRaises(
        waitFor(() => queue.get(), 0.1),
        TimeoutError,
      );
      assert.equal(queue._getters.size, 0);
    }));
});

describe('CPython test_queues: put', () => {
  it('test_blocking_put', () =>
    inTask(async () => {
      const q = new Queue<number>();
      await q.put(1);
      assert.equal(await q.get(), 1);
    }));

  it('test_blocking_put_wait', () =>
    inTask(async () => {
      const q = new Queue<number>(1);
      const started = new Event();
      let finished = false;
      callLater(0.01, () => q.getNowait());
      const task = createTask(async () => {
        started.set();
        await q.put(1);
        await q.put(2);
        finished = true;
      });
      await started.wait();
      assert.equal(finished, false);
      await task;
      assert.ok(finished);
    }));

  it('test_nonblocking_put', () => {
    const q = new Queue<number>();
    q.putNowait(1);
    assert.equal(q.getNowait(), 1);
  });

  it('test_get_cancel_drop_one_pending_reader', () =>
    inTask(async () => {
      const q = new Queue<number>();
      let reader = createTask(() => q.get());
      await sleep(0);
      q.putNowait(1);
      q.putNowait(2);
      reader.cancel();
      try {
        await reader;
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
        reader = createTask(() => q.get());
        await reader;
      }
      // 2 would mean 1 was dropped.
      assert.equal(reader.result(), 1);
    }));

  it('test_get_cancel_drop_many_pending_readers', () =>
    inTask(async () => {
      const q = new Queue<number>();
      const readers = await taskGroup(async (tg) => {
        const rs = [1, 2, 3].map(() => tg.createTask(() => q.get()));
        await sleep(0);
        q.putNowait(1);
        q.putNowait(2);
        rs[0]?.cancel();
        await assertRaises(rs[0] as PromiseLike<unknown>, CancelledError);
        await rs[2];
        return rs;
      });
      // Which concurrent reader gets which item is not defined.
      assert.deepEqual(new Set([readers[1]?.result(), readers[2]?.result()]), new Set([1, 2]));
    }));

  it('test_put_cancel_drop', () =>
    inTask(async () => {
      const q = new Queue<number>(1);
      q.putNowait(1);
      let writer = createTask(() => q.put(2)); // must wait: the queue is full
      await sleep(0);
      assert.equal(q.getNowait(), 1);
      writer.cancel();
      try {
        await writer;
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
        writer = createTask(() => q.put(2));
        await writer;
      }
      assert.equal(q.getNowait(), 2);
      assert.equal(q.qsize(), 0);
    }));

  it('test_nonblocking_put_exception', () => {
    const q = new Queue<number>(1);
    q.putNowait(1);
    assert.throws(() => q.putNowait(2), QueueFull);
  });

  it('test_float_maxsize', () =>
    inTask(async () => {
      let q = new Queue<number>(1.3);
      q.putNowait(1);
      q.putNowait(2);
      assert.ok(q.full());
      assert.throws(() => q.putNowait(3), QueueFull);
      q = new Queue<number>(1.3);
      await q.put(1);
      await q.put(2);
      assert.ok(q.full());
    }));

  it('test_put_cancelled', () =>
    inTask(async () => {
      const q = new Queue<number>();
      const t = createTask(async () => {
        await q.put(1);
        return true;
      });
      assert.equal(await q.get(), 1);
      assert.ok(t.done());
      assert.equal(t.result(), true);
    }));

  it('test_put_cancelled_race', () =>
    inTask(async () => {
      const q = new Queue<string>(1);
      const putA = createTask(() => q.put('a'));
      const putB = createTask(() => q.put('b'));
      const putC = createTask(() => q.put('X'));
      await sleep(0);
      assert.ok(putA.done());
      assert.equal(putB.done(), false);
      putC.cancel();
      await sleep(0);
      assert.ok(putC.done());
      assert.equal(q.getNowait(), 'a');
      await sleep(0);
      assert.equal(q.getNowait(), 'b');
      await putB;
    }));

  it('test_put_with_waiting_getters', () =>
    inTask(async () => {
      const q = new Queue<string>();
      const t = createTask(() => q.get());
      await sleep(0);
      await q.put('a');
      assert.equal(await t, 'a');
    }));

  it('test_why_are_putters_waiting', () =>
    inTask(async () => {
      const queue = new Queue<number>(2);
      await taskGroup(async (tg) => {
        tg.createTask(async () => {
          await sleep(0);
          const num = queue.qsize();
          for (let i = 0; i < num; i++) queue.getNowait();
        });
        for (const item of [0, 1, 2, 3]) tg.createTask(() => queue.put(item));
      });
    }));

  it('test_cancelled_puts_not_being_held_in_self_putters', () =>
    inTask(async () => {
      const queue = new Queue<number>(1);
      queue.putNowait(1);
      const putTask = createTask(() => queue.put(1));
      await sleep(0);
      assert.equal(queue._putters.size, 1);
      putTask.cancel();
      await assertRaises(putTask, CancelledError);
      assert.equal(queue._putters.size, 0);
    }));

  it('test_cancelled_put_silence_value_error_exception', () =>
    inTask(async () => {
      const queue = new Queue<number>(1);
      queue.putNowait(1);
      const putTask = createTask(() => queue.put(1));
      await sleep(0);
      queue.getNowait(); // takes put_task's waiter out of the putters
      putTask.cancel();
      await assertRaises(putTask, CancelledError);
    }));
});

describe('CPython test_queues: LifoQueueTests', () => {
  it('test_order', () =>
    inTask(async () => {
      const q = new LifoQueue<number>();
      for (const i of [1, 3, 2]) await q.put(i);
      const items = [await q.get(), await q.get(), await q.get()];
      assert.deepEqual(items, [2, 3, 1]);
    }));
});

describe('CPython test_queues: PriorityQueueTests', () => {
  it('test_order', () =>
    inTask(async () => {
      const q = new PriorityQueue<number>();
      for (const i of [1, 3, 2]) await q.put(i);
      const items = [await q.get(), await q.get(), await q.get()];
      assert.deepEqual(items, [1, 2, 3]);
    }));
});

/** `_QueueJoinTestMixin`, run on each queue class as QueueJoinTests, LifoQueueJoinTests and PriorityQueueJoinTests. */
for (const [suite, QueueClass] of [
  ['QueueJoinTests', Queue],
  ['LifoQueueJoinTests', LifoQueue],
  ['PriorityQueueJoinTests', PriorityQueue],
] as const) {
  describe(`CPython test_queues: ${suite}`, () => {
    it('test_task_done_underflow', () => {
      assert.throws(() => new QueueClass().taskDone(), RangeError);
    });

    it('test_task_done', () =>
      inTask(async () => {
        const q = new QueueClass<number>();
        for (let i = 0; i < 100; i++) q.putNowait(i);
        let accumulator = 0;
        let running = true;
        const worker = async () => {
          while (running) {
            accumulator += await q.get();
            q.taskDone();
          }
        };
        await taskGroup(async (tg) => {
          const tasks = [tg.createTask(worker), tg.createTask(worker)];
          await q.join();
          assert.equal(accumulator, 4950);
          running = false;
          for (const _ of tasks) q.putNowait(0);
        });
      }));

    it('test_join_empty_queue', () =>
      inTask(async () => {
        const q = new QueueClass();
        await q.join();
        await q.join();
      }));

    it('test_format', () => {
      const q = new QueueClass<number>();
      assert.equal(String(q), `<${QueueClass.name} maxsize=0>`);
      q.putNowait(1);
      q.putNowait(2);
      q.getNowait();
      q.getNowait();
      assert.equal(String(q), `<${QueueClass.name} maxsize=0 tasks=2>`);
    });
  });
}

describe('PriorityQueue', () => {
  it('orders [priority, data] entries as Python orders tuples', () => {
    const q = new PriorityQueue<[number, string]>();
    for (const entry of [
      [2, 'b'],
      [1, 'z'],
      [2, 'a'],
      [0, 'first'],
    ] as [number, string][])
      q.putNowait(entry);
    const out = [q.getNowait(), q.getNowait(), q.getNowait(), q.getNowait()];
    assert.deepEqual(out, [
      [0, 'first'],
      [1, 'z'],
      [2, 'a'],
      [2, 'b'],
    ]);
  });

  it('takes the smallest first whatever the order of 200 puts, and a comparator of its own', () => {
    const values = Array.from({ length: 200 }, (_, i) => (i * 7919) % 211);
    const q = new PriorityQueue<number>();
    const down = new PriorityQueue<number>(0, (a, b) => b - a);
    for (const v of values) {
      q.putNowait(v);
      down.putNowait(v);
    }
    const sorted = [...values].sort((a, b) => a - b);
    assert.deepEqual(
      Array.from(values, () => q.getNowait()),
      sorted,
    );
    assert.deepEqual(
      Array.from(values, () => down.getNowait()),
      [...sorted].reverse(),
    );
  });

  it('refuses items Python could not order, with a TypeError', () => {
    const q = new PriorityQueue<unknown>();
    q.putNowait({ a: 1 });
    assert.throws(() => q.putNowait({ b: 2 }), TypeError);
  });
});
