/**
 * The notebook's TaskGroup cell: two tasks of 1 and 2 s in a group take 2 s; the group waits for
 * both. `--fail N` makes task N raise, which cancels its sibling and ends in TaskGroupError.
 *
 * @module
 */

import { parseInteger } from '../options/parse.js';
import { coro, sleep, type Task, TaskGroupError, taskGroup } from '../runtime/index.js';
import { defineExperiment } from './define.js';

const SLEEPS = [1, 2];

/** The notebook's `aget_data`, which raises instead of returning when told to. */
async function aget_data(seconds: number, raise: boolean): Promise<string> {
  await sleep(seconds);
  if (raise) throw new Error(`aget_data(${seconds}) failed`);
  return `${seconds} s.`;
}

/** `asyncdemo taskgroup`: structured concurrency, and what one failure does to the group. */
export const taskGroupScenario = defineExperiment({
  name: 'taskgroup',
  title: 'TaskGroup, structured concurrency',
  options: {
    fail: {
      flags: '--fail <n>',
      description: `make task n (1 or ${SLEEPS.length}) raise; 0 = none`,
      defaultValue: '0',
      parse: (raw: string) => parseInteger('--fail', raw, 0, SLEEPS.length),
    },
  },
  async run(ctx, options) {
    const { fail } = options;
    const total = ctx.stopwatch();
    const tasks: Task<string>[] = [];
    ctx.say(ctx.text.groupStarting);
    try {
      await taskGroup(async (tg) => {
        SLEEPS.forEach((seconds, i) => {
          const task = tg.createTask(coro(aget_data, seconds, fail === i + 1));
          ctx.say(ctx.text.groupTaskAdded(String(task)));
          tasks.push(task);
        });
      });
    } catch (err) {
      if (!(err instanceof TaskGroupError)) throw err;
      const failedAfter = SLEEPS[fail - 1] ?? 0;
      const totalMs = total();
      ctx.record('total', totalMs, ctx.ms(failedAfter));
      ctx.say(ctx.text.groupFailed(err.message));
      for (const e of err.errors as Error[])
        ctx.say(ctx.text.groupTaskEnded(`${e.name}: ${e.message}`));
      for (const task of tasks) ctx.say(ctx.text.groupTaskEnded(String(task)));
      const siblingsCancelled = tasks.filter((t) => t.cancelled()).length;
      const stillRunningAtFailure = SLEEPS.filter((s) => s > failedAfter).length;
      ctx.check({
        id: 'taskgroup.siblings-cancelled',
        metric: 'siblings cancelled by the failure',
        expected: stillRunningAtFailure,
        actual: siblingsCancelled,
        unit: 'count',
      });
      ctx.check({
        id: 'taskgroup.fails-at-once',
        metric: 'wall time to the TaskGroupError',
        expected: ctx.ms(failedAfter),
        actual: totalMs,
        unit: 'ms',
      });
      return err.name;
    }
    const totalMs = total();
    const ideal = ctx.ms(Math.max(...SLEEPS));
    ctx.record('total', totalMs, ideal);
    ctx.say(ctx.text.groupDone);
    ctx.say(ctx.text.runTime('async', totalMs / 1000));
    for (const task of tasks) ctx.say(task.result());
    ctx.check({
      id: 'taskgroup.concurrent',
      metric: 'wall time of the group',
      expected: ideal,
      actual: totalMs,
      unit: 'ms',
    });
    return 'ok';
  },
});
