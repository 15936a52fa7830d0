/**
 * `run`: CPython 3.11's test_runners.py, what `asyncio.run` covers (RunTests), and Runner's
 * Ctrl+C tests, each in a child process that sends itself SIGINT as `interrupt_self()` does.
 * Not ported: the loop-policy and task-factory tests (one loop here, no factory), the async
 * generator ones (no async generators in the runtime). `test_run_keeps_context` gives its runs
 * one Context, as a Runner's (`run(main, { context })`).
 */
import assert from 'node:assert/strict';
import { afterEach, describe, it } from 'node:test';
import {
  CancelledError,
  ContextVar,
  copyContext,
  coro,
  createTask,
  type ExceptionContext,
  Future,
  getDebug,
  InvalidStateError,
  run,
  setDebug,
  setExceptionHandler,
  sleep,
  type Task,
} from '../../src/runtime/index.js';
import { useCPythonScale, ValueError, ZeroDivisionError } from '../helpers/cpython.js';
import { runScript } from '../helpers/spawn.js';

useCPythonScale();
afterEach(() => setExceptionHandler(null));

describe('CPython test_runners: RunTests', () => {
  it('test_asyncio_run_return', async () => {
    const main = async () => {
      await sleep(0);
      return 42;
    };
    assert.equal(await run(main), 42);
  });

  it('test_asyncio_run_raises', async () => {
    const main = async () => {
      await sleep(0);
      throw new ValueError('spam');
    };
    await assert.rejects(run(main), { name: 'ValueError', message: 'spam' });
  });

  it('test_asyncio_run_only_coro', async () => {
    for (const o of [1, {}]) {
      await assert.rejects(run(o as never), {
        name: 'TypeError',
        message: /a coroutine was expected/,
      });
    }
  });

  it('test_run_future (asyncio.run raises TypeError where Runner.run raises ValueError)', async () => {
    const fut = new Future();
    await assert.rejects(run(fut as never), {
      name: 'TypeError',
      message: /a coroutine was expected, got <Future pending>/,
    });
  });

  it('test_asyncio_run_debug', async () => {
    const seen: boolean[] = [];
    const main = async () => {
      seen.push(getDebug());
    };
    await run(main, { debug: false });
    await run(main, { debug: true });
    setDebug(true); // the environment's default (ASYNCDEMO_DEBUG=1)
    try {
      await run(main);
      await run(main, { debug: false });
    } finally {
      setDebug(false);
    }
    await run(main, { debug: true });
    await run(main);
    assert.deepEqual(seen, [false, true, true, false, true, false]);
  });

  it('test_run_keeps_context', async () => {
    const cvar = new ContextVar('cvar', { default: -1 });
    const f = async (val: number) => {
      const old = cvar.get();
      await sleep(0);
      cvar.set(val);
      return old;
    };
    const context = copyContext(); // the Runner's
    assert.equal(await run(() => f(1), { context }), -1);
    assert.equal(await run(() => f(2), { context }), 1);
    assert.equal((await run(async () => copyContext(), { context })).get(cvar), 2);
  });

  it('test_asyncio_run_from_running_loop', async () => {
    const main = async (): Promise<void> => {
      await run(main);
    };
    await assert.rejects(run(main), {
      name: 'InvalidStateError',
      message: /cannot be called from a running/,
    });
  });

  it('refuses a second run while one is running, even from outside any task', async () => {
    const first = run(() => sleep(0.1));
    await assert.rejects(
      run(async () => 1),
      InvalidStateError,
    );
    await first;
  });

  it('test_asyncio_run_cancels_hanging_tasks', async () => {
    let leftover: Task<void> | undefined;
    const main = async () => {
      leftover = createTask(coro(sleep, 0.1));
      return 123;
    };
    assert.equal(await run(main), 123);
    assert.ok(leftover?.done());
    assert.ok(leftover?.cancelled());
  });

  it('test_asyncio_run_reports_hanging_tasks_errors', async () => {
    const calls: ExceptionContext[] = [];
    let leftover: Task<void> | undefined;
    const leftoverBody = async function leftover() {
      try {
        await sleep(0.1);
      } catch (err) {
        if (err instanceof CancelledError) throw new ZeroDivisionError('division by zero');
        throw err;
      }
    };
    const main = async () => {
      setExceptionHandler((context) => calls.push(context));
      leftover = createTask(leftoverBody);
      return 123;
    };
    assert.equal(await run(main), 123);
    assert.ok(leftover?.done());
    assert.equal(calls.length, 1);
    assert.match(calls[0]?.message ?? '', /run\(\).*shutdown/);
    assert.equal(calls[0]?.task, leftover);
    assert.ok(calls[0]?.exception instanceof ZeroDivisionError);
  });

  it('test_asyncio_run_closes_gens_after_hanging_tasks_errors (the hanging task part)', async () => {
    class FancyExit extends Error {
      override name = 'FancyExit';
    }
    let lazyboy: Task<void> | undefined;
    const spin = async () => {
      try {
        for (;;) await sleep(1);
      } catch (err) {
        if (err instanceof CancelledError) throw new ZeroDivisionError('division by zero');
      }
    };
    const main = async () => {
      setExceptionHandler(() => {});
      lazyboy = createTask(spin);
      await sleep(0);
      throw new FancyExit();
    };
    await assert.rejects(run(main), FancyExit);
    assert.ok(lazyboy?.done());
  });

  it('reports the failed tasks nobody awaited, as closing the loop does', async () => {
    const calls: ExceptionContext[] = [];
    const main = async () => {
      setExceptionHandler((context) => calls.push(context));
      createTask(async function fails() {
        throw new ValueError('lost');
      });
      await sleep(0.01);
    };
    await run(main);
    assert.deepEqual(
      calls.map((c) => c.message),
      ['Task exception was never retrieved'],
    );
  });

  it('reports them when main ends, before the tasks left are cancelled, as CPython does', async () => {
    // CPython reports a failed task when it is freed: for one that main's frame held (or that
    // nobody held), by the time main has returned, before asyncio.run cancels what is left.
    const seen: string[] = [];
    const main = async () => {
      setExceptionHandler((context) => seen.push(context.message));
      createTask(async function leftover() {
        try {
          await sleep(10);
        } finally {
          seen.push('leftover cancelled');
        }
      });
      createTask(async function fails() {
        throw new ValueError('lost');
      });
      await sleep(0.01);
    };
    await run(main);
    assert.deepEqual(seen, ['Task exception was never retrieved', 'leftover cancelled']);
  });

  it("does not report main's own error: run() throws it, as run_until_complete reads its result", async () => {
    // CPython prints nothing for `asyncio.run(main())` whose main raises, but the traceback.
    const calls: ExceptionContext[] = [];
    for (const main of [
      async () => {
        setExceptionHandler((context) => calls.push(context));
        throw new ValueError('at once');
      },
      async () => {
        setExceptionHandler((context) => calls.push(context));
        await sleep(0.01);
        throw new ValueError('after a sleep');
      },
    ]) {
      await assert.rejects(run(main), ValueError);
    }
    assert.deepEqual(calls, []);
  });
});

