/**
 * A task's async context: CPython 3.11's test_tasks.py `test_context_1` to `_6`, and the case
 * that brought it: one request's store must never reach another request's tasks. In `_1` to `_3`
 * an AsyncLocalStorage stands in for the ContextVar (`cvar.get()` is `getStore() ?? default`,
 * `cvar.set(v)` is `enterWith(v)`); `_4` to `_6` pass a shared, mutable `context=` to
 * `create_task`, which an AsyncLocalStorage has no object for: they use the runtime's
 * `ContextVar` and `copyContext` (`new_task`, `asyncio.create_task` and `loop.create_task`, what
 * tells them apart, are all `createTask` here).
 */
import assert from 'node:assert/strict';
import { AsyncLocalStorage } from 'node:async_hooks';
import { describe, it } from 'node:test';
import {
  ContextVar,
  callLater,
  callSoon,
  copyContext,
  createTask,
  Future,
  gather,
  sleep,
  taskGroup,
  timeout,
} from '../../src/runtime/index.js';
import { inTask, useCPythonScale } from '../helpers/cpython.js';

useCPythonScale();

/** A ContextVar: `get()` with its default, `set(value)` for the rest of the running context. */
function contextVar<T>(fallback: T) {
  const storage = new AsyncLocalStorage<T>();
  return {
    storage,
    get: (): T => storage.getStore() ?? fallback,
    set: (value: T) => storage.enterWith(value),
  };
}

describe('CPython test_tasks: contexts', () => {
  it('test_context_1', async () => {
    const cvar = contextVar('nope');
    const sub = async () => {
      await sleep(0.01);
      assert.equal(cvar.get(), 'nope');
      cvar.set('something else');
    };
    await inTask(async () => {
      assert.equal(cvar.get(), 'nope');
      const subtask = createTask(sub);
      cvar.set('yes');
      assert.equal(cvar.get(), 'yes');
      await subtask;
      assert.equal(cvar.get(), 'yes');
    });
  });

  it('test_context_2', async () => {
    const cvar = contextVar('nope');
    await inTask(async () => {
      // This change must not pollute the context of the main task.
      const futOnDone = () => cvar.set('something else');
      assert.equal(cvar.get(), 'nope');
      for (let j = 0; j < 2; j++) {
        const fut = new Future<void>();
        fut.addDoneCallback(futOnDone);
        cvar.set(`yes${j}`);
        callSoon(() => fut.setResult());
        await fut;
        assert.equal(cvar.get(), `yes${j}`);
        for (let i = 0; i < 3; i++) {
          // The task passed its context to addDoneCallback:
          cvar.set(`yes${i}-${j}`);
          await sleep(0.001);
          assert.equal(cvar.get(), `yes${i}-${j}`);
        }
      }
    });
    assert.equal(cvar.get(), 'nope');
  });

  it('test_context_3', async () => {
    // 100 tasks in parallel, each modifying cvar.
    const cvar = contextVar(-1);
    const sub = async (num: number) => {
      for (let i = 0; i < 10; i++) {
        cvar.set(num + i);
        await sleep(0.001 + Math.random() * 0.049);
        assert.equal(cvar.get(), num + i);
      }
    };
    await inTask(async () => {
      const tasks = Array.from({ length: 100 }, () => {
        const num = Math.floor(Math.random() * 11);
        return createTask(() => sub(num));
      });
      await gather(...tasks);
    });
    assert.equal(cvar.get(), -1);
  });
});

describe('CPython test_tasks: a task run in a given context', () => {
  for (const name of ['test_context_4', 'test_context_5', 'test_context_6']) {
    it(name, async () => {
      const cvar = new ContextVar<number>('cvar');
      const coro = async (val: number) => {
        await sleep(0);
        cvar.set(val);
      };
      const ret = await inTask(async () => {
        const ret: (number | undefined)[] = [];
        const ctx = copyContext();
        ret.push(ctx.get(cvar));
        await createTask(() => coro(1), { context: ctx });
        ret.push(ctx.get(cvar));
        await createTask(() => coro(2), { context: ctx });
        ret.push(ctx.get(cvar));
        return ret;
      });
      assert.deepEqual(ret, [undefined, 1, 2]);
    });
  }

  it('a task given no context runs in a copy: what it sets stays its own', async () => {
    const cvar = new ContextVar('cvar', { default: 'outer' });
    await inTask(async () => {
      cvar.set('creator');
      const child = createTask(async () => {
        const seen = cvar.get();
        await sleep(0);
        cvar.set('child');
        await sleep(0);
        return [seen, cvar.get()];
      });
      cvar.set('creator, later');
      assert.deepEqual(await child, ['creator', 'child']);
      assert.equal(cvar.get(), 'creator, later');
    });
    assert.equal(cvar.get(), 'outer');
  });

  it('runs callSoon, callLater and done callbacks in a copy of the context of their call', async () => {
    const cvar = new ContextVar('cvar', { default: 'none' });
    const seen = await inTask(async () => {
      const seen: string[] = [];
      cvar.set('at the call');
      const done = new Future<void>();
      done.addDoneCallback(() => {
        seen.push(`done callback: ${cvar.get()}`);
        cvar.set('set by the done callback');
      });
      callSoon(() => {
        seen.push(`callSoon: ${cvar.get()}`);
        cvar.set('set by callSoon');
      });
      callLater(0.01, () => {
        seen.push(`callLater: ${cvar.get()}`);
        done.setResult();
      });
      cvar.set('after the calls');
      await done;
      await sleep(0);
      seen.push(`task: ${cvar.get()}`);
      return seen;
    });
    assert.deepEqual(seen, [
      'callSoon: at the call',
      'callLater: at the call',
      'done callback: at the call',
      'task: after the calls',
    ]);
  });
});

describe('AsyncLocalStorage across the runtime', () => {
  it('keeps each task in the context it was created in, wherever the turn was armed', async () => {
    const request = new AsyncLocalStorage<string>();
    // One request that used the runtime first: its store must not reach the others' tasks.
    await request.run('req-A', () => createTask(() => sleep(0.001)));
    const reads = await Promise.all(
      Array.from({ length: 20 }, (_, n) =>
        request.run(`user-${n}`, async () => {
          const seen: (string | undefined)[] = [];
          await createTask(async () => {
            seen.push(request.getStore());
            await sleep(0.01);
            seen.push(request.getStore());
            await gather(async () => seen.push(request.getStore()));
            await taskGroup(async (tg) => {
              tg.createTask(async () => seen.push(request.getStore()));
            });
            await timeout(1, async () => {
              await sleep(0.001);
              seen.push(request.getStore());
            });
            await new Promise<void>((resolve) =>
              callSoon(() => {
                seen.push(request.getStore());
                resolve();
              }),
            );
            await new Promise<void>((resolve) =>
              callLater(0.001, () => {
                seen.push(request.getStore());
                resolve();
              }),
            );
          });
          return seen.map((store) => [`user-${n}`, store]);
        }),
      ),
    );
    const wrong = reads.flat().filter(([expected, store]) => expected !== store);
    assert.equal(reads.flat().length, 20 * 7);
    assert.deepEqual(wrong, []);
  });
});
