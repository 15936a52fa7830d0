/** A check report for the report tests: verdicts that pass or fail, and the document. */
import type { CheckReport } from '../../src/check/runner.js';
import type { CheckVerdict } from '../../src/check/verdict.js';

/** A timing verdict `id` (`gather.sync`) that passes (301 of 300 ms) or fails (420). */
export function verdict(id: string, status: 'pass' | 'fail', metric = 'wall time'): CheckVerdict {
  return {
    scenario: id.split('.')[0] ?? id,
    id,
    metric,
    unit: 'ms',
    expected: 300,
    actual: status === 'pass' ? 301 : 420,
    tolerance: 25,
    delta: status === 'pass' ? 1 : 120,
    status,
    retried: status === 'fail',
    samples: [420, 415, 430],
  };
}

/** The `asyncdemo.check/1` document holding `checks`. */
export function report(checks: CheckVerdict[]): CheckReport {
  const failed = checks.filter((c) => c.status === 'fail').length;
  return {
    schema: 'asyncdemo.check/1',
    environment: { node: 'v20.0.0', platform: 'linux', arch: 'x64', cpus: 2, ci: true },
    config: {
      scale: 0.1,
      clock: 'real',
      runs: 3,
      warmup: 0,
      relativeTolerance: 0.05,
      toleranceFloorMs: 25,
      scenarios: ['gather'],
    },
    checks,
    summary: {
      total: checks.length,
      passed: checks.length - failed,
      failed,
      passedOnRetry: 0,
      durationMs: 1500,
    },
  };
}
