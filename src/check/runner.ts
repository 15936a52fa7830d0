/**
 * `asyncdemo check`: runs scenarios several times at a small scale and judges their invariants.
 *
 * @module
 */
import { cpus } from 'node:os';
import { parseOptions } from '../options/parse-options.js';
import { runExperiment } from '../scenarios/run-experiment.js';
import type { TolerancePolicy } from '../scenarios/tolerance.js';
import type { Scenario, ScenarioResult } from '../scenarios/types.js';
import { type CheckVerdict, judgeScenario } from './verdict.js';

/** How `check` runs. */
export interface CheckConfig {
  scale: number;
  /** `--clock virtual`: every run in virtual time. */
  clock?: 'real' | 'virtual';
  runs: number;
  /** Runs of each scenario before its measured ones, not judged (`--warmup`). */
  warmup?: number;
  policy: TolerancePolicy;
  scenarios: string[];
}

/** The `asyncdemo.check/1` document. */
export interface CheckReport {
  schema: 'asyncdemo.check/1';
  environment: { node: string; platform: string; arch: string; cpus: number; ci: boolean };
  config: {
    scale: number;
    clock: 'real' | 'virtual';
    runs: number;
    warmup: number;
    relativeTolerance: number;
    toleranceFloorMs: number;
    scenarios: string[];
  };
  checks: CheckVerdict[];
  summary: {
    total: number;
    passed: number;
    failed: number;
    passedOnRetry: number;
    durationMs: number;
  };
}

/** Reports progress: which scenario, which run. */
export type CheckProgress = (scenario: string, run: number, runs: number) => void;

/** Receives each scenario's verdicts the moment they are judged. */
export type VerdictListener = (verdicts: CheckVerdict[]) => void;

async function runOnce(scenario: Scenario, config: CheckConfig): Promise<ScenarioResult> {
  return runExperiment(scenario, parseOptions(scenario), {
    scale: config.scale,
    policy: config.policy,
    ...(config.clock === undefined ? {} : { clock: config.clock }),
    taskName: `check:${scenario.name}`,
  });
}

async function runTimes(
  scenario: Scenario,
  config: CheckConfig,
  progress: CheckProgress,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (let run = 1; run <= config.runs; run++) {
    progress(scenario.name, run, config.runs);
    results.push(await runOnce(scenario, config));
  }
  return results;
}

/**
 * Runs every scenario `config.runs` times and judges its checks on the medians; `onVerdicts`
 * hears each scenario's verdicts as soon as they are judged.
 */
export async function runChecks(
  scenarios: readonly Scenario[],
  config: CheckConfig,
  progress: CheckProgress = () => {},
  onVerdicts: VerdictListener = () => {},
): Promise<CheckReport> {
  const start = performance.now();
  const checks: CheckVerdict[] = [];
  for (const scenario of scenarios) {
    const scenarioStart = performance.now();
    for (let i = 0; i < (config.warmup ?? 0); i++) await runOnce(scenario, config);
    const first = await runTimes(scenario, config, progress);
    const verdicts = await judgeScenario(first, config.policy, () =>
      runTimes(scenario, config, progress),
    );
    const timeMs = Math.round(performance.now() - scenarioStart);
    const timed = verdicts.map((verdict) => ({ ...verdict, timeMs }));
    checks.push(...timed);
    onVerdicts(timed);
  }
  return checkReport(checks, config, performance.now() - start);
}

/** The `asyncdemo.check/1` document for `checks` (all of them, or those finished so far). */
export function checkReport(
  checks: CheckVerdict[],
  config: CheckConfig,
  durationMs: number,
): CheckReport {
  const failed = checks.filter((c) => c.status === 'fail').length;
  return {
    schema: 'asyncdemo.check/1',
    environment: {
      node: process.version,
      platform: process.platform,
      arch: process.arch,
      cpus: cpus().length,
      ci: process.env.CI !== undefined && process.env.CI !== 'false',
    },
    config: {
      scale: config.scale,
      clock: config.clock ?? 'real',
      runs: config.runs,
      warmup: config.warmup ?? 0,
      relativeTolerance: config.policy.relative,
      toleranceFloorMs: config.policy.floorMs,
      scenarios: config.scenarios,
    },
    checks,
    summary: {
      total: checks.length,
      passed: checks.length - failed,
      failed,
      passedOnRetry: checks.filter((c) => c.retried && c.status === 'pass').length,
      durationMs: Math.round(durationMs),
    },
  };
}
