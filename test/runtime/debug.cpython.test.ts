/**
 * Debug mode: CPython 3.11's test_base_events.py `test_log_slow_callbacks`, test_tasks.py
 * `test_log_destroyed_pending_task` and `test_env_var_debug`, and the coroutine never awaited
 * (test_runners.py `test_recursive_run` expects its warning), with `setExceptionHandler`
 * standing in for the mocked logger.
 */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it } from 'node:test';
import {
  allTasks,
  blockingSleep,
  callSoon,
  coro,
  createTask,
  Future,
  run,
  setDebug,
  setSlowCallbackDuration,
  sleep,
} from '../../src/runtime/index.js';
import { useCPythonScale } from '../helpers/cpython.js';
import { collectUntil } from '../helpers/gc.js';
import { catchReports } from '../helpers/reports.js';
import { RUNTIME_URL, runNode } from '../helpers/spawn.js';

useCPythonScale();

const reports = catchReports();
beforeEach(() => setDebug(true));
afterEach(async () => {
  setDebug(false);
  setSlowCallbackDuration(0.1);
  // The callback that ended the test (a task's end settling the test's await) is timed until the
  // microtasks after it settle, and the next test begins in those: under load, its own short
  // slow-callback duration then judged this callback. A macrotask ends the timing here.
  await new Promise((resolve) => setImmediate(resolve));
});

const messages = () => reports.list.map((context) => context.message);

describe('CPython: debug mode', () => {
  it('test_log_slow_callbacks', async () => {
    setSlowCallbackDuration(0);
    const stopped = new Future<void>();
    callSoon(function stop_loop_cb() {
      stopped.setResult();
    });
    await stopped;
    assert.match(messages().join('\n'), /^Executing <Handle .*stop_loop_cb.*> took .* seconds$/m);
    reports.list = [];
    await createTask(async function stop_loop_coro() {});
    assert.match(messages().join('\n'), /^Executing <Task.*stop_loop_coro.*> took .* seconds$/m);
  });

  it('reports a step that holds the loop longer than the slow-callback duration, with how long', async () => {
    setSlowCallbackDuration(0.03); // seconds on the wall clock; 0.5 notebook s here is 50 ms
    await createTask(async function busy() {
      await sleep(0);
      blockingSleep(0.5);
      await sleep(0.01);
    });
    assert.equal(reports.list.length, 1, messages().join('\n'));
    const [, seconds] = /took (\d+\.\d{3}) seconds$/.exec(messages()[0] ?? '') ?? [];
    assert.ok(Number(seconds) >= 0.05 && Number(seconds) < 0.2, messages()[0]);
    assert.match(messages()[0] ?? '', /^Executing <Task pending name='Task-\d+' coro=<busy\(\)>/);
  });

  it('reports nothing when debug mode is off', async () => {
    setDebug(false);
    setSlowCallbackDuration(0.01);
    await createTask(async () => blockingSleep(0.5));
    assert.deepEqual(reports.list, []);
  });

  it('test_log_destroyed_pending_task', async () => {
    (() => {
      const task = createTask(async function kill_me() {
        await new Future(); // its only reference is the task's wake-up in the future
        throw new Error('code never reached');
      });
      assert.deepEqual([...allTasks()], [task]);
    })();
    await sleep(0); // the task runs, and waits for the future
    const destroyed = () => messages().includes('Task was destroyed but it is pending!');
    assert.ok(await collectUntil(destroyed), 'the pending task was never reports.list');
    assert.equal(allTasks().size, 0);
    const context = reports.list.find((c) => c.message === 'Task was destroyed but it is pending!');
    assert.match(String(context?.task), /^<Task pending name='Task-\d+' coro=<kill_me\(\)>>$/);
  });

  it('reports a coroutine that was made and never awaited, with where it was made', async () => {
    (() => {
      coro(async function never_awaited() {});
    })();
    const reportedIt = () => messages().includes("coroutine 'never_awaited' was never awaited");
    assert.ok(await collectUntil(reportedIt), 'never reports.list');
    const context = reports.list.find((c) => c.message.startsWith('coroutine'));
    assert.match(context?.sourceTraceback ?? '', /debug\.cpython\.test/);
  });

  it('does not report coroutines that were awaited, scheduled, or scheduled and cancelled', async () => {
    const body = async function used() {};
    await coro(body)();
    await createTask(coro(body));
    createTask(coro(body)).cancel();
    await sleep(0);
    (() => coro(async function canary() {}))();
    const canary = () => messages().includes("coroutine 'canary' was never awaited");
    assert.ok(await collectUntil(canary), 'the collector never ran the finalizers');
    assert.deepEqual(messages(), ["coroutine 'canary' was never awaited"]);
  });

  it('test_recursive_run: refused, and the coroutine it was given is reports.list', async () => {
    const g = async function g() {};
    const f = async () => {
      await run(coro(g));
    };
    await assert.rejects(run(f), { message: /cannot be called from a running event loop/ });
    const warned = () => messages().includes("coroutine 'g' was never awaited");
    assert.ok(await collectUntil(warned), 'never reports.list');
  });

  it('test_env_var_debug', async () => {
    const debugWith = async (value: string | undefined) => {
      const source = `import * as rt from ${JSON.stringify(RUNTIME_URL)}; console.log(rt.getDebug());`;
      const env = { ...process.env };
      delete env.ASYNCDEMO_DEBUG;
      if (value !== undefined) env.ASYNCDEMO_DEBUG = value;
      const result = await runNode(['--input-type=module', '-e', source], { env });
      return result.stdout.trim();
    };
    assert.equal(await debugWith(undefined), 'false');
    assert.equal(await debugWith(''), 'false');
    assert.equal(await debugWith('0'), 'false');
    assert.equal(await debugWith('1'), 'true');
  });
});
