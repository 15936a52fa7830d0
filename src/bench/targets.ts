/**
 * `npm run bench`: the runtime's performance targets (issue 2, section 4), each measured against
 * raw Node in the same process. Prints a table; `--json` prints the figures as one document.
 *
 * @module
 */
import { execFileSync } from 'node:child_process';
import { argv } from 'node:process';
import { fileURLToPath } from 'node:url';
import { createTask, sleep, type Task, taskGroup } from '../runtime/index.js';
import { median, percentile } from '../stats.js';
import { heapPerItem, sampleMs } from './measure.js';
import { immediate, rawAll } from './pairs.js';
import { abortSignalLateness, timeoutLateness } from './probes.js';

const N = 100_000;
const RUNS = 7;

async function runtimeSpawnJoin(n: number): Promise<void> {
  await taskGroup(async (tg) => {
    for (let i = 0; i < n; i++) tg.createTask(() => sleep(0));
  });
}

function runtimePending(n: number) {
  const tasks: Task<void>[] = [];
  for (let i = 0; i < n; i++) tasks.push(createTask(() => sleep(3600)));
  return {
    async release() {
      for (const t of tasks) t.cancel();
      await immediate();
      await immediate();
    },
  };
}

function rawPending(n: number) {
  const timers: NodeJS.Timeout[] = [];
  const all: Promise<void>[] = [];
  for (let i = 0; i < n; i++) {
    all.push(
      (async () => {
        await new Promise<void>((resolve) => timers.push(setTimeout(resolve, 3_600_000)));
      })(),
    );
  }
  return {
    async release() {
      for (const t of timers) clearTimeout(t);
    },
  };
}

async function cancelPending(n: number): Promise<number> {
  const tasks: Task<void>[] = [];
  for (let i = 0; i < n; i++) tasks.push(createTask(() => sleep(3600)));
  await immediate(); // all started and sleeping
  const start = performance.now();
  for (const t of tasks) t.cancel();
  await immediate(); // a cancelled task settles in the microtasks after its sleep is interrupted
  const elapsed = performance.now() - start;
  if (!tasks.every((t) => t.cancelled())) throw new Error('not every task settled cancelled');
  return elapsed;
}

const fmt = (n: number, digits = 2) => n.toFixed(digits);

/**
 * Raw Node's spawn + join in a fresh process that never loads AsyncLocalStorage: once the runtime
 * has run a task, Node 20's promise hooks slow every promise in the process, raw ones too, which
 * would flatter the in-process ratio.
 */
function cleanRawSpawnJoinMs(): number {
  const out = execFileSync(process.execPath, [fileURLToPath(import.meta.url), '--raw-spawn-join'], {
    encoding: 'utf8',
  });
  return Number(out.trim());
}

async function main(): Promise<void> {
  if (argv.includes('--raw-spawn-join')) {
    process.stdout.write(`${median(await sampleMs(RUNS, () => rawAll(N)))}\n`);
    return;
  }
  const json = argv.includes('--json');
  const cleanRaw = cleanRawSpawnJoinMs();
  // Lateness first, on a small heap: the 100k benches leave the GC busy for a while.
  const late = await timeoutLateness(200, 50);
  const lateRaw = await abortSignalLateness(200, 50);
  const raw = median(await sampleMs(RUNS, () => rawAll(N)));
  const ours = median(await sampleMs(RUNS, () => runtimeSpawnJoin(N)));
  const heapOurs = await heapPerItem(N, runtimePending);
  const heapRaw = await heapPerItem(N, rawPending);
  const cancelMs = median([await cancelPending(N), await cancelPending(N), await cancelPending(N)]);
  const figures = {
    node: process.version,
    spawnJoin100k: {
      runtimeMs: ours,
      rawMs: raw,
      ratio: ours / raw,
      rawCleanProcessMs: cleanRaw,
      ratioToCleanProcess: ours / cleanRaw,
      target: 'ratio <= 2',
    },
    heapPerPendingTask: { runtimeBytes: heapOurs, rawBytes: heapRaw, target: '<= 1400 bytes' },
    cancel100kPending: { runtimeMs: cancelMs, target: '<= 500 ms' },
    timeout50msLateness: {
      minMs: Math.min(...late),
      p50Ms: median(late),
      p99Ms: percentile(late, 99),
      rawAbortSignalP50Ms: median(lateRaw),
      rawAbortSignalP99Ms: percentile(lateRaw, 99),
      rawAbortSignalMinMs: Math.min(...lateRaw),
      target: 'min >= 0, p99 <= 1 ms',
    },
  };
  if (json) {
    process.stdout.write(`${JSON.stringify(figures, null, 2)}\n`);
    return;
  }
  const rows = [
    [
      'spawn + join 100k tasks (taskGroup, sleep(0))',
      `${fmt(ours, 0)} ms`,
      `raw ${fmt(raw, 0)} ms`,
      `${fmt(ours / raw)}x`,
      '<= 2x',
    ],
    [
      '  the same against raw in a process without ALS',
      `${fmt(ours, 0)} ms`,
      `raw ${fmt(cleanRaw, 0)} ms`,
      `${fmt(ours / cleanRaw)}x`,
      '<= 2x',
    ],
    [
      'heap per pending sleeping task',
      `${fmt(heapOurs, 0)} B`,
      `raw ${fmt(heapRaw, 0)} B`,
      `${fmt(heapOurs / heapRaw)}x`,
      '<= 1400 B',
    ],
    ['cancel 100k pending tasks, all settled', `${fmt(cancelMs, 0)} ms`, '', '', '<= 500 ms'],
    [
      'timeout(50 ms) lateness p50 / p99',
      `${fmt(median(late))} / ${fmt(percentile(late, 99))} ms`,
      `AbortSignal ${fmt(median(lateRaw))} / ${fmt(percentile(lateRaw, 99))} ms`,
      '',
      'p99 <= 1 ms',
    ],
    [
      'timeout(50 ms) lateness min (never early)',
      `${fmt(Math.min(...late), 3)} ms`,
      `AbortSignal ${fmt(Math.min(...lateRaw), 3)} ms`,
      '',
      '>= 0',
    ],
  ];
  process.stdout.write(`asyncdemo runtime bench, Node ${process.version}\n`);
  for (const r of rows)
    process.stdout.write(
      `${r[0]?.padEnd(48)} ${r[1]?.padEnd(16)} ${r[2]?.padEnd(28)} ${r[3]?.padEnd(7)} ${r[4]}\n`,
    );
}

await main();
