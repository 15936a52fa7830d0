/**
 * A task watches its coroutine's promise only once it must: these are the ways a coroutine can
 * end outside the steps where the loop would see it, and each must still end its task at once.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { createTask, Event, sleep } from '../../src/runtime/index.js';
import { useCPythonScale } from '../helpers/cpython.js';

useCPythonScale(); // 0.1 s = 10 ms

/** Resolves when `task` is done, or with 'pending' after `ms` of real time. */
async function doneWithin(task: { done(): boolean }, ms: number): Promise<'done' | 'pending'> {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    if (task.done()) return 'done';
    await delay(1);
  }
  return task.done() ? 'done' : 'pending';
}

describe('a task whose coroutine ends outside its steps', () => {
  it('is done when a foreign promise wins a race against its sleep', async () => {
    const task = createTask(async () => Promise.race([sleep(60), delay(20, 'fetched')]));
    assert.equal(await doneWithin(task, 500), 'done');
    assert.equal(task.result(), 'fetched');
  });

  it('is done when a foreign promise wins a race against a wait that never ends', async () => {
    const never = new Event();
    const task = createTask(async () => {
      await Promise.race([never.wait(), delay(20)]);
      return 'went on';
    });
    assert.equal(await doneWithin(task, 500), 'done');
    assert.equal(task.result(), 'went on');
  });

  it('fails with the error its coroutine threw after a race', async () => {
    const task = createTask(async () => {
      await Promise.race([sleep(60), delay(20)]);
      throw new RangeError('after the race');
    });
    assert.equal(await doneWithin(task, 500), 'done');
    assert.throws(() => task.result(), RangeError);
  });

  it('is done after Promise.all over two of its waits', async () => {
    const task = createTask(async () => Promise.all([sleep(0.1, 'a'), sleep(0.2, 'b')]));
    assert.deepEqual(await task, ['a', 'b']);
  });

  it('is done when its wait was chained with then and the coroutine awaited something else', async () => {
    const seen: string[] = [];
    const task = createTask(async () => {
      void sleep(60).then(() => seen.push('slept'));
      await delay(20);
      return 'ended first';
    });
    assert.equal(await doneWithin(task, 500), 'done');
    assert.equal(task.result(), 'ended first');
    assert.deepEqual(seen, []);
    task.cancel(); // nothing to cancel: it is done; its sleep is left to run out
  });
});

describe('a task whose coroutine ends inside a step', () => {
  it('is done on the step its coroutine returns in, without ever awaiting', async () => {
    const task = createTask(async () => 'at once');
    await sleep(0);
    assert.equal(task.done(), true);
    assert.equal(task.result(), 'at once');
  });

  it('fails on the step its coroutine throws in, after a sleep', async () => {
    const task = createTask(async () => {
      await sleep(0.1);
      throw new TypeError('after a sleep');
    });
    await assert.rejects(Promise.resolve(task), TypeError);
  });

  it('is cancelled at its sleep, the coroutine watched before the error is thrown into it', async () => {
    const task = createTask(async () => sleep(60));
    await sleep(0);
    task.cancel();
    await sleep(0);
    assert.equal(task.cancelled(), true);
  });
});

describe('a task whose coroutine is its wait (`() => sleep(1)`)', () => {
  it("ends with the wait's result", async () => {
    const task = createTask(() => sleep(0.1, 'slept'));
    assert.equal(await task, 'slept');
  });

  it('ends with the value a promise given as the result resolves to', async () => {
    const task = createTask(() => sleep(0.1, Promise.resolve('inner')));
    assert.equal(await task, 'inner');
  });

  it('is cancelled at its wait', async () => {
    const task = createTask(() => sleep(60));
    await sleep(0);
    task.cancel('stop');
    await assert.rejects(Promise.resolve(task), { name: 'CancelledError', message: 'stop' });
    assert.equal(task.cancelled(), true);
  });

  it('still settles its wait for another task that awaits it', async () => {
    let wait: Promise<string> | undefined;
    const sleeper = createTask(() => {
      wait = sleep(0.1, 'shared');
      return wait;
    });
    const other = createTask(async () => {
      await sleep(0);
      return await (wait as Promise<string>);
    });
    assert.deepEqual(await Promise.all([sleeper, other]), ['shared', 'shared']);
  });

  it('rejects its wait with the cancellation for another task that awaits it', async () => {
    let wait: Promise<void> | undefined;
    const sleeper = createTask(() => {
      wait = sleep(60);
      return wait;
    });
    const other = createTask(async () => {
      await sleep(0);
      return await (wait as Promise<void>);
    });
    await sleep(0.1);
    sleeper.cancel();
    await assert.rejects(Promise.resolve(other), { name: 'CancelledError' });
    assert.equal(sleeper.cancelled(), true);
  });
});
