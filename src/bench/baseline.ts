/**
 * Bench baselines: what a run scored (ratios to the raw floor, overheads in ms; never raw
 * seconds, which differ from machine to machine), and the comparison of a new run with one.
 *
 * @module
 */
import type { BenchReport } from './run.js';

/** The saved document. */
export interface Baseline {
  schema: 'asyncdemo.bench-baseline/1';
  node: string;
  cpus: number;
  scores: Record<string, number>;
}

/** A baseline file that cannot be used: the CLI exits 2. */
export class BaselineError extends Error {
  override name = 'BaselineError';
}

/** How a score moved against the baseline. */
export interface Comparison {
  name: string;
  baseline: number;
  current: number;
  /** How the two are compared: a ratio to the floor by factor, a latency in ms by difference. */
  kind: 'ratio' | 'latency';
  /** current / baseline. */
  factor: number;
  status: 'ok' | 'warn' | 'fail';
}

/**
 * A ratio this much worse fails, unless its row says otherwise (`BenchRow.failAt`); half as
 * much worse is a warning.
 */
export const FAIL_FACTOR = 1.3;
/**
 * A latency in ms (the timeout's median lateness) is compared by difference, not by ratio:
 * tenths of a millisecond double from run to run. Later by this much: a warning; by
 * {@link OVERHEAD_FAIL_MS}: a failure.
 */
export const OVERHEAD_WARN_MS = 0.5;
/** See {@link OVERHEAD_WARN_MS}. */
export const OVERHEAD_FAIL_MS = 1;

/** The baseline of `report`. */
export function toBaseline(report: BenchReport): Baseline {
  return {
    schema: 'asyncdemo.bench-baseline/1',
    node: report.environment.node,
    cpus: report.environment.cpus,
    scores: Object.fromEntries(
      report.rows.filter((row) => row.scoreKind !== 'info').map((row) => [row.name, row.score]),
    ),
  };
}

/** Parses a baseline file's text. @throws BaselineError when it is not one. */
export function parseBaseline(text: string, source: string): Baseline {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new BaselineError(`${source} is not JSON: ${(err as Error).message}`);
  }
  const b = data as Partial<Baseline>;
  const scoresOk =
    typeof b.scores === 'object' &&
    b.scores !== null &&
    Object.values(b.scores).every((v) => typeof v === 'number' && Number.isFinite(v) && v >= 0);
  if (
    b.schema !== 'asyncdemo.bench-baseline/1' ||
    typeof b.node !== 'string' ||
    typeof b.cpus !== 'number' ||
    !scoresOk
  ) {
    throw new BaselineError(
      `${source} is not an asyncdemo bench baseline (write one with bench --save)`,
    );
  }
  return b as Baseline;
}

const major = (version: string) => version.replace(/^v/, '').split('.')[0];

/** Why a verdict against `baseline` would mean nothing here, if it would. */
export function incomparable(baseline: Baseline, report: BenchReport): string | undefined {
  if (major(baseline.node) !== major(report.environment.node)) {
    return `the baseline is from Node ${baseline.node}, this is ${report.environment.node}`;
  }
  if (baseline.cpus !== report.environment.cpus) {
    return `the baseline is from ${baseline.cpus} CPUs, this machine has ${report.environment.cpus}`;
  }
  return undefined;
}

/**
 * Compares each score of `report` with the baseline's (scores the baseline lacks, and `info`
 * rows, are skipped). A ratio is judged by its best rounds against the baseline's typical one:
 * a noisy run or a lucky baseline does not fail; a regression slows the best rounds too. It
 * fails at its row's `failAt` (else {@link FAIL_FACTOR}) worse. A latency fails at
 * {@link OVERHEAD_FAIL_MS} later.
 */
export function compare(baseline: Baseline, report: BenchReport): Comparison[] {
  const comparisons: Comparison[] = [];
  for (const row of report.rows) {
    const before = baseline.scores[row.name];
    if (before === undefined || row.scoreKind === 'info') continue;
    const current = row.scoreKind === 'ratio' ? (row.best ?? row.score) : row.score;
    const factor = current / Math.max(before, Number.MIN_VALUE);
    let status: Comparison['status'];
    if (row.scoreKind === 'overhead-ms') {
      const later = current - before;
      status = later >= OVERHEAD_FAIL_MS ? 'fail' : later >= OVERHEAD_WARN_MS ? 'warn' : 'ok';
    } else {
      const failAt = row.failAt ?? FAIL_FACTOR;
      const warnAt = 1 + (failAt - 1) / 2;
      status = factor >= failAt ? 'fail' : factor >= warnAt ? 'warn' : 'ok';
    }
    const kind = row.scoreKind === 'overhead-ms' ? 'latency' : 'ratio';
    comparisons.push({ name: row.name, kind, baseline: before, current, factor, status });
  }
  return comparisons;
}
