import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelledError,
  coro,
  createTask,
  gather,
  isCancelled,
  sleep,
} from '../../src/runtime/index.js';
import { aget_data, fail } from '../helpers/coros.js';
import { timed, useTestScale } from '../helpers/time.js';

const msPerSecond = useTestScale();

describe('gather', () => {
  it('runs concurrently: takes about the longest, results in argument order', async () => {
    const { value, ms } = await timed(() =>
      gather(coro(aget_data, 3), coro(aget_data, 1), coro(aget_data, 2)),
    );
    assert.deepEqual(value, ['3 s.', '1 s.', '2 s.']);
    const ratio = ms / (3 * msPerSecond);
    assert.ok(ratio >= 1 && ratio < 1.5, `took ${ratio.toFixed(2)}x the longest sleep`);
  });

  it('takes tasks as well as coroutines', async () => {
    const task = createTask(coro(aget_data, 1));
    assert.deepEqual(await gather(task, coro(aget_data, 2)), ['1 s.', '2 s.']);
  });

  it('resolves an empty gather to []', async () => {
    assert.deepEqual(await gather(), []);
  });

  it('rejects with the first error while the siblings keep running', async () => {
    const slow = createTask(coro(aget_data, 3));
    await assert.rejects(gather(coro(fail, 1, 'first'), coro(fail, 2, 'second'), slow), {
      message: 'first',
    });
    assert.equal(slow.done(), false);
    assert.equal(await slow, '3 s.');
  });

  it('puts errors in the results with returnExceptions', async () => {
    const results = await gather(coro(aget_data, 1), coro(fail, 1, 'bad'), {
      returnExceptions: true,
    });
    assert.equal(results[0], '1 s.');
    assert.ok(results[1] instanceof Error);
    assert.equal((results[1] as Error).message, 'bad');
  });

  it('cancels its children when the task awaiting it is cancelled', async () => {
    const a = createTask(coro(aget_data, 5));
    const b = createTask(coro(aget_data, 5));
    const parent = createTask(() => gather(a, b));
    await sleep(1);
    parent.cancel();
    await assert.rejects(Promise.resolve(parent), CancelledError);
    assert.equal(a.cancelled(), true);
    assert.equal(b.cancelled(), true);
  });

  it('fails with the message of a cancel that found its children woken, though they caught it', async () => {
    // As on CPython 3.11 (found by the differential, seed 1276, with a timeout's cancel and the
    // parent's own on one turn): the first cancel wakes the children; the second finds them woken
    // and not yet stepped, so each keeps its message; the gather, cancelled around children that
    // caught it and returned, fails with that message. Both cancels in one step, so that no
    // stall of a loaded machine can put them on different turns (CI on Node 22 once did, with
    // the two deadlines this test used to race).
    const child = async () => {
      try {
        await sleep(10);
      } catch (err) {
        if (!(err instanceof CancelledError)) throw err;
      }
      return 'caught';
    };
    const main = async () => {
      const parent = createTask(() => gather(child, child));
      await sleep(0);
      await sleep(0); // the children wait in their sleeps
      parent.cancel();
      parent.cancel('m');
      await parent;
    };
    await assert.rejects(Promise.resolve(createTask(main)), {
      name: 'CancelledError',
      message: 'm',
    });
  });

  it('rejects with CancelledError when a child is cancelled', async () => {
    const child = createTask(coro(aget_data, 5));
    const gathered = gather(child, coro(aget_data, 1));
    await sleep(0);
    child.cancel();
    await assert.rejects(gathered, (err) => isCancelled(err));
  });

  it('rejects a non-coroutine argument before starting anything', () => {
    assert.throws(() => gather(coro(aget_data, 1), 5 as never), TypeError);
  });
});
