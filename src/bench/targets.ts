/**
 * `npm run bench:targets`: the runtime's performance targets side by side with raw Node and
 * CPython's asyncio, all measured in the same run. Prints a table; `--json` prints the figures
 * as one document. Needs `node --expose-gc` (the npm script passes it) and, for the CPython
 * column, `python3` 3.11+ (or `$PYTHON`).
 *
 * @module
 */

import { AsyncLocalStorage } from 'node:async_hooks';
import { execFileSync } from 'node:child_process';
import { argv } from 'node:process';
import { fileURLToPath } from 'node:url';
import { createTask, sleep } from '../runtime/index.js';
import { median, percentile } from '../stats.js';
import { heapPerItem, sampleInTurns } from './measure.js';
import { timeoutLateness } from './probes.js';
import { type RoundTrips, roundTrips, serverSides } from './round-trip.js';
import {
  cancelAll,
  cancelRawSleepers,
  immediate,
  rawAll,
  rawSleepers,
  sleepingTasks,
  spawnJoin,
} from './workloads.js';

const N = 100_000;
const MILLION = 1_000_000;
const RUNS = 7;
/**
 * Trials of the timeout lateness, here and in CPython: the p99 of 1000 is its 10th worst. The 4th
 * worst of 400 was too rare an event to compare: on one noisy morning three benches put the
 * runtime's p99 at 0.59-2.54 ms and CPython's at 1.92-2.34, while 2000 trials a side taken trial
 * by trial gave 3.08 against 3.78 ms, and 2.9% of trials over 2 ms late against 4.2%.
 */
const LATENESS_TRIALS = 1000;
/**
 * The lateness trials come in this many rounds a side, in turns (2 s a round): the VM's bursts of
 * preemption last seconds, and with 4 rounds of 100 one burst could fall on one side's round
 * (trials 6-13 ms late, no GC near them, 130-190 involuntary context switches in 21 s).
 */
const LATENESS_ROUNDS = 25;

/** Pending tasks for the heap figure, and how to let them go. */
function runtimePending(n: number) {
  const tasks = sleepingTasks(n);
  // A task made after them takes its first step after all of theirs (the ready queue is FIFO).
  return { release: () => cancelAll(tasks), started: createTask(() => sleep(0)) };
}

function rawPending(n: number) {
  const sleepers = rawSleepers(n);
  return { release: () => cancelRawSleepers(sleepers) };
}

/** Milliseconds from the first `cancel()` until all `n` sleeping tasks have settled. */
async function cancelPending(n: number): Promise<number> {
  const tasks = sleepingTasks(n);
  await immediate(); // all started and sleeping
  const start = performance.now();
  await cancelAll(tasks);
  return performance.now() - start;
}

interface MillionRun {
  ms: number;
  rssMb: number;
}

/** One million tasks in a fresh process, for its peak RSS: `--million runtime|raw`. */
function millionInChild(side: 'runtime' | 'raw'): MillionRun {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--million', side], {
    encoding: 'utf8',
  });
  return JSON.parse(out) as MillionRun;
}

/**
 * A million tasks, `rounds` times each side, interleaved: the medians of the times and the
 * highest peak RSS. One run a side moved 0.86x-1.44x raw from one bench to the next on this VM.
 */
function millionMedians(rounds: number): { ours: MillionRun; raw: MillionRun } {
  const ours: MillionRun[] = [];
  const raw: MillionRun[] = [];
  for (let i = 0; i < rounds; i++) {
    ours.push(millionInChild('runtime'));
    raw.push(millionInChild('raw'));
  }
  const summary = (runs: MillionRun[]) => ({
    ms: median(runs.map((r) => r.ms)),
    rssMb: Math.max(...runs.map((r) => r.rssMb)),
  });
  return { ours: summary(ours), raw: summary(raw) };
}

interface CPythonFigures {
  python: string;
  heapPerPendingTaskBytes: number;
  cancel100kMs: number;
}

/** How many times faster `ms` is than CPython's `cpythonMs` (undefined without python3). */
function timesFaster(cpythonMs: number | undefined, ms: number): number | undefined {
  return cpythonMs === undefined ? undefined : cpythonMs / ms;
}

/** The share of `samples` above `limit` (0.076 for 7.6%): how heavy a tail is, beyond its p99. */
function shareOver(samples: readonly number[], limit: number): number {
  return samples.filter((sample) => sample > limit).length / samples.length;
}

const cpythonScript = fileURLToPath(new URL('../../python/bench_targets.py', import.meta.url));

