/**
 * The programs on which the runtime used to end differently from CPython 3.11 (issue 9), each
 * with the outcome CPython gives (checked with python3 when the tests were written).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  blockingSleep,
  CancelledError,
  createTask,
  gather,
  run,
  setTimeScale,
  sleep,
  TaskGroupError,
  TimeoutError,
  taskGroup,
  timeout,
} from '../../src/runtime/index.js';
import { inTask } from '../helpers/cpython.js';

setTimeScale(1);

describe("asyncio's outcomes where the runtime once differed", () => {
  it('a task that finishes on the turn it is cancelled keeps its result; cancel() says false', () =>
    inTask(async () => {
      const b = createTask(async () => 'b');
      let returned: boolean | undefined;
      createTask(async () => {
        returned = b.cancel();
      });
      await sleep(0.01);
      assert.equal(b.result(), 'b');
      assert.equal(returned, false);
    }));

  it("a body that fails after a nested group's child failed: [group[inner], body], the inner task ran", () =>
    inTask(async () => {
      let innerRan = false;
      await assert.rejects(
        taskGroup(async (tg) => {
          tg.createTask(() =>
            taskGroup(async (tg2) => {
              tg2.createTask(async () => {
                innerRan = true;
                throw new Error('inner');
              });
            }),
          );
          await sleep(0);
          throw new Error('body');
        }),
        (err: TaskGroupError) => {
          const [group, body] = err.errors as [TaskGroupError, Error];
          assert.ok(group instanceof TaskGroupError);
          assert.deepEqual(
            group.errors.map((e: Error) => e.message),
            ['inner'],
          );
          assert.equal(body.message, 'body');
          return true;
        },
      );
      assert.ok(innerRan);
    }));

  it('two cancel() calls before the task resumes deliver one CancelledError', () =>
    inTask(async () => {
      let caught = 0;
      const t = createTask(async () => {
        for (let i = 0; i < 3; i++) {
          try {
            await sleep(0.01);
          } catch (err) {
            if (!(err instanceof CancelledError)) throw err;
            caught++;
          }
        }
        return 'done';
      });
      await sleep(0);
      t.cancel();
      t.cancel();
      assert.equal(await t, 'done');
      assert.equal(caught, 1);
    }));

  it('two nested timeouts around a body that catches the cancellation: the value comes back', () =>
    inTask(async () => {
      const value = await timeout(0.02, () =>
        timeout(0.02, async () => {
          try {
            await sleep(1);
          } catch (err) {
            if (!(err instanceof CancelledError)) throw err;
            return 'value';
          }
          return 'slept';
        }),
      );
      assert.equal(value, 'value');
    }));

  it('a group task created before the loop is blocked starts before the timeout fires', () =>
    inTask(async () => {
      const started: string[] = [];
      await assert.rejects(
        timeout(0.002, () =>
          taskGroup(async (tg) => {
            tg.createTask(async () => {
              started.push('kid');
            });
            blockingSleep(0.003);
            await sleep(1);
          }),
        ),
        TimeoutError,
      );
      assert.deepEqual(started, ['kid']);
    }));

  it('timeout(0) around a gather: the gathered coroutine never starts', () =>
    inTask(async () => {
      const started: string[] = [];
      createTask(async () => {});
      await assert.rejects(
        timeout(0, () =>
          gather(async () => {
            started.push('kid');
          }),
        ),
        TimeoutError,
      );
      assert.deepEqual(started, []);
    }));

  it('a child cleaning up after the first cancellation is not cancelled again when the body fails', () =>
    inTask(async () => {
      let cancels = 0;
      await assert.rejects(
        taskGroup(async (tg) => {
          tg.createTask(async () => {
            try {
              await sleep(1);
            } catch {
              cancels++;
              try {
                await sleep(0.02);
              } catch {
                cancels++;
              }
            }
          });
          tg.createTask(async () => {
            await sleep(0.01);
            throw new Error('child');
          });
          try {
            await sleep(1);
          } catch {
            throw new Error('body');
          }
        }),
        (err: TaskGroupError) => {
          assert.deepEqual(err.errors.map((e: Error) => e.message).sort(), ['body', 'child']);
          return true;
        },
      );
      assert.equal(cancels, 1);
    }));

  it("run(): a task that main's last step woke with its result finishes before the shutdown cancels", async () => {
    // asyncio.run stops the loop from a done callback of main, once that turn has run all it
    // took: c0's gather of two failing children is done by then, and c0 prints 'c0 got 2'.
    const lines: string[] = [];
    const failing = async () => {
      throw new Error('c1');
    };
    const c0 = async () => {
      try {
        const results = await gather(failing, failing, { returnExceptions: true });
        lines.push(`c0 got ${results.length}`);
      } catch (err) {
        lines.push(`c0 raised ${(err as Error).name}`);
        throw err;
      }
    };
    await run(async () => {
      await assert.rejects(gather(failing, c0, failing), /c1/);
      lines.push('main end');
    });
    assert.deepEqual(lines, ['main end', 'c0 got 2']);
  });
});
