// A race start (asyncio.Barrier): three runners warm up for 0.5, 1 and 1.5 s, then wait at a
// Barrier(3). Nobody starts before the last one is at the line: all three pass it together at
// 1.5 s, each with its own index (asyncio's `async with barrier as index`), and finish their
// 1 s run at 2.5 s. Without the barrier the first would be done at 1.5 s.
import { Barrier, createTask, defineExperiment, gather, loopTime, sleep } from 'asyncdemo';

const WARM_UPS = [
  ['ana', 0.5],
  ['ben', 1],
  ['cho', 1.5],
];
const RUN = 1;

export default defineExperiment({
  name: 'barrier',
  title: 'a race start: three runners wait at a Barrier(3)',
  notes: [
    'Barrier(3).wait() blocks until three tasks wait at it, then lets all three through at once.',
    'Each gets its own index (0, 1, 2); the barrier is ready for the next round right away.',
    'The start is the slowest warm-up (1.5 s); the race ends 1 s later, at 2.5 s.',
  ],
  async run(ctx) {
    const line = new Barrier(WARM_UPS.length);
    const arrivals = [];
    const starts = [];
    const indices = [];
    async function runner(name, warmUp) {
      await sleep(warmUp);
      ctx.say(`${name} is at the line (${line.nWaiting + 1} of ${line.parties})`);
      arrivals.push(loopTime());
      await line.hold(async (index) => {
        starts.push(loopTime());
        indices.push(index);
      });
      await sleep(RUN);
      return name;
    }
    const runners = WARM_UPS.map(([name, warmUp]) =>
      createTask(() => runner(name, warmUp), { name }),
    );
    const finished = await ctx.measure('race', 1.5 + RUN, () => gather(...runners));
    ctx.say(`finished: ${finished.join(', ')}; indices ${[...indices].sort().join(', ')}`);
    ctx.check({
      id: 'one-start',
      // Not a tolerance around the first start: on a loaded machine the three steps after the
      // barrier can fall milliseconds apart, and at a small scale that is most of 0.05 s.
      metric: 'runners that started once all were at the line',
      expected: WARM_UPS.length,
      actual: starts.filter((t) => t >= Math.max(...arrivals)).length,
      unit: 'count',
    });
    ctx.check({
      id: 'own-index',
      metric: 'distinct indices handed out',
      expected: WARM_UPS.length,
      actual: new Set(indices).size,
      unit: 'count',
    });
  },
});
