/**
 * `--runs N`: one result out of N runs of an experiment, as hyperfine reports them. Each timing
 * becomes the median of its samples with mean, σ and range; each check is judged again on the
 * median of its actual values.
 *
 * @module
 */
import { median, roundMs } from '../stats.js';
import type { Check, ScenarioResult, Timing } from './types.js';

/** The statistics of one timing's samples (ms, rounded to µs). */
export function timingStats(samples: readonly number[]): Required<
  Pick<Timing, 'samplesMs' | 'meanMs' | 'stddevMs' | 'minMs' | 'maxMs'>
> & {
  medianMs: number;
} {
  const mean = samples.reduce((sum, x) => sum + x, 0) / samples.length;
  const variance =
    samples.length < 2
      ? 0
      : samples.reduce((sum, x) => sum + (x - mean) ** 2, 0) / (samples.length - 1);
  return {
    samplesMs: [...samples],
    medianMs: median(samples),
    meanMs: roundMs(mean),
    stddevMs: roundMs(Math.sqrt(variance)),
    minMs: Math.min(...samples),
    maxMs: Math.max(...samples),
  };
}

/** A timing with its statistics over `samples`; `wallMs` is their median. */
export function withStats(timing: Timing, samples: readonly number[]): Timing {
  const { medianMs, ...stats } = timingStats(samples);
  return { ...timing, wallMs: medianMs, ...stats };
}

/**
 * The result of N measured runs: the first run's transcript, outcome and loop lag (what was
 * shown), timings and checks over all of them.
 */
export function combineRuns(results: readonly ScenarioResult[], warmup: number): ScenarioResult {
  const [first] = results;
  if (first === undefined) throw new Error('combineRuns needs at least one run');
  const timings = first.timings.map((timing) =>
    withStats(
      timing,
      samplesOf(results, (r) => r.timings.find((t) => t.label === timing.label)?.wallMs),
    ),
  );
  const checks = first.checks.map((check) => judgeOverRuns(check, results));
  const combined: ScenarioResult = { ...first, timings, checks };
  if (results.length > 1) {
    combined.runs = { measured: results.length, warmup, outcomes: results.map((r) => r.outcome) };
  }
  return combined;
}

/** A check judged on the median of its runs' actual values, against the median tolerance. */
function judgeOverRuns(check: Check, results: readonly ScenarioResult[]): Check {
  const same = results.map((r) => r.checks.find((c) => c.id === check.id));
  const samples = samplesOf(results, (_, i) => same[i]?.actual);
  const tolerance = median(samplesOf(results, (_, i) => same[i]?.tolerance));
  const actual = median(samples);
  return {
    ...check,
    actual,
    tolerance,
    pass: Math.abs(actual - check.expected) <= tolerance,
    samples,
  };
}

function samplesOf(
  results: readonly ScenarioResult[],
  pick: (result: ScenarioResult, index: number) => number | undefined,
): number[] {
  return results.map(pick).filter((x): x is number => x !== undefined);
}
