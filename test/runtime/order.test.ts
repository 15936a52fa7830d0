/**
 * The order in which steps, callbacks, wake-ups and timers run, as asyncio runs them: each
 * expected sequence is what the same program printed on CPython 3.11.7 (python3, 2026-12-03).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelledError,
  callAt,
  callLater,
  callSoon,
  createTask,
  Event,
  Future,
  gather,
  loopTime,
  Queue,
  setTimeScale,
  sleep,
  waitFor,
} from '../../src/runtime/index.js';
import { inTask } from '../helpers/cpython.js';

setTimeScale(1);

/** What a program prints, in order, and how it prints. */
function transcript(): { lines: string[]; print: (...parts: unknown[]) => void } {
  const lines: string[] = [];
  return { lines, print: (...parts) => lines.push(parts.map(String).join(' ')) };
}

describe("the runtime runs things in asyncio's order", () => {
  it('interleaves task steps and callSoon callbacks in the order they were scheduled', () =>
    inTask(async () => {
      const { lines, print } = transcript();
      const ticker = async (name: string, n: number) => {
        for (let i = 0; i < n; i++) {
          print(name, i);
          await sleep(0);
        }
      };
      const a = createTask(() => ticker('a', 3));
      callSoon(() => print('soon1'));
      const b = createTask(() => ticker('b', 2));
      callSoon(() => print('soon2'));
      await sleep(0);
      print('main after sleep0');
      await gather(a, b);
      assert.deepEqual(lines, [
        'a 0',
        'soon1',
        'b 0',
        'soon2',
        'main after sleep0',
        'a 1',
        'b 1',
        'a 2',
      ]);
    }));

  it("runs a future's done callbacks and wakes its waiting tasks in the order they registered", () =>
    inTask(async () => {
      const { lines, print } = transcript();
      const fut = new Future<string>();
      const waiter = async (name: string) => print(name, 'got', await fut);
      fut.addDoneCallback((f) => print('cb1', f.result()));
      const w1 = createTask(() => waiter('w1'));
      await sleep(0);
      fut.addDoneCallback((f) => print('cb2', f.result()));
      const w2 = createTask(() => waiter('w2'));
      callSoon(() => fut.setResult('X'));
      await gather(w1, w2);
      assert.deepEqual(lines, ['cb1 X', 'w1 got X', 'cb2 X', 'w2 got X']);
    }));

  it('fires a deadline already passed before later ones, and equal deadlines in the order set', () =>
    inTask(async () => {
      const { lines, print } = transcript();
      callLater(0.01, () => print('later-a'));
      callLater(0.01, () => print('later-b'));
      callAt(loopTime() - 1, () => print('at-past'));
      callSoon(() => print('soon3'));
      const sleeper = async (name: string, seconds: number) => {
        await sleep(seconds);
        print(name, 'woke');
      };
      await gather(
        () => sleeper('s1', 0.01),
        () => sleeper('s2', 0.01),
        () => sleeper('s0', 0),
      );
      assert.deepEqual(lines, [
        'soon3',
        'at-past',
        's0 woke',
        'later-a',
        'later-b',
        's1 woke',
        's2 woke',
      ]);
    }));

  it('wakes every waiter of an Event set and cleared at once, in the order they waited', () =>
    inTask(async () => {
      const { lines, print } = transcript();
      const event = new Event();
      const waiters = [0, 1, 2].map((i) =>
        createTask(async () => {
          await event.wait();
          print(`e${i}`, 'set');
        }),
      );
      await sleep(0);
      event.set();
      event.clear();
      print('cleared');
      await gather(...waiters);
      assert.deepEqual(lines, ['cleared', 'e0 set', 'e1 set', 'e2 set']);
    }));

  it("hands a Queue's items to its getters first come, first served", () =>
    inTask(async () => {
      const { lines, print } = transcript();
      const queue = new Queue<number>();
      const getters = [0, 1, 2].map((i) =>
        createTask(async () => print(`g${i}`, 'q', await queue.get())),
      );
      await sleep(0);
      for (let i = 0; i < 3; i++) queue.putNowait(i);
      print('put all');
      await gather(...getters);
      assert.deepEqual(lines, ['put all', 'g0 q 0', 'g1 q 1', 'g2 q 2']);
    }));

  it("runs the children's own done callbacks before the gather that waits on them returns", () =>
    inTask(async () => {
      const { lines, print } = transcript();
      const children = [0, 1].map((i) => createTask(async () => i));
      for (const child of children) child.addDoneCallback((t) => print('done', t.result()));
      print('gathered', (await gather(...children)).join(','));
      assert.deepEqual(lines, ['done 0', 'done 1', 'gathered 0,1']);
    }));

  it('waitFor returns the value of a coroutine that caught its cancellation and went on', () =>
    inTask(async () => {
      const { lines, print } = transcript();
      const stubborn = async () => {
        try {
          await sleep(0.05);
        } catch (err) {
          if (!(err instanceof CancelledError)) throw err;
          print('stubborn caught');
          await sleep(0.01);
          return 'kept';
        }
        return 'slept';
      };
      print('waitFor', await waitFor(stubborn, 0.01));
      assert.deepEqual(lines, ['stubborn caught', 'waitFor kept']);
    }));
});
