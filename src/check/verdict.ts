/**
 * From the checks of several runs to one verdict per check: the median against the ideal.
 * Pure functions, so the verdict logic is tested on synthetic samples.
 *
 * @module
 */

import { type TolerancePolicy, toleranceFor } from '../scenarios/tolerance.js';
import type { CheckUnit, ScenarioResult } from '../scenarios/types.js';
import { median } from '../stats.js';

/** One check's values over the runs of its scenario. */
export interface CheckSamples {
  scenario: string;
  id: string;
  metric: string;
  unit: CheckUnit;
  expected: number;
  /** `actual` of each run. */
  samples: number[];
  /** The allowance each run earned (ms). */
  allowances: number[];
  /** Why runs failed it whatever its value (a late cancel's warning), if any did. */
  reasons: string[];
  /** In virtual time: whether each run's timing was made only of waiting. */
  waitingOnly: boolean[];
}

/** How a check ended. */
export type CheckStatus = 'pass' | 'fail';

/** One check's verdict. */
export interface CheckVerdict {
  scenario: string;
  id: string;
  metric: string;
  unit: CheckUnit;
  expected: number;
  /** The median of the samples. */
  actual: number;
  tolerance: number;
  /** actual - expected. */
  delta: number;
  status: CheckStatus;
  /** True when the first runs failed it and the verdict comes from a second set of runs. */
  retried: boolean;
  samples: number[];
  /** Wall time of the scenario's runs that gave this verdict, ms (JUnit's `time`). */
  timeMs?: number;
  /** Why it failed whatever its value: what spoiled the timing in a run (a late cancel). */
  reason?: string;
  /** In virtual time, a timing made only of waiting in every run: judged to ±1 ms. */
  waitingOnly?: boolean;
}

/** Groups the checks of `results` (runs of one scenario) by id, in first-seen order. */
export function collectSamples(results: readonly ScenarioResult[]): CheckSamples[] {
  const byId = new Map<string, CheckSamples>();
  for (const result of results) {
    for (const check of result.checks) {
      let entry = byId.get(check.id);
      if (entry === undefined) {
        entry = {
          scenario: result.scenario,
          id: check.id,
          metric: check.metric,
          unit: check.unit,
          expected: check.expected,
          samples: [],
          allowances: [],
          reasons: [],
          waitingOnly: [],
        };
        byId.set(check.id, entry);
      }
      entry.samples.push(check.actual);
      entry.allowances.push(check.allowance ?? 0);
      entry.waitingOnly.push(check.waitingOnly === true);
      if (check.reason !== undefined) entry.reasons.push(check.reason);
    }
  }
  return [...byId.values()];
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Judges the median of `samples` against the expected value under `policy`. */
export function judge(
  samples: CheckSamples,
  policy: TolerancePolicy,
  retried = false,
): CheckVerdict {
  const actual = median(samples.samples);
  const waitingOnly = samples.waitingOnly.length > 0 && samples.waitingOnly.every(Boolean);
  const tolerance = toleranceFor(
    {
      expected: samples.expected,
      unit: samples.unit,
      allowance: median(samples.allowances),
      waitingOnly,
    },
    policy,
  );
  const delta = actual - samples.expected;
  const reason = samples.reasons[0];
  return {
    scenario: samples.scenario,
    id: samples.id,
    metric: samples.metric,
    unit: samples.unit,
    expected: samples.expected,
    actual: round(actual),
    tolerance: round(tolerance),
    delta: round(delta),
    status: reason === undefined && Math.abs(delta) <= tolerance ? 'pass' : 'fail',
    retried,
    samples: samples.samples,
    ...(reason === undefined ? {} : { reason }),
    ...(waitingOnly ? { waitingOnly } : {}),
  };
}

/**
 * Judges every check of one scenario; if any fails, `rerun()` gets a fresh set of runs and each
 * failed check is judged again on those: it fails only if it fails twice.
 */
export async function judgeScenario(
  first: readonly ScenarioResult[],
  policy: TolerancePolicy,
  rerun: () => Promise<readonly ScenarioResult[]>,
): Promise<CheckVerdict[]> {
  const verdicts = collectSamples(first).map((samples) => judge(samples, policy));
  if (verdicts.every((v) => v.status === 'pass')) return verdicts;
  const second = new Map(collectSamples(await rerun()).map((samples) => [samples.id, samples]));
  return verdicts.map((verdict) => {
    if (verdict.status === 'pass') return verdict;
    const again = second.get(verdict.id);
    return again === undefined ? { ...verdict, retried: true } : judge(again, policy, true);
  });
}
