import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelledError,
  coro,
  createTask,
  currentTask,
  InvalidStateError,
  isCancelled,
  sleep,
} from '../../src/runtime/index.js';
import { aget_data } from '../helpers/coros.js';
import { useTestScale } from '../helpers/time.js';

useTestScale();

describe('createTask', () => {
  it('does not run the coroutine synchronously', () => {
    let ran = false;
    const task = createTask(async () => {
      ran = true;
    });
    assert.equal(ran, false);
    assert.equal(task.done(), false);
  });

  it('has run the coroutine after one sleep(0)', async () => {
    const task = createTask(async () => 'done');
    await sleep(0);
    assert.equal(task.done(), true);
    assert.equal(task.result(), 'done');
  });

  it('names tasks Task-N from a process-wide counter', () => {
    const a = createTask(async () => {});
    const b = createTask(async () => {});
    assert.match(a.name, /^Task-\d+$/);
    assert.equal(Number(b.name.slice(5)), Number(a.name.slice(5)) + 1);
  });

  it('takes a name', () => {
    assert.equal(createTask(async () => {}, { name: 'fetch' }).name, 'fetch');
  });
});

describe('an anonymous coroutine', () => {
  it("is named 'anonymous' in reprs and timelines, as asyncio names each coroutine", async () => {
    const task = createTask(async () => 1);
    assert.equal(String(task), `<Task pending name='${task.name}' coro=<anonymous()>>`);
    assert.equal(task.label, undefined);
    const lazy = coro(async (n: number) => n, 2);
    assert.equal((lazy as { callLabel?: string }).callLabel, 'anonymous(2)');
    await task;
  });
});

describe('coro', () => {
  it('never runs a coroutine that is passed nowhere', async () => {
    let calls = 0;
    coro(async () => {
      calls++;
    });
    await sleep(0);
    assert.equal(calls, 0);
  });

  it('runs when awaited, with its arguments', async () => {
    assert.equal(await coro(aget_data, 1)(), '1 s.');
  });
});

describe('Task repr', () => {
  it('reads like asyncio while pending', () => {
    const task = createTask(coro(aget_data, 1), { name: 'Task-x' });
    assert.equal(String(task), "<Task pending name='Task-x' coro=<aget_data()>>");
    task.cancel();
  });

  it('shows the result when finished', async () => {
    const task = createTask(coro(aget_data, 1), { name: 'T' });
    await task;
    assert.equal(String(task), "<Task finished name='T' coro=<aget_data()> result='1 s.'>");
  });

  it('shows the exception when failed', async () => {
    const task = createTask(
      async function boom() {
        throw new Error('no');
      },
      { name: 'T' },
    );
    await sleep(0);
    assert.equal(String(task), "<Task finished name='T' coro=<boom()> exception=Error('no')>");
  });

  it('shows cancelled', async () => {
    const task = createTask(coro(aget_data, 1), { name: 'T' });
    task.cancel();
    await sleep(0);
    assert.equal(String(task), "<Task cancelled name='T' coro=<aget_data()>>");
  });
});

describe('Task.result and exception', () => {
  it('result throws InvalidStateError while pending', () => {
    const task = createTask(coro(aget_data, 1));
    assert.throws(() => task.result(), InvalidStateError);
    assert.throws(() => task.exception(), InvalidStateError);
    task.cancel();
  });

  it('result throws the exception of a failed task; exception returns it', async () => {
    const boom = new Error('boom');
    const task = createTask(async () => {
      throw boom;
    });
    await sleep(0);
    assert.throws(() => task.result(), boom);
    assert.equal(task.exception(), boom);
  });

  it('result and exception throw CancelledError for a cancelled task', async () => {
    const task = createTask(coro(aget_data, 1));
    task.cancel('stop');
    await sleep(0);
    assert.throws(() => task.result(), CancelledError);
    assert.throws(() => task.exception(), CancelledError);
  });
});

