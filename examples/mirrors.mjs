// The first answer of three mirrors (asyncio.wait with FIRST_COMPLETED): the fastest answers in
// 0.8 s and wins; wait() cancels nothing, so the two slower requests are still running and are
// cancelled by hand. They end at once: the whole thing takes 0.8 s, not the slowest's 2 s.
import { createTask, defineExperiment, FIRST_COMPLETED, sleep, wait } from 'asyncdemo';

const MIRRORS = [
  ['eu', 1.5],
  ['us', 0.8],
  ['asia', 2],
];

async function download(mirror, seconds) {
  await sleep(seconds);
  return `package from ${mirror}`;
}

export default defineExperiment({
  name: 'mirrors',
  title: 'the first answer of three mirrors (wait FIRST_COMPLETED)',
  notes: [
    'wait(tasks, { returnWhen: FIRST_COMPLETED }) returns as soon as one task is done: [done, pending].',
    'It cancels nothing: the pending requests keep running until cancelled by hand.',
    'Cancelled, they end at their next wait: the download takes the fastest mirror’s time.',
  ],
  async run(ctx) {
    const tasks = MIRRORS.map(([mirror, seconds]) =>
      createTask(() => download(mirror, seconds), { name: mirror }),
    );
    const [done, pending] = await ctx.measure('first', 0.8, () =>
      wait(tasks, { returnWhen: FIRST_COMPLETED }),
    );
    const [winner] = done;
    ctx.say(`${winner.result()} (${pending.size} still running)`);
    for (const task of pending) task.cancel();
    await ctx.measure('cancelled', 0, () => wait(pending));
    ctx.say(`cancelled: ${[...pending].map((t) => t.name).join(', ')}`);
    ctx.check({
      id: 'still-running',
      metric: 'requests still running when the first answered',
      expected: 2,
      actual: pending.size,
      unit: 'count',
    });
    ctx.check({
      id: 'all-cancelled',
      metric: 'the pending requests ended cancelled',
      expected: 1,
      actual: Number([...pending].every((t) => t.cancelled())),
      unit: 'bool',
    });
  },
});
