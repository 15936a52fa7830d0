/**
 * CPython 3.11's test_runners.py, RunnerTests: `asyncio.Runner`, ported test by test (same
 * names, same assertions). Its `run` returns a promise here, and `with Runner() as runner` is a
 * `try`/`finally` around `close()`. Not ported: `get_loop()` and `loop_factory` (there is one
 * loop, Node's), the never-awaited warning of test_recursive_run (a coroutine here is a lazy
 * function: nothing is left un-awaited); the interrupt tests are run.cpython.test.ts's, `run`
 * being a Runner's one run.
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  ContextVar,
  copyContext,
  createTask,
  type ExceptionContext,
  Future,
  getDebug,
  InvalidStateError,
  Runner,
  setExceptionHandler,
  sleep,
} from '../../src/runtime/index.js';
import { useCPythonScale, ValueError } from '../helpers/cpython.js';

useCPythonScale();
afterEach(() => setExceptionHandler(null));

/** `with asyncio.Runner(...) as runner:` */
async function withRunner<T>(runner: Runner, body: (runner: Runner) => Promise<T>): Promise<T> {
  try {
    return await body(runner);
  } finally {
    await runner.close();
  }
}

describe('CPython test_runners: RunnerTests', () => {
  it('test_non_debug', () =>
    withRunner(new Runner({ debug: false }), async (runner) => {
      assert.equal(await runner.run(async () => getDebug()), false);
    }));

  it('test_debug', () =>
    withRunner(new Runner({ debug: true }), async (runner) => {
      assert.equal(await runner.run(async () => getDebug()), true);
    }));

  it('puts the debug setting back when closed', async () => {
    await withRunner(new Runner({ debug: true }), (runner) => runner.run(async () => {}));
    assert.equal(getDebug(), false);
  });

  it('test_run', async () => {
    const f = async () => {
      await sleep(0);
      return 'done';
    };
    const runner = new Runner();
    await withRunner(runner, async () => {
      assert.equal(await runner.run(f), 'done');
    });
    await assert.rejects(runner.run(f), { name: 'InvalidStateError', message: 'Runner is closed' });
  });

  it("does not report a run's own error: run() throws it, and the next run goes on", async () => {
    const calls: ExceptionContext[] = [];
    setExceptionHandler((context) => calls.push(context));
    await withRunner(new Runner(), async (runner) => {
      await assert.rejects(
        runner.run(async () => {
          await sleep(0);
          throw new ValueError('main failed');
        }),
        ValueError,
      );
      assert.equal(await runner.run(async () => 'next'), 'next');
    });
    assert.deepEqual(calls, []);
  });

  it('test_run_non_coro', () =>
    withRunner(new Runner(), async (runner) => {
      await assert.rejects(runner.run(123 as never), {
        name: 'TypeError',
        message: /a coroutine was expected/,
      });
    }));

  it('test_run_future', () =>
    withRunner(new Runner(), async (runner) => {
      await assert.rejects(runner.run(new Future() as never), {
        name: 'TypeError',
        message: /a coroutine was expected/,
      });
    }));

  it('test_explicit_close', async () => {
    const runner = new Runner();
    await runner.run(async () => {});
    await runner.close();
    await assert.rejects(
      runner.run(async () => {}),
      /Runner is closed/,
    );
  });

  it('test_double_close', async () => {
    const runner = new Runner();
    await runner.run(async () => {});
    await runner.close();
    await runner.close(); // the second call is no-op
    await assert.rejects(
      runner.run(async () => {}),
      /Runner is closed/,
    );
  });

  it('leaves a runner that never ran usable when closed, as asyncio does', async () => {
    const runner = new Runner();
    await runner.close();
    await withRunner(runner, async () => {
      assert.equal(await runner.run(async () => 'ran'), 'ran');
    });
  });

  it('test_second_with_block_raises', async () => {
    const ret: number[] = [];
    const f = async (arg: number) => {
      ret.push(arg);
    };
    const runner = new Runner();
    await withRunner(runner, () => runner.run(() => f(1)));
    await assert.rejects(
      withRunner(runner, () => runner.run(() => f(2))),
      /Runner is closed/,
    );
    assert.deepEqual(ret, [1]);
  });

  it('test_run_keeps_context', () => {
    const cvar = new ContextVar('cvar', { default: -1 });
    const f = async (val: number) => {
      const old = cvar.get();
      await sleep(0);
      cvar.set(val);
      return old;
    };
    return withRunner(new Runner(), async (runner) => {
      assert.equal(await runner.run(() => f(1)), -1);
      assert.equal(await runner.run(() => f(2)), 1);
      assert.equal((await runner.run(async () => copyContext())).get(cvar), 2);
    });
  });

  it('keeps the context a variable made in an earlier run was set in', () =>
    withRunner(new Runner(), async (runner) => {
      let cvar: ContextVar<number> | undefined;
      await runner.run(async () => {
        cvar = new ContextVar('late', { default: -1 });
        cvar.set(7);
      });
      assert.equal(await runner.run(async () => cvar?.get()), 7);
    }));

  it('test_recursive_run', () =>
    withRunner(new Runner(), async (runner) => {
      const g = async () => {};
      const f = async () => runner.run(g);
      await assert.rejects(runner.run(f), {
        name: 'InvalidStateError',
        message: 'Runner.run() cannot be called from a running event loop',
      });
    }));

  it('cancels the tasks left pending when closed, not between runs', async () => {
    let left: ReturnType<typeof createTask> | undefined;
    await withRunner(new Runner(), async (runner) => {
      await runner.run(async () => {
        left = createTask(() => sleep(3600));
      });
      assert.equal(left?.done(), false);
      await runner.run(async () => sleep(0));
      assert.equal(left?.done(), false);
    });
    assert.equal(left?.cancelled(), true);
  });

  it('refuses a run while another runner runs', async () => {
    const other = new Runner();
    await withRunner(new Runner(), (runner) =>
      runner.run(async () => {
        await assert.rejects(
          other.run(async () => {}),
          InvalidStateError,
        );
      }),
    );
    await other.close();
  });
});