/** `python/bench_targets.py` with `args`: the JSON it prints, or `undefined` without python3. */
function runCPython<T>(args: string[] = []): T | undefined {
  try {
    const out = execFileSync(process.env.PYTHON ?? 'python3', [cpythonScript, ...args], {
      encoding: 'utf8',
    });
    return JSON.parse(out) as T;
  } catch {
    return undefined;
  }
}

/**
 * The lateness of `timeout(0.05)` here and in CPython, in rounds taken in turns: on a VM whose
 * noise comes and goes, 400 trials of one and then 400 of the other met different machines (the
 * runtime's p99 moved 0.34-2.11 ms from one bench to the next, CPython's 0.57-4.71 ms).
 */
async function latenessInTurns(): Promise<{ ours: number[]; cpython: number[] | undefined }> {
  const ours: number[] = [];
  let cpython: number[] | undefined = [];
  await timeoutLateness(20, 50); // warm-up, as on the CPython side
  for (let round = 0; round < LATENESS_ROUNDS; round++) {
    ours.push(...(await timeoutLateness(LATENESS_TRIALS / LATENESS_ROUNDS, 50)));
    if (cpython === undefined) continue; // no python3
    const theirs = runCPython<number[]>(['--lateness', String(LATENESS_TRIALS / LATENESS_ROUNDS)]);
    cpython = theirs === undefined ? undefined : cpython.concat(theirs);
  }
  return { ours, cpython };
}

/** A Python that imports uvloop (Debian's `python3-uvloop` is for /usr/bin/python3), if any. */
function uvloopPython(): string | undefined {
  for (const python of [process.env.PYTHON ?? 'python3', '/usr/bin/python3']) {
    try {
      execFileSync(python, ['-c', 'import uvloop'], { stdio: 'ignore' });
      return python;
    } catch {
      // not there
    }
  }
  return undefined;
}

/** A side's figures against raw Node's, as ratios. */
function ratiosToRaw(ours: RoundTrips | undefined, raw: RoundTrips | undefined) {
  const ratio = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined ? Number.NaN : a / b;
  return {
    p50RatioToRaw: ratio(ours?.p50Ms, raw?.p50Ms),
    p99RatioToRaw: ratio(ours?.p99Ms, raw?.p99Ms),
    cpuRatioToRaw: ratio(ours?.cpuS, raw?.cpuS),
  };
}

/**
 * The round-trip bench: every side in its own process, 7 interleaved rounds (with 5, a median
 * moved by 10-25% from one run to the next). The target is judged on the warm server; its first
 * window, while V8 compiles, is reported beside it.
 */
async function ioRoundTrips() {
  const uvPython = uvloopPython();
  const sides = serverSides(process.env.PYTHON ?? 'python3', false);
  if (uvPython !== undefined) sides.push(...serverSides(uvPython, true).slice(3));
  const figures = await roundTrips(sides, 7);
  const raw = figures.get('raw Node');
  const ours = figures.get('runtime');
  const warm = ratiosToRaw(ours?.warm, raw?.warm);
  return {
    sides: Object.fromEntries(figures),
    ...warm,
    fresh: ratiosToRaw(ours?.fresh, raw?.fresh),
    target: 'warm server: p50 and p99 <= 1.1x raw, server CPU <= 1.2x raw',
    met: warm.p50RatioToRaw <= 1.1 && warm.p99RatioToRaw <= 1.1 && warm.cpuRatioToRaw <= 1.2,
  };
}

async function million(side: string): Promise<void> {
  const start = performance.now();
  if (side === 'raw') await rawAll(MILLION);
  else await spawnJoin(MILLION);
  const ms = performance.now() - start;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(`${JSON.stringify({ ms, rssMb })}\n`);
}

const fmt = (n: number | undefined, digits = 0) => (n === undefined ? '—' : n.toFixed(digits));
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
const percent = (share: number | undefined) =>
  share === undefined ? '—' : `${(share * 100).toFixed(1)}%`;

