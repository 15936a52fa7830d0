/**
 * `asyncdemo bench`: tinybench over the runtime, each bench next to its raw-Node floor, plus
 * the timeout's lateness and the loop's lag. Well under a minute by default.
 *
 * @module
 */
import { cpus } from 'node:os';
import { Bench } from 'tinybench';
import { setTimeScale, withAbortSignal } from '../runtime/index.js';
import { median } from '../stats.js';
import { type BenchPair, benchPairs } from './pairs.js';
import { abortSignalLateness, lagDuringWork, latenessSummary, timeoutLateness } from './probes.js';

/** One line of the bench table: the runtime's figure next to the floor's. */
export interface BenchRow {
  /** Stable name, also the baseline key. */
  name: string;
  unit: 'ms';
  /** The runtime's median (or the probe's value). */
  value: number;
  min: number;
  max: number;
  floorName: string;
  floorValue: number;
  /**
   * What a baseline compares: the ratio to the floor for throughput benches, the value itself
   * (an overhead in ms) for the probes.
   */
  score: number;
  /**
   * `info` rows are reported, not compared: the loop's lag measures the workload's chunk size
   * (machine speed), not the runtime.
   */
  scoreKind: 'ratio' | 'overhead-ms' | 'info';
  /** For ratio rows: the ratio of each interleaved round. */
  rounds?: number[];
  /**
   * For ratio rows: the runtime's best round over the floor's best round. Noise only adds time,
   * so this holds steadier than any one round; a baseline comparison uses it.
   */
  best?: number;
  /** For ratio rows: how much worse than a baseline fails (see `BenchPair.failAt`). */
  failAt?: number;
}

/** The `asyncdemo.bench/1` document. */
export interface BenchReport {
  schema: 'asyncdemo.bench/1';
  environment: { node: string; platform: string; arch: string; cpus: number };
  size: number;
  rows: BenchRow[];
}

/** Reports which bench runs now. */
export type BenchProgress = (name: string) => void;

// tinybench's defaults (1 s and 64 iterations a task, plus warm-up) would take minutes here.
const TINYBENCH = { time: 100, iterations: 5, warmupTime: 20, warmupIterations: 2 };
/**
 * Each pair runs in this many rounds, the runtime and the floor one after the other, the order
 * swapped each round. The score (what a baseline keeps) is the median ratio of the rounds: the
 * typical run. A comparison takes the best rounds (see `BenchRow.best`) against it.
 */
const ROUNDS = 10;

function stats(bench: Bench, name: string): { median: number; min: number; max: number } {
  const result = bench.getTask(name)?.result;
  if (result === undefined || !('latency' in result)) {
    const error = result !== undefined && 'error' in result ? result.error : undefined;
    throw new Error(`bench '${name}' did not complete${error ? `: ${String(error)}` : ''}`);
  }
  return {
    median: result.latency.p50,
    min: result.latency.min,
    max: result.latency.max,
  };
}

type Latency = { median: number; min: number; max: number };

/** One round of a pair: the runtime and the floor, in that order or swapped; cancellable. */
async function runPairRound(pair: BenchPair, floorFirst: boolean): Promise<[Latency, Latency]> {
  const ours = `${pair.name} (asyncdemo)`;
  const raw = `${pair.name} (raw)`;
  const sides = [
    [ours, pair.runtime],
    [raw, pair.floor],
  ] as const;
  // A Ctrl+C (a cancel of the task) aborts tinybench between iterations.
  return withAbortSignal(async (signal) => {
    const bench = new Bench({ name: pair.name, ...TINYBENCH, throws: true, signal });
    for (const [name, side] of floorFirst ? [...sides].reverse() : sides) {
      bench.add(name, side.fn, side.beforeEach ? { beforeEach: side.beforeEach } : {});
    }
    await bench.run();
    return [stats(bench, ours), stats(bench, raw)];
  });
}

/** Runs every bench; `size` is the task count of the scale benches (10 000 by default). */
export async function runBenches(
  size: number,
  progress: BenchProgress = () => {},
): Promise<BenchReport> {
  setTimeScale(1);
  const rows: BenchRow[] = [];
  // Lateness first, on a small heap: the scale benches leave the GC busy for a while.
  progress('timeout(0.05) lateness');
  const ours = await timeoutLateness(100, 50);
  const raw = await abortSignalLateness(100, 50);
  const late = latenessSummary(ours);
  const rawLate = latenessSummary(raw);
  for (const [stat, value, floor] of [
    ['p50', late.p50, rawLate.p50],
    ['p99', late.p99, rawLate.p99],
    ['min', late.min, rawLate.min],
  ] as const) {
    rows.push({
      name: `timeout(0.05) lateness ${stat}`,
      unit: 'ms',
      value,
      min: Math.min(...ours),
      max: Math.max(...ours),
      floorName: `AbortSignal.timeout(50) lateness ${stat}`,
      floorValue: floor,
      score: value,
      // The p99 of 100 trials is the second worst: the machine's scheduling, not the runtime.
      scoreKind: stat === 'p50' ? 'overhead-ms' : 'info',
    });
  }

  for (const pair of benchPairs(size)) {
    progress(pair.name);
    const ours: number[] = [];
    const floor: number[] = [];
    const ratios: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = await runPairRound(pair, round % 2 === 1);
      ours.push(a.median);
      floor.push(b.median);
      ratios.push(a.median / b.median);
    }
    rows.push({
      name: pair.name,
      unit: 'ms',
      value: median(ours),
      min: Math.min(...ours),
      max: Math.max(...ours),
      floorName: pair.floorName,
      floorValue: median(floor),
      score: median(ratios),
      scoreKind: 'ratio',
      rounds: ratios,
      best: Math.min(...ours) / Math.min(...floor),
      failAt: pair.failAt,
    });
  }

  progress('event-loop lag during CPU work');
  const yielding = await lagDuringWork(500, 100);
  const blocking = await lagDuringWork(500, 0);
  for (const stat of ['maxMs', 'p99Ms'] as const) {
    rows.push({
      name: `event-loop lag ${stat === 'maxMs' ? 'max' : 'p99'}, cpu work yielding every 100`,
      unit: 'ms',
      value: yielding[stat],
      min: yielding[stat],
      max: yielding[stat],
      floorName: 'the same work without yields',
      floorValue: blocking[stat],
      score: yielding[stat],
      scoreKind: 'info',
    });
  }

  return {
    schema: 'asyncdemo.bench/1',
    environment: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: cpus().length,
    },
    size,
    rows,
  };
}
