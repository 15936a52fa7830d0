import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  type CheckSamples,
  collectSamples,
  judge,
  judgeScenario,
} from '../../src/check/verdict.js';
import { DEFAULT_POLICY } from '../../src/scenarios/tolerance.js';
import type { ScenarioResult } from '../../src/scenarios/types.js';

function samples(
  values: number[],
  expected = 1000,
  unit: CheckSamples['unit'] = 'ms',
): CheckSamples {
  return {
    scenario: 's',
    id: 's.t',
    metric: 'm',
    unit,
    expected,
    samples: values,
    allowances: values.map(() => 0),
    reasons: [],
    waitingOnly: values.map(() => false),
  };
}

function result(actual: number, expected = 1000): ScenarioResult {
  return {
    schema: 'asyncdemo.result/1',
    scenario: 's',
    scale: 0.1,
    options: {},
    outcome: 'ok',
    timings: [],
    transcript: [],
    checks: [{ id: 's.t', metric: 'm', unit: 'ms', expected, actual, tolerance: 0, pass: true }],
  };
}

describe('judge', () => {
  it('passes a median within 5% of the ideal', () => {
    const verdict = judge(samples([1010, 1040, 990, 1200, 1020]), DEFAULT_POLICY);
    assert.equal(verdict.actual, 1020);
    assert.equal(verdict.tolerance, 50);
    assert.equal(verdict.status, 'pass');
  });

  it('fails a check that a run spoiled, whatever its value, with the reason', () => {
    const spoiled = { ...samples([1000, 1000, 1000]), reasons: ['Task-3 was cancelled late'] };
    const verdict = judge(spoiled, DEFAULT_POLICY);
    assert.equal(verdict.status, 'fail');
    assert.equal(verdict.reason, 'Task-3 was cancelled late');
  });

  it('collects the reason a run gave a check', () => {
    const spoiled = result(1000);
    spoiled.checks = spoiled.checks.map((c) => ({ ...c, pass: false, reason: 'late' }));
    assert.deepEqual(collectSamples([result(1000), spoiled])[0]?.reasons, ['late']);
  });

  it('fails a median outside the tolerance', () => {
    const verdict = judge(samples([1100, 1080, 1060]), DEFAULT_POLICY);
    assert.equal(verdict.status, 'fail');
    assert.equal(verdict.delta, 80);
  });

  it('passes exactly at the edge of the tolerance and fails just past it', () => {
    assert.equal(judge(samples([1050]), DEFAULT_POLICY).status, 'pass');
    assert.equal(judge(samples([1050.01]), DEFAULT_POLICY).status, 'fail');
  });

  it('uses the 25 ms floor when 5% is smaller', () => {
    const verdict = judge(samples([124], 100), DEFAULT_POLICY);
    assert.equal(verdict.tolerance, 25);
    assert.equal(verdict.status, 'pass');
  });

  it('takes a relative tolerance from the policy', () => {
    assert.equal(judge(samples([1080]), { relative: 0.1, floorMs: 25 }).status, 'pass');
  });

  it('adds the allowance a run earned', () => {
    const withAllowance = { ...samples([1090]), allowances: [60] };
    assert.equal(judge(withAllowance, DEFAULT_POLICY).tolerance, 110);
  });

  it('wants counts exactly', () => {
    assert.equal(judge(samples([2, 2, 3], 2, 'count'), DEFAULT_POLICY).status, 'pass');
    assert.equal(judge(samples([3, 3, 2], 2, 'count'), DEFAULT_POLICY).status, 'fail');
  });
});

describe('judgeScenario', () => {
  it('does not re-run when everything passed', async () => {
    let reruns = 0;
    const verdicts = await judgeScenario([result(1000)], DEFAULT_POLICY, async () => {
      reruns++;
      return [];
    });
    assert.equal(reruns, 0);
    assert.equal(verdicts[0]?.retried, false);
  });

  it('passes a check that fails once and passes on the re-run', async () => {
    const verdicts = await judgeScenario([result(1300)], DEFAULT_POLICY, async () => [
      result(1010),
    ]);
    assert.equal(verdicts[0]?.status, 'pass');
    assert.equal(verdicts[0]?.retried, true);
  });

  it('fails a check that fails twice', async () => {
    const verdicts = await judgeScenario([result(1300)], DEFAULT_POLICY, async () => [
      result(1200),
    ]);
    assert.equal(verdicts[0]?.status, 'fail');
    assert.equal(verdicts[0]?.retried, true);
  });
});

describe('collectSamples', () => {
  it('groups the runs of a check by id', () => {
    const grouped = collectSamples([result(1000), result(1010), result(990)]);
    assert.equal(grouped.length, 1);
    assert.deepEqual(grouped[0]?.samples, [1000, 1010, 990]);
  });
});
