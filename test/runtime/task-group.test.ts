import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  CancelledError,
  coro,
  createTask,
  InvalidStateError,
  sleep,
  type Task,
  TaskGroupError,
  taskGroup,
} from '../../src/runtime/index.js';
import { aget_data, fail } from '../helpers/coros.js';
import { timed, useTestScale } from '../helpers/time.js';

const msPerSecond = useTestScale();

describe('taskGroup', () => {
  it('waits for every task, concurrently, and returns the body value', async () => {
    let t1: Task<string> | undefined;
    let t2: Task<string> | undefined;
    const { value, ms } = await timed(() =>
      taskGroup(async (tg) => {
        t1 = tg.createTask(coro(aget_data, 1));
        t2 = tg.createTask(coro(aget_data, 2));
        return 'body';
      }),
    );
    assert.equal(value, 'body');
    assert.equal(t1?.result(), '1 s.');
    assert.equal(t2?.result(), '2 s.');
    const ratio = ms / (2 * msPerSecond);
    assert.ok(ratio >= 1 && ratio < 1.5, `took ${ratio.toFixed(2)}x the longest task`);
  });

  it('starts its tasks only once the body awaits or exits', async () => {
    let started = false;
    await taskGroup(async (tg) => {
      tg.createTask(async () => {
        started = true;
      });
      assert.equal(started, false);
    });
    assert.equal(started, true);
  });

  it('shows its done callback in a pending task repr, as asyncio does', async () => {
    await taskGroup(async (tg) => {
      const task = tg.createTask(coro(aget_data, 1), { name: 'Task-64' });
      assert.equal(
        String(task),
        "<Task pending name='Task-64' coro=<aget_data()> cb=[TaskGroup._on_task_done()]>",
      );
    });
  });

  it('cancels the siblings at the first error and throws TaskGroupError', async () => {
    let sibling: Task<string> | undefined;
    const { ms } = await timed(() =>
      assert.rejects(
        taskGroup(async (tg) => {
          tg.createTask(coro(fail, 1, 'boom'));
          sibling = tg.createTask(coro(aget_data, 10));
        }),
        (err) => {
          assert.ok(err instanceof TaskGroupError);
          assert.ok(err instanceof AggregateError);
          assert.deepEqual(
            err.errors.map((e: Error) => e.message),
            ['boom'],
          );
          return true;
        },
      ),
    );
    assert.equal(sibling?.cancelled(), true);
    assert.ok(ms < 5 * msPerSecond, 'the sibling was cancelled at once, not waited for');
  });

  it('cancels the body at the first error', async () => {
    let bodyCancelled = false;
    await assert.rejects(
      taskGroup(async (tg) => {
        tg.createTask(coro(fail, 1, 'boom'));
        try {
          await sleep(10);
        } catch (err) {
          bodyCancelled = err instanceof CancelledError;
          throw err;
        }
      }),
      TaskGroupError,
    );
    assert.equal(bodyCancelled, true);
  });

  it("holds every error, the body's own too", async () => {
    await assert.rejects(
      taskGroup(async (tg) => {
        tg.createTask(coro(fail, 1, 'child'));
        await sleep(0);
        throw new Error('body');
      }),
      (err: TaskGroupError) => {
        assert.deepEqual(
          err.errors.map((e: Error) => e.message),
          ['body'],
        );
        return true;
      },
    );
    await assert.rejects(
      taskGroup(async (tg) => {
        // Both fail on the same turn, so both fail before the abort can cancel either.
        tg.createTask(async () => {
          throw new Error('a');
        });
        tg.createTask(async () => {
          throw new Error('b');
        });
        await sleep(5).catch(() => {});
        throw new Error('body');
      }),
      (err: TaskGroupError) => {
        assert.deepEqual(
          err.errors.map((e: Error) => e.message),
          ['a', 'b', 'body'],
        );
        return true;
      },
    );
  });

  it('refuses createTask once it is shutting down', async () => {
    let refused: unknown;
    await assert.rejects(
      taskGroup(async (tg) => {
        tg.createTask(coro(fail, 0.5, 'boom'));
        await sleep(5).catch(() => {});
        try {
          tg.createTask(coro(aget_data, 1));
        } catch (err) {
          refused = err;
        }
      }),
      TaskGroupError,
    );
    assert.ok(refused instanceof InvalidStateError);
    assert.match((refused as Error).message, /shutting down/);
  });

  it('propagates a cancellation from outside as CancelledError and cancels its tasks', async () => {
    let child: Task<string> | undefined;
    const outer = createTask(() =>
      taskGroup(async (tg) => {
        child = tg.createTask(coro(aget_data, 10));
      }),
    );
    await sleep(1);
    outer.cancel();
    await assert.rejects(Promise.resolve(outer), CancelledError);
    assert.equal(child?.cancelled(), true);
  });
});
