/**
 * The notebook's I/O contrast on real sockets: `GET /delay/1`, `/2`, `/3` from a local server,
 * one after another (6 s) and with `gather` (3 s). `--limit` puts each run under a timeout that
 * aborts the requests in flight; the server counts them.
 *
 * @module
 */

import { parseSeconds } from '../options/parse.js';
import { UsageError } from '../options/usage-error.js';
import {
  CancelledError,
  coro,
  gather,
  msToSeconds,
  pyRepr,
  sleep,
  TimeoutError,
  timeout,
  withAbortSignal,
  withCallLabel,
} from '../runtime/index.js';
import { modeOption, sleepsOption } from './common-options.js';
import { defineExperiment } from './define.js';
import { type DelayServer, startDelayServer } from './delay-server.js';
import type { ScenarioContext } from './types.js';

/** http's options, parsed. */
interface HttpOptions {
  sleeps: number[];
  mode: Mode[];
  limit: number | undefined;
  server: string;
}

/** The ways to run the requests. */
export const HTTP_MODES = ['sequential', 'async'] as const;
type Mode = (typeof HTTP_MODES)[number];

/** `aget_data` over HTTP: fetch `/delay/S`, abortable by the task's cancellation. */
async function fetch_data(
  ctx: ScenarioContext,
  template: string,
  seconds: number,
): Promise<string> {
  // The server waits wall-clock seconds: the scaled delay. The transcript names the notebook's.
  const url = template.replace('{s}', String(ctx.ms(seconds) / 1000));
  const shown = new URL(template.replace('{s}', String(seconds))).pathname;
  const started = ctx.stopwatch();
  const body = await withAbortSignal(async (signal) => {
    const response = await fetch(url, { signal });
    if (!response.ok) throw new Error(`GET ${url}: HTTP ${response.status}`);
    return response.text();
  });
  ctx.say(ctx.text.httpAnswer(shown, pyRepr(body), started() / 1000));
  return body;
}

async function runMode(
  ctx: ScenarioContext,
  mode: Mode,
  template: string,
  sleeps: number[],
): Promise<string[]> {
  // Labelled by path, so that the timeline's rows can be told apart.
  const calls = sleeps.map((seconds) =>
    withCallLabel(
      coro(fetch_data, ctx, template, seconds),
      `fetch_data(${pyRepr(new URL(template.replace('{s}', String(seconds))).pathname)})`,
    ),
  );
  if (mode === 'async') return await gather(...calls);
  const data: string[] = [];
  for (const call of calls) data.push(await call());
  return data;
}

/** How long the probe waits for a server's first answer. */
const PROBE_MS = 5000;

/** Why a fetch failed, in a few words: `connection refused`, `host not found`, … */
function reason(err: unknown): string {
  const code = (err as { cause?: { code?: string } }).cause?.code;
  if (code === 'ECONNREFUSED') return 'connection refused';
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return 'host not found';
  if (code === 'ECONNRESET') return 'connection reset';
  const cause = (err as { cause?: Error }).cause;
  return (cause?.message ?? (err as Error).message ?? String(err)).replace(/\s+/g, ' ');
}

/**
 * Asks the server for `/delay/0` before the clocks start: it loads and warms up undici (tens of
 * ms here, not part of the lesson), and a server that cannot answer is a usage error in one
 * line (exit 2), not a failed run.
 */
async function probe(template: string): Promise<void> {
  const url = template.replace('{s}', '0');
  let origin: string;
  try {
    origin = new URL(url).origin;
  } catch {
    throw new UsageError(`--server ${template}: not a valid URL`);
  }
  const fail = (what: string) => new UsageError(`--server ${origin}: ${what} (GET ${url})`);
  let status: number;
  try {
    status = await timeout(msToSeconds(PROBE_MS), () =>
      withAbortSignal(async (signal) => {
        const response = await fetch(url, { signal });
        await response.text();
        return response.status;
      }),
    );
  } catch (err) {
    if (err instanceof TimeoutError) throw fail(`no answer within ${PROBE_MS / 1000} s`);
    if (err instanceof CancelledError) throw err;
    throw fail(reason(err));
  }
  if (status < 200 || status > 299) throw fail(`answered HTTP ${status}`);
}

/** Gives the server a few turns to see the aborted sockets close. */
async function settleServer(server: DelayServer, expected: number): Promise<void> {
  const until = performance.now() + 200;
  while (server.aborted().length < expected && performance.now() < until) {
    // The runtime's sleep, not a bare timer: the task stays on the loop (a cancel reaches it,
    // and what follows still runs in it).
    await sleep(msToSeconds(2));
  }
}

async function runAll(ctx: ScenarioContext, options: HttpOptions, server: DelayServer | undefined) {
  const { sleeps, limit } = options;
  const template = server?.urlTemplate ?? options.server;
  let outcome = 'ok';
  // A limit equal to when a request ends races it: say so, not leave a learner puzzled.
  const ends = { async: sleeps, sequential: sleeps.map((_, i) => sumOf(sleeps.slice(0, i + 1))) };
  if (limit !== undefined && options.mode.some((m) => ends[m].includes(limit)))
    ctx.say(ctx.text.limitRace(limit));
  for (const mode of options.mode) {
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
export const httpScenario = defineExperiment({
  name: 'http',
  title: 'sequential vs async over real HTTP',
  options: {
    sleeps: sleepsOption('the delays the server waits, in seconds'),
    mode: modeOption(HTTP_MODES),
    limit: {
      flags: '--limit <seconds>',
      description: 'a timeout around each run: requests in flight are aborted',
      defaultValue: 'none',
      parse: (raw: string): number | undefined =>
        raw === 'none' ? undefined : parseSeconds('--limit', raw),
    },
    server: {
      flags: '--server <url>',
      description: 'use your server instead: a URL with {s} for the delay',
      defaultValue: 'local',
      parse: (raw: string) => {
        if (raw === 'local') return raw;
        if (!/^https?:\/\/.+\{s\}/.test(raw)) {
          throw new UsageError(
            `--server must be an http(s) URL with {s} for the delay, like http://host:8080/delay/{s}, got '${raw}'`,
          );
        }
        return raw;
      },
    },
  },
  async preflight(options) {
    if (options.server !== 'local') await probe(options.server);
  },
  async run(ctx, options) {
    const server = options.server === 'local' ? await startDelayServer(ctx.scale) : undefined;
    try {
      // A server of the user's was probed by preflight; ours is probed (and undici warmed) here.
      if (server !== undefined) await probe(server.urlTemplate);
      return await runAll(ctx, options, server);
    } finally {
      if (server !== undefined) await withAbortSignal(() => server.close());
      await sleep(0);
    }
  },
});

function sumOf(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