/** Runs `body` (a script with `rt`, the runtime) and returns what it printed, or its error. */
async function interrupted(body: string): Promise<string> {
  const result = await runScript(body);
  assert.equal(result.stderr, '');
  return result.stdout.trim();
}

const INTERRUPT_SELF = "const interruptSelf = () => process.kill(process.pid, 'SIGINT');";

describe('CPython test_runners: RunnerTests, interrupted (Ctrl+C)', () => {
  it('test_interrupt_call_soon', async () => {
    const out = await interrupted(`${INTERRUPT_SELF}
      let cancelledInside = false;
      async function body() {
        try { for (;;) await rt.sleep(0); }
        catch (err) { cancelledInside = err instanceof rt.CancelledError; }
        throw new rt.CancelledError();
      }
      rt.callLater(0.1, interruptSelf);
      try { await rt.run(body); console.log('returned'); }
      catch (err) { console.log(err.name, cancelledInside); }`);
    assert.equal(out, 'KeyboardInterrupt true');
  });

  it('test_interrupt_wait', async () => {
    const out = await interrupted(`${INTERRUPT_SELF}
      // Node ends a process that has nothing left to wait for (asyncio's loop would block): this
      // timer stands for the select that waits for the signal.
      const keepAlive = setTimeout(() => {}, 5000);
      const fut = new rt.Future();
      async function body() {
        try { await fut; } catch (err) { if (!(err instanceof rt.CancelledError)) throw err; }
        throw new rt.CancelledError();
      }
      rt.callLater(0.1, interruptSelf);
      try { await rt.run(body); } catch (err) { console.log(err.name, fut.cancelled()); }
      clearTimeout(keepAlive);`);
    assert.equal(out, 'KeyboardInterrupt true');
  });

  it('test_interrupt_cancelled_task', async () => {
    const out = await interrupted(`${INTERRUPT_SELF}
      async function subtask(task) { await rt.sleep(0); task.cancel(); interruptSelf(); }
      async function body() {
        const me = rt.currentTask();
        rt.createTask(() => subtask(me));
        await rt.sleep(10);
      }
      try { await rt.run(body); } catch (err) { console.log(err.name); }`);
    assert.equal(out, 'CancelledError');
  });

  it('leaves a program that listens for SIGINT itself its own handler', async () => {
    const out = await interrupted(`${INTERRUPT_SELF}
      process.once('SIGINT', () => console.log('own handler'));
      rt.callLater(0.05, interruptSelf);
      console.log(await rt.run(async () => { await rt.sleep(0.2); return 'finished'; }));`);
    assert.equal(out, 'own handler\nfinished');
  });

  it('withdraws its handler when the run ends: the next Ctrl+C ends the process', async () => {
    const result = await runScript(`
      await rt.run(async () => rt.sleep(0));
      console.log(process.listenerCount('SIGINT'));`);
    assert.equal(result.stdout.trim(), '0');
  });
});

describe('run: what Future tests need', () => {
  it('a future main awaits is cancelled with it by the shutdown', async () => {
    const fut = new Future<void>();
    const main = async () => {
      createTask(async () => fut);
      return 'done';
    };
    assert.equal(await run(main), 'done');
    assert.ok(fut.cancelled());
  });
});
