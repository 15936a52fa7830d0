// A crawl: twelve pages from a local server, four at a time, each given up after 1.5 s
// (asyncio.wait_for). One page takes 2 s: wait_for cancels its fetch at 1.5 s and the slot goes
// to the next page. Through withAbortSignal the cancel aborts the request at once: 2.5 s.
// With --bare, a plain fetch the runtime cannot interrupt: the cancel waits for the answer at
// 2 s, the last page starts 0.5 s late, and the run says so.
import { createServer } from 'node:http';
import {
  defineExperiment,
  gather,
  Semaphore,
  secondsToMs,
  TimeoutError,
  waitFor,
  withAbortSignal,
} from 'asyncdemo';

/** Each page's delay, in seconds: the fourth is the slow one. */
const DELAYS = [0.5, 0.5, 0.5, 2, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1];
const AT_A_TIME = 4;
const LIMIT = 1.5;

/** The crawl's ideal time: each page takes a free slot in turn, for its delay or the limit. */
function idealSeconds() {
  const slots = Array.from({ length: AT_A_TIME }, () => 0);
  for (const delay of DELAYS) {
    slots.sort((a, b) => a - b);
    slots[0] += Math.min(delay, LIMIT);
  }
  return Math.max(...slots);
}

/** `GET /page/N` answers after page N's delay (scaled); a client that goes away stops it. */
async function startServer() {
  const server = createServer((req, res) => {
    const n = Number(/^\/page\/(\d+)$/.exec(req.url ?? '')?.[1] ?? Number.NaN);
    const delay = DELAYS[n] ?? 0;
    const timer = setTimeout(() => res.end(`page ${n}`), secondsToMs(delay));
    res.on('close', () => clearTimeout(timer));
  });
  // Awaited as a runtime wait: the task stays cancellable after it.
  await withAbortSignal(() => new Promise((resolve) => server.listen(0, '127.0.0.1', resolve)));
  return server;
}

export default defineExperiment({
  name: 'crawl',
  title: 'twelve pages, four at a time, each given up after 1.5 s (wait_for)',
  notes: [
    'Four at a time (a Semaphore), each page under waitFor(…, 1.5): the 2 s page is given up at 1.5 s.',
    'withAbortSignal hands fetch a signal that the cancel aborts: the slot is free at 1.5 s.',
    'A bare fetch is a promise the runtime cannot interrupt: try --bare, and see the warning.',
  ],
  options: {
    bare: {
      flags: '--bare',
      description: 'fetch without withAbortSignal (the cancel waits for the answer)',
      defaultValue: 'false',
      parse: (raw) => raw === true || raw === 'true',
    },
  },
  async run(ctx, { bare }) {
    const server = await startServer();
    try {
      const { port } = server.address();
      const url = (n) => `http://127.0.0.1:${port}/page/${n}`;
      // Loads and warms up fetch before the clock starts.
      await withAbortSignal((signal) => fetch(url('warm'), { signal }).then((r) => r.text()));
      const get = bare
        ? (n) => waitFor(async () => (await fetch(url(n))).text(), LIMIT)
        : (n) =>
            waitFor(
              () => withAbortSignal(async (signal) => (await fetch(url(n), { signal })).text()),
              LIMIT,
            );
      const slots = new Semaphore(AT_A_TIME);
      const crawlOne = (n) =>
        slots.hold(() =>
          get(n).catch((err) => {
            if (err instanceof TimeoutError) return 'gave up';
            throw err;
          }),
        );
      const pages = await ctx.measure('crawl', idealSeconds(), () =>
        gather(...DELAYS.map((_, n) => () => crawlOne(n))),
      );
      ctx.say(
        `${pages.filter((p) => p !== 'gave up').length} pages, ${pages.length - pages.filter((p) => p !== 'gave up').length} given up at ${LIMIT} s`,
      );
      ctx.check({
        id: 'given-up',
        metric: 'pages given up at the limit',
        expected: DELAYS.filter((d) => d > LIMIT).length,
        actual: pages.filter((p) => p === 'gave up').length,
        unit: 'count',
      });
    } finally {
      server.closeAllConnections();
      await withAbortSignal(() => new Promise((resolve) => server.close(resolve)));
    }
  },
});
