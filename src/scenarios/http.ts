/**
 * The notebook's I/O contrast on real sockets: `GET /delay/1`, `/2`, `/3` from a local server,
 * one after another (6 s) and with `gather` (3 s). `--limit` puts each run under a timeout that
 * aborts the requests in flight; the server counts them.
 *
 * @module
 */
import {
  coro,
  gather,
  pyRepr,
  sleep,
  TimeoutError,
  timeout,
  withAbortSignal,
} from '../runtime/index.js';
import { modeOption, sleepsOption } from './common-options.js';
import { type DelayServer, startDelayServer } from './delay-server.js';
import { parseSeconds } from './parse.js';
import type { Scenario, ScenarioContext } from './types.js';
import { UsageError } from './usage-error.js';

/** The ways to run the requests. */
export const HTTP_MODES = ['sequential', 'async'] as const;
type Mode = (typeof HTTP_MODES)[number];

/** `aget_data` over HTTP: fetch `/delay/S`, abortable by the task's cancellation. */
async function fetch_data(
  ctx: ScenarioContext,
  template: string,
  seconds: number,
): Promise<string> {
  const url = template.replace('{s}', String(seconds));
  const started = ctx.stopwatch();
  const body = await withAbortSignal(async (signal) => {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
    return response.text();
  });
  ctx.say(ctx.text.httpAnswer(new URL(url).pathname, pyRepr(body), started() / 1000));
  return body;
}

async function runMode(
  ctx: ScenarioContext,
  mode: Mode,
  template: string,
  sleeps: number[],
): Promise<string[]> {
  const calls = sleeps.map((seconds) => coro(fetch_data, ctx, template, seconds));
  if (mode === 'async') return await gather(...calls);
  const data: string[] = [];
  for (const call of calls) data.push(await call());
  return data;
}

/** Gives the server a few turns to see the aborted sockets close. */
async function settleServer(server: DelayServer, expected: number): Promise<void> {
  const until = performance.now() + 200;
  while (server.aborted().length < expected && performance.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

async function runAll(
  ctx: ScenarioContext,
  options: Record<string, unknown>,
  server: DelayServer | undefined,
) {
  const sleeps = options.sleeps as number[];
  const limit = options.limit as number | undefined;
  const template = server?.urlTemplate ?? (options.server as string);
  let outcome = 'ok';
  for (const mode of options.mode as Mode[]) {
    const total = sleeps.reduce((a, b) => a + b, 0);
    const ideal = ctx.ms(mode === 'async' ? Math.max(...sleeps) : total);
    const before = server?.aborted().length ?? 0;
    const elapsed = ctx.stopwatch();
    try {
      const data = await (limit === undefined
        ? runMode(ctx, mode, template, sleeps)
        : timeout(limit, () => runMode(ctx, mode, template, sleeps)));
      const wallMs = elapsed();
      ctx.record(mode, wallMs, ideal);
      ctx.say(ctx.text.runTime(mode, wallMs / 1000));
      ctx.say(pyRepr(data));
      ctx.check({
        id: `http.${mode}`,
        metric: `${mode} wall time`,
        expected: ideal,
        actual: wallMs,
        unit: 'ms',
      });
    } catch (err) {
      if (!(err instanceof TimeoutError) || limit === undefined) throw err;
      ctx.record(`${mode} timeout`, elapsed(), ctx.ms(limit));
      ctx.say(ctx.text.timeoutError);
      outcome = err.name;
      if (server !== undefined) {
        // Requests cut off: those still in flight at the limit, and in sequence none after it.
        // Surely cut off: in a gather every request longer than the limit; one by one, the one
        // under way when the time ran out. A request of exactly the limit races the timeout.
        const total = sleeps.reduce((a, b) => a + b, 0);
        const sure =
          mode === 'async' ? sleeps.filter((s) => s > limit) : total > limit ? [undefined] : [];
        await settleServer(server, before + sure.length);
        const cut = server.aborted().slice(before);
        ctx.say(ctx.text.serverClosedEarly(cut.length));
        const longer =
          mode === 'async' ? cut.filter((s) => s > limit).length : Math.min(cut.length, 1);
        ctx.check({
          id: `http.${mode}.aborted`,
          metric: 'requests the server saw aborted at the limit',
          expected: sure.length,
          actual: longer,
          unit: 'count',
        });
      }
    }
  }
  return outcome;
}

/** `asyncdemo http`: sync-vs-async over real sockets, with a local server. */
export const httpScenario: Scenario = {
  name: 'http',
  title: 'sequential vs async over real HTTP',
  options: [
    sleepsOption('the delays the server waits, in seconds'),
    modeOption(HTTP_MODES),
    {
      flags: '--limit <seconds>',
      description: 'a timeout around each run: requests in flight are aborted',
      defaultValue: 'none',
      parse: (raw) => (raw === 'none' ? undefined : parseSeconds('--limit', raw)),
    },
    {
      flags: '--server <url>',
      description: 'use your server instead: a URL with {s} for the delay',
      defaultValue: 'local',
      parse: (raw) => {
        if (raw === 'local') return raw;
        if (!/^https?:\/\/.+\{s\}/.test(raw)) {
          throw new UsageError(
            `--server must be an http(s) URL with {s} for the delay, like http://host:8080/delay/{s}, got '${raw}'`,
          );
        }
        return raw;
      },
    },
  ],
  async run(ctx, options) {
    const server = options.server === 'local' ? await startDelayServer() : undefined;
    try {
      // The first fetch loads and warms up undici (tens of ms on this machine): not part of the
      // lesson, so it happens before the clocks start.
      const warmUp = (server?.urlTemplate ?? (options.server as string)).replace('{s}', '0');
      await withAbortSignal((signal) => fetch(warmUp, { signal }).then((r) => r.text()));
      return await runAll(ctx, options, server);
    } finally {
      await server?.close();
      await sleep(0);
    }
  },
};