async function main(): Promise<void> {
  const millionSide = argv[argv.indexOf('--million') + 1];
  if (argv.includes('--million') && millionSide !== undefined) {
    await million(millionSide);
    return;
  }
  const json = argv.includes('--json');
  const py = runCPython<CPythonFigures>();
  // Lateness first, on a small heap and a quiet machine: after the 100k benches V8's helper
  // threads sweep for a while, and on 2 cores they delay the loop's wake-ups.
  const { ours: late, cpython: pyLate } = await latenessInTurns();
  const heapOurs = await heapPerItem(N, runtimePending);
  const heapRaw = await heapPerItem(N, rawPending);
  // Raw Node's spawn+join and the runtime's in turns, and after each round one of CPython's
  // (timed in blocks, CPython's moved 2.1-2.6 s between benches; the ratio with it).
  const spawnInTurns = async () => {
    const cpython: number[] = [];
    const [rawMs, oursMs] = await sampleInTurns(
      RUNS,
      () => rawAll(N),
      () => spawnJoin(N),
      // Without python3 (its figures undefined) no process is started for it each round.
      () => py !== undefined && cpython.push(...(runCPython<number[]>(['--spawn', '1']) ?? [])),
    );
    return {
      raw: median(rawMs),
      ours: median(oursMs),
      cpython: cpython.length > 0 ? median(cpython) : undefined,
    };
  };
  const spawn = await spawnInTurns();
  const raw = spawn.raw;
  const ours = spawn.ours;
  const cancelMs = median([await cancelPending(N), await cancelPending(N), await cancelPending(N)]);
  // The same with an AsyncLocalStorage in use (a request's store, as a server's logging keeps):
  // every task then carries its context, and on Node 20 and 22 every promise pays async hooks.
  const store = new AsyncLocalStorage<string>();
  const inStore = <T>(fn: () => T) => store.run('request-1', fn);
  const alsHeapOurs = await inStore(() => heapPerItem(N, runtimePending));
  const alsHeapRaw = await inStore(() => heapPerItem(N, rawPending));
  const alsSpawn = await inStore(spawnInTurns);
  const alsRaw = alsSpawn.raw;
  const alsOurs = alsSpawn.ours;
  store.disable();
  const { ours: millionOurs, raw: millionRaw } = millionMedians(3);
  const io = await ioRoundTrips();
  const figures = {
    node: process.version,
    python: py?.python,
    heapPerPendingTask: {
      runtimeBytes: heapOurs,
      rawBytes: heapRaw,
      cpythonBytes: py?.heapPerPendingTaskBytes,
      target: '<= 1.2 KB and below CPython',
      met:
        heapOurs <= 1228.8 && heapOurs < (py?.heapPerPendingTaskBytes ?? Number.POSITIVE_INFINITY),
    },
    spawnJoin100k: {
      runtimeMs: ours,
      rawMs: raw,
      cpythonMs: spawn.cpython,
      fasterThanCPython: timesFaster(spawn.cpython, ours),
      ratioToRaw: ours / raw,
      target: '>= 5x faster than CPython, <= 1.3x raw',
      met: ours / raw <= 1.3 && (timesFaster(spawn.cpython, ours) ?? 5) >= 5,
    },
    withAsyncLocalStorage: {
      heapPerPendingTaskBytes: alsHeapOurs,
      rawHeapPerPendingBytes: alsHeapRaw,
      spawnJoin100kMs: alsOurs,
      rawSpawnJoin100kMs: alsRaw,
      cpythonSpawnJoin100kMs: alsSpawn.cpython,
      ratioToRaw: alsOurs / alsRaw,
      fasterThanCPython: timesFaster(alsSpawn.cpython, alsOurs),
      target: 'heap <= 1.2 KB; spawn+join <= 1.3x raw and >= 5x CPython',
      met:
        alsHeapOurs <= 1228.8 &&
        alsOurs / alsRaw <= 1.3 &&
        (timesFaster(alsSpawn.cpython, alsOurs) ?? 5) >= 5,
    },
    million: {
      runtimeMs: millionOurs.ms,
      rawMs: millionRaw.ms,
      ratioToRaw: millionOurs.ms / millionRaw.ms,
      runtimePeakRssMb: millionOurs.rssMb,
      rawPeakRssMb: millionRaw.rssMb,
      target: '<= 1.3x raw, peak RSS <= 1 GB',
      met: millionOurs.ms / millionRaw.ms <= 1.3 && millionOurs.rssMb <= 1024,
    },
    cancel100kPending: {
      runtimeMs: cancelMs,
      cpythonMs: py?.cancel100kMs,
      target: '<= 200 ms, all settled',
      met: cancelMs <= 200,
    },
    ioUnderTimers: io,
    timeout50msLateness: {
      minMs: Math.min(...late),
      p50Ms: median(late),
      p99Ms: percentile(late, 99),
      cpythonMinMs: pyLate === undefined ? undefined : Math.min(...pyLate),
      cpythonP50Ms: pyLate === undefined ? undefined : median(pyLate),
      cpythonP99Ms: pyLate === undefined ? undefined : percentile(pyLate, 99),
      overOneMsShare: shareOver(late, 1),
      cpythonOverOneMsShare: pyLate === undefined ? undefined : shareOver(pyLate, 1),
      target: 'never early, p99 no worse than CPython',
      met:
        Math.min(...late) >= 0 &&
        (pyLate === undefined || percentile(late, 99) <= percentile(pyLate, 99)),
    },
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  const f = figures;
  const rows = [
    ['figure', 'runtime', 'raw Node', `CPython ${py?.python ?? '(not run)'}`, 'target', ''],
    [
      'heap per pending sleeping task',
      `${fmt(heapOurs)} B`,
      `${fmt(heapRaw)} B`,
      `${fmt(py?.heapPerPendingTaskBytes)} B`,
      '<= 1.2 KB, < CPython',
      verdict(f.heapPerPendingTask.met),
    ],
    [
      'spawn + join 100k tasks (taskGroup, sleep(0))',
      `${fmt(ours)} ms`,
      `${fmt(raw)} ms`,
      `${fmt(spawn.cpython)} ms`,
      '>= 5x CPython, <= 1.3x raw',
      `${verdict(f.spawnJoin100k.met)} (${fmt(f.spawnJoin100k.fasterThanCPython, 1)}x, ${fmt(f.spawnJoin100k.ratioToRaw, 2)}x raw)`,
    ],
    [
      'the same two with an AsyncLocalStorage in use',
      `${fmt(alsHeapOurs)} B, ${fmt(alsOurs)} ms`,
      `${fmt(alsHeapRaw)} B, ${fmt(alsRaw)} ms`,
      `${fmt(alsSpawn.cpython)} ms`,
      '<= 1.2 KB; <= 1.3x raw, >= 5x CPython',
      `${verdict(f.withAsyncLocalStorage.met)} (${fmt(f.withAsyncLocalStorage.fasterThanCPython, 1)}x, ${fmt(f.withAsyncLocalStorage.ratioToRaw, 2)}x raw)`,
    ],
    [
      '1 000 000 tasks, time',
      `${fmt(millionOurs.ms)} ms`,
      `${fmt(millionRaw.ms)} ms`,
      '',
      '<= 1.3x raw',
      `${verdict(f.million.ratioToRaw <= 1.3)} (${fmt(f.million.ratioToRaw, 2)}x)`,
    ],
    [
      '1 000 000 tasks, peak RSS',
      `${fmt(millionOurs.rssMb)} MB`,
      `${fmt(millionRaw.rssMb)} MB`,
      '',
      '<= 1 GB',
      verdict(millionOurs.rssMb <= 1024),
    ],
    [
      'cancel 100k pending tasks, all settled',
      `${fmt(cancelMs)} ms`,
      '',
      `${fmt(py?.cancel100kMs)} ms`,
      '<= 200 ms',
      verdict(f.cancel100kPending.met),
    ],
    [
      'timeout(0.05) lateness min / p50 / p99, > 1 ms',
      `${fmt(f.timeout50msLateness.minMs, 2)} / ${fmt(f.timeout50msLateness.p50Ms, 2)} / ${fmt(f.timeout50msLateness.p99Ms, 2)} ms, ${percent(f.timeout50msLateness.overOneMsShare)}`,
      '',
      `${fmt(f.timeout50msLateness.cpythonMinMs, 2)} / ${fmt(f.timeout50msLateness.cpythonP50Ms, 2)} / ${fmt(f.timeout50msLateness.cpythonP99Ms, 2)} ms, ${percent(f.timeout50msLateness.cpythonOverOneMsShare)}`,
      'min >= 0, p99 <= CPython',
      verdict(f.timeout50msLateness.met),
    ],
  ];
  const trips = (t: RoundTrips) =>
    `${fmt(t.p50Ms, 3)} / ${fmt(t.p99Ms, 2)} ms, ${fmt(t.cpuS, 2)} s`;
  const ratios = (r: ReturnType<typeof ratiosToRaw>) =>
    `${fmt(r.p50RatioToRaw, 2)}x / ${fmt(r.p99RatioToRaw, 2)}x / ${fmt(r.cpuRatioToRaw, 2)}x`;
  for (const [name, side] of Object.entries(io.sides)) {
    const ours = name === 'runtime';
    rows.push([
      `HTTP round trip p50 / p99, CPU: ${name}`,
      `${trips(side.warm)} (fresh: ${trips(side.fresh)})`,
      '',
      '',
      ours ? 'warm: <= 1.1x / 1.1x / 1.2x raw' : '',
      ours ? `${verdict(io.met)} (${ratios(io)}; fresh ${ratios(io.fresh)})` : '',
    ]);
  }
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((r) => r[i]?.length ?? 0))) ?? [];
  process.stdout.write(`asyncdemo runtime targets, Node ${process.version}\n`);
  for (const r of rows)
    process.stdout.write(`${r.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}\n`);
}

await main();
