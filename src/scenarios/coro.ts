/**
 * The notebook's "coro vs Task" cells: a coroutine runs only when awaited or wrapped in a Task.
 * On Node a plain `async` call is eager, so the lazy `Coro` is shown next to it.
 *
 * @module
 */
import { coro, createTask, pyRepr, sleep } from '../runtime/index.js';
import { defineExperiment } from './define.js';

/** `asyncdemo coro`: eager async call vs lazy Coro vs Task. */
export const coroScenario = defineExperiment({
  name: 'coro',
  title: 'coroutine vs Task',
  options: {},
  async run(ctx) {
    let eagerRan = false;
    const eager = async () => {
      eagerRan = true;
    };
    const pending = eager();
    if (eagerRan) ctx.say(ctx.text.eagerCall);
    await pending;

    let lazyRan = false;
    // The notebook's `async def async_coro(): return None`.
    const c = coro(async function async_coro(): Promise<undefined> {
      lazyRan = true;
      return undefined;
    });
    const lazyBeforeAwait = lazyRan;
    if (!lazyRan) ctx.say(ctx.text.lazyCoro);
    ctx.say(ctx.text.awaitedCoro(pyRepr(await c())));

    const task = createTask(c);
    ctx.say(ctx.text.taskCreated(String(task)));
    const turn = ctx.stopwatch();
    await sleep(0);
    ctx.record('sleep(0)', turn(), 0);
    ctx.say(ctx.text.taskAfterSleep0(String(task)));
    ctx.say(ctx.text.taskResult(pyRepr(task.result())));

    ctx.check({
      id: 'coro.eager-call-runs-at-once',
      metric: 'a plain async call ran before its first await',
      expected: 1,
      actual: Number(eagerRan),
      unit: 'bool',
    });
    ctx.check({
      id: 'coro.lazy-coro-waits',
      metric: 'a Coro ran only when awaited',
      expected: 0,
      actual: Number(lazyBeforeAwait),
      unit: 'bool',
    });
    ctx.check({
      id: 'coro.task-done-after-sleep0',
      metric: 'a new task is done after one sleep(0)',
      expected: 1,
      actual: Number(task.done()),
      unit: 'bool',
    });
    return 'ok';
  },
});
