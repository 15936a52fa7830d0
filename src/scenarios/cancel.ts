/**
 * The notebook's "cancelling a task" cell: a task prints every second; after 3 s it is cancelled,
 * and awaiting it raises CancelledError.
 *
 * @module
 */
import { coro, createTask, isCancelled, sleep } from '../runtime/index.js';
import { secondsOption } from './common-options.js';
import { defineExperiment } from './define.js';
import type { ScenarioContext } from './types.js';

async function some_task(ctx: ScenarioContext, every: number): Promise<never> {
  for (;;) {
    await sleep(every);
    ctx.say(ctx.text.taskRunning);
  }
}

/** `asyncdemo cancel`: cancel a running task and see CancelledError. */
export const cancelScenario = defineExperiment({
  name: 'cancel',
  title: 'cancelling a task',
  options: {
    after: secondsOption('after', 'when to cancel the task', '3'),
    every: secondsOption('every', 'how often the task prints', '1'),
  },
  async run(ctx, options) {
    const { after, every } = options;
    const total = ctx.stopwatch();
    const task0 = createTask(coro(some_task, ctx, every));
    let outcome = 'ok';
    let totalMs = Number.NaN;
    try {
      await sleep(after);
      const cancelling = ctx.stopwatch();
      task0.cancel();
      try {
        await task0;
      } catch (err) {
        if (!isCancelled(err)) throw err;
        ctx.say(ctx.text.taskCancelled);
        outcome = err.name;
      }
      ctx.record('cancel', cancelling(), 0);
      totalMs = total();
      ctx.record('total', totalMs, ctx.ms(after));
    } finally {
      task0.cancel(); // interrupted before the cancel: do not leave it printing
    }
    const running = ctx.text.taskRunning;
    const printed = ctx.transcript.filter((line) => line.text === running).length;
    // A print due at the very moment of the cancel loses the race, as in asyncio: its timer
    // started later (the task starts a turn after main's sleep) and drifts with each round.
    const expected = Math.ceil(after / every - 1e-9) - 1;
    ctx.check({
      id: 'cancel.lines-before-cancel',
      metric: "'task is running...' lines before the cancel",
      expected,
      actual: printed,
      unit: 'count',
    });
    ctx.check({
      id: 'cancel.total',
      metric: 'wall time to the cancel',
      expected: ctx.ms(after),
      actual: totalMs,
      unit: 'ms',
    });
    return outcome;
  },
});
