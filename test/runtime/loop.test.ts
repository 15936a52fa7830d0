import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  blockingSleep,
  callAt,
  callLater,
  callSoon,
  createTask,
  type ExceptionContext,
  Future,
  loopTime,
  setExceptionHandler,
  setTimeScale,
  sleep,
} from '../../src/runtime/index.js';

setTimeScale(1);

/** Resolves once `future` has settled, without asking for its result. */
const settled = (future: Future<unknown>) =>
  new Promise<void>((resolve) => future.addDoneCallback(() => resolve()));

describe('the loop', () => {
  it('runs call_soon callbacks in the order they were scheduled, each on the next turn', async () => {
    const order: string[] = [];
    const done = new Future<void>();
    callSoon(() => {
      order.push('a');
      callSoon(() => order.push('c (scheduled by a: next turn)'));
    });
    callSoon(() => order.push('b'));
    callSoon(() => callSoon(() => callSoon(() => done.setResult())));
    await settled(done);
    assert.deepEqual(order, ['a', 'b', 'c (scheduled by a: next turn)']);
  });

  it('lets one task step end before the next callback runs', async () => {
    const order: string[] = [];
    const a = createTask(async () => {
      order.push('a1');
      await Promise.resolve(); // not a suspension: the step goes on
      order.push('a2');
      await sleep(0);
      order.push('a3');
    });
    const b = createTask(async () => {
      order.push('b1');
      await sleep(0);
      order.push('b2');
    });
    await a;
    await b;
    assert.deepEqual(order, ['a1', 'a2', 'b1', 'a3', 'b2']);
  });

  it('fires timers in deadline order, whatever order they were set in', async () => {
    const order: number[] = [];
    const deadlines = [0.03, 0.005, 0.02, 0.001, 0.012, 0.025, 0.008, 0.016];
    const all = deadlines.map((s, i) => {
      const f = new Future<void>();
      callLater(s, () => {
        order.push(i);
        f.setResult();
      });
      return f;
    });
    for (const f of all) await settled(f);
    assert.deepEqual(order, [3, 1, 6, 4, 7, 2, 5, 0]);
  });

  it('runs overdue timers earliest first after the loop was blocked', async () => {
    const order: string[] = [];
    const done = new Future<void>();
    callLater(0.04, () => {
      order.push('late');
      done.setResult();
    });
    callLater(0.01, () => order.push('early'));
    blockingSleep(0.06);
    await settled(done);
    assert.deepEqual(order, ['early', 'late']);
  });

  it('never fires a timer early', async () => {
    for (let i = 0; i < 20; i++) {
      const deadline = loopTime() + 0.003;
      const fired = new Future<number>();
      callAt(deadline, () => fired.setResult(loopTime()));
      await settled(fired);
      assert.ok(fired.result() >= deadline, `${fired.result()} < ${deadline}`);
    }
  });

  it('fires timers due within the same millisecond on one turn, as asyncio sleeping in epoll does', async () => {
    // The loop goes idle about now: 10.5 ms to the first deadline rounds up to a wake-up at 11
    // ms, half a millisecond after it, so the two timers 0.05 and 0.1 ms later fire on the same
    // turn. A callback the first timer schedules runs on the next turn: after the other two.
    // That holds when the wake-up is set within 0.4 ms of `base`; on a loaded machine (or Node
    // 26's first calls here) setting it can take longer, and the wake-up then rounds from a
    // later time: such an attempt says nothing and is made again.
    for (let attempt = 0; ; attempt++) {
      const order: string[] = [];
      const done = new Future<void>();
      const base = loopTime() + 0.0105;
      callAt(base, () => {
        order.push('t1');
        callSoon(() => {
          order.push('next turn');
          done.setResult();
        });
      });
      const armedWithin = loopTime() - (base - 0.0105);
      callAt(base + 0.00005, () => order.push('t2'));
      callAt(base + 0.0001, () => order.push('t3'));
      await settled(done);
      if (armedWithin > 0.0003 && attempt < 4) continue;
      assert.deepEqual(order, ['t1', 't2', 't3', 'next turn']);
      return;
    }
  });

  it('does not run a cancelled handle', async () => {
    let ran = false;
    callSoon(() => {
      ran = true;
    }).cancel();
    const timer = callLater(0.001, () => {
      ran = true;
    });
    timer.cancel();
    assert.ok(timer.cancelled());
    await sleep(0.005);
    assert.equal(ran, false);
  });

  it('reports a done callback that throws through the exception handler, and goes on', async () => {
    const seen: ExceptionContext[] = [];
    setExceptionHandler((context) => seen.push(context));
    try {
      const fut = new Future<number>();
      fut.addDoneCallback(function boom() {
        throw new Error('boom');
      });
      let after = false;
      fut.addDoneCallback(() => {
        after = true;
      });
      fut.setResult(1);
      await sleep(0);
      await sleep(0);
      assert.equal(seen.length, 1);
      assert.match(
        seen[0]?.message ?? '',
        /^Exception in callback boom\(<Future finished result=1>\)$/,
      );
      assert.equal((seen[0]?.exception as Error | undefined)?.message, 'boom');
      assert.ok(after, 'the next callback ran');
    } finally {
      setExceptionHandler(null);
    }
  });
});
