// Bounded concurrency: ten waits of 1 s, at most three at a time (asyncio.Semaphore(3)).
// gather alone runs all ten at once: 1 s. Three at a time: ceil(10 / 3) = 4 rounds, 4 s.
import { coro, defineExperiment, gather, Semaphore, sleep } from 'asyncdemo';

async function fetch_one(sem, i) {
  return sem.hold(async () => {
    await sleep(1);
    return i;
  });
}

export default defineExperiment({
  name: 'bounded',
  title: 'ten waits of 1 s: all at once, then three at a time (Semaphore)',
  notes: [
    'gather starts every wait at once: ten waits of 1 s take 1 s.',
    'A Semaphore(3) lets three in at a time; the others wait in line, first come first served.',
    'Ten waits, three at a time: four rounds, 4 s. The limit protects a server, at a price.',
  ],
  options: {
    limit: {
      flags: '--limit <n>',
      description: 'how many at a time',
      defaultValue: '3',
      parse: (raw) => {
        const n = Number(raw);
        if (!Number.isInteger(n) || n < 1)
          throw new TypeError(`--limit must be a whole number ≥ 1, got '${raw}'`);
        return n;
      },
    },
  },
  async run(ctx, { limit }) {
    const all = await ctx.measure('gather', 1, () =>
      gather(...Array.from({ length: 10 }, () => () => sleep(1))),
    );
    ctx.say(`gather: ${all.length} waits done together`);
    const sem = new Semaphore(limit);
    const got = await ctx.measure('limited', Math.ceil(10 / limit), () =>
      gather(...Array.from({ length: 10 }, (_, i) => coro(fetch_one, sem, i))),
    );
    ctx.say(`Semaphore(${limit}): got ${got.join(', ')}, in order`);
    ctx.check({
      id: 'order',
      metric: 'results in the order the waits were given',
      expected: 1,
      actual: Number(got.every((v, i) => v === i)),
      unit: 'bool',
    });
  },
});