describe('Task.cancel', () => {
  it('rejects the sleeping await with CancelledError at that await point', async () => {
    let caughtAt = '';
    const task = createTask(async () => {
      try {
        await sleep(10);
        caughtAt = 'after sleep';
      } catch (err) {
        caughtAt = isCancelled(err) ? 'sleep' : 'other';
        throw err;
      }
    });
    await sleep(0);
    assert.equal(task.cancel(), true);
    await assert.rejects(Promise.resolve(task), CancelledError);
    assert.equal(caughtAt, 'sleep');
    assert.equal(task.cancelled(), true);
  });

  it('returns false for a finished task', async () => {
    const task = createTask(async () => 1);
    await task;
    assert.equal(task.cancel(), false);
    assert.equal(task.cancelled(), false);
  });

  it('lets a coroutine that catches the CancelledError return a value normally', async () => {
    const task = createTask(async () => {
      try {
        await sleep(10);
        return 'slept';
      } catch (err) {
        if (!isCancelled(err)) throw err;
        return 'caught';
      }
    });
    await sleep(0);
    task.cancel();
    assert.equal(await task, 'caught');
    assert.equal(task.cancelled(), false);
  });

  it('delivers a cancellation once: later awaits work normally', async () => {
    const task = createTask(async () => {
      try {
        await sleep(10);
      } catch {}
      await sleep(0.5);
      return 'went on';
    });
    await sleep(0);
    task.cancel();
    assert.equal(await task, 'went on');
  });

  it('never starts a task cancelled before its first turn', async () => {
    let ran = false;
    const task = createTask(async () => {
      ran = true;
    });
    task.cancel();
    await sleep(0);
    assert.equal(ran, false);
    assert.equal(task.cancelled(), true);
  });

  it('reaches the next await when requested while the task runs', async () => {
    const task = createTask(async () => {
      currentTask()?.cancel();
      await Promise.resolve(); // a plain promise: the runtime cannot interrupt it
      await sleep(10);
    });
    await assert.rejects(Promise.resolve(task), CancelledError);
  });

  it('ends cancelled when the coroutine returns before the cancellation reached an await', async () => {
    const task = createTask(async () => {
      currentTask()?.cancel();
      return 'ignored';
    });
    await sleep(0);
    await sleep(0);
    assert.equal(task.cancelled(), true);
  });

  it('cancels the task it awaits (asyncio cancels the awaited future)', async () => {
    const inner = createTask(coro(aget_data, 10));
    const outer = createTask(async () => await inner);
    await sleep(0);
    outer.cancel();
    await assert.rejects(Promise.resolve(outer), CancelledError);
    assert.equal(inner.cancelled(), true);
  });
});

describe('awaiting a task', () => {
  it('from inside itself is refused, as in asyncio, instead of waiting forever', async () => {
    const task = createTask(async () => {
      try {
        await currentTask();
      } catch (err) {
        return (err as Error).name;
      }
      return 'awaited itself';
    });
    assert.equal(await task, 'InvalidStateError');
  });
});

describe('currentTask', () => {
  it('is undefined outside any task', () => {
    assert.equal(currentTask(), undefined);
  });

  it('is the running task, across awaits', async () => {
    const task = createTask(
      async () => {
        const before = currentTask();
        await sleep(0.1);
        return before === currentTask() ? currentTask()?.name : 'changed';
      },
      { name: 'me' },
    );
    assert.equal(await task, 'me');
  });
});

describe('addDoneCallback', () => {
  it('runs the callback on a later turn, not inline, in the order callbacks were added', async () => {
    const task = createTask(async () => 1);
    const seen: string[] = [];
    task.addDoneCallback((t) => seen.push(`cb ${t.result()}`));
    const awaited = task.then(() => seen.push('awaited'));
    assert.deepEqual(seen, []);
    await awaited;
    assert.deepEqual(seen, ['cb 1', 'awaited']);
  });
});

describe('createTask arguments', () => {
  it('throws TypeError at once for something that is not a coroutine function', () => {
    assert.throws(() => createTask(123 as never), TypeError);
    assert.throws(() => createTask(Promise.resolve(1) as never), TypeError);
  });
});
