import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { combineRuns, timingStats } from '../../src/scenarios/runs.js';
import type { Check, ScenarioResult } from '../../src/scenarios/types.js';

function result(wallMs: number, actual: number, outcome = 'ok'): ScenarioResult {
  const check: Check = {
    id: 'gather.async',
    metric: 'async run time',
    expected: 300,
    actual,
    unit: 'ms',
    tolerance: 25,
    pass: Math.abs(actual - 300) <= 25,
  };
  return {
    schema: 'asyncdemo.result/1',
    scenario: 'gather',
    scale: 0.1,
    options: {},
    outcome,
    timings: [{ label: 'async', wallMs, idealMs: 300 }],
    transcript: [{ atMs: 0, text: `run at ${wallMs}` }],
    checks: [check],
  };
}

describe('statistics over runs', () => {
  it('gives the median, mean, sample standard deviation and range', () => {
    const stats = timingStats([300, 302, 301, 310]);
    assert.equal(stats.medianMs, 301); // the lower middle: always a sample
    assert.equal(stats.meanMs, 303.25);
    assert.equal(stats.stddevMs, 4.573); // √(62.75 / 3)
    assert.equal(stats.minMs, 300);
    assert.equal(stats.maxMs, 310);
    assert.deepEqual(stats.samplesMs, [300, 302, 301, 310]);
  });

  it('has no spread for one sample', () => {
    assert.equal(timingStats([5]).stddevMs, 0);
  });

  it('reports each timing as the median of its runs, with the samples', () => {
    const combined = combineRuns([result(305, 305), result(301, 301), result(330, 330)], 1);
    const [async] = combined.timings;
    assert.equal(async?.wallMs, 305);
    assert.deepEqual(async?.samplesMs, [305, 301, 330]);
    assert.deepEqual(combined.runs, { measured: 3, warmup: 1, outcomes: ['ok', 'ok', 'ok'] });
  });

  it('keeps the first run transcript, the one people saw', () => {
    const combined = combineRuns([result(305, 305), result(301, 301)], 0);
    assert.equal(combined.transcript[0]?.text, 'run at 305');
  });

  it('judges a check on the median, so one slow run does not fail it', () => {
    const combined = combineRuns([result(340, 340), result(301, 301), result(302, 302)], 0);
    assert.equal(combined.checks[0]?.actual, 302);
    assert.equal(combined.checks[0]?.pass, true);
    assert.deepEqual(combined.checks[0]?.samples, [340, 301, 302]);
  });

  it('fails a check whose median is off', () => {
    const combined = combineRuns([result(340, 340), result(345, 345), result(302, 302)], 0);
    assert.equal(combined.checks[0]?.pass, false);
  });

  it('keeps every outcome when they vary', () => {
    const combined = combineRuns([result(300, 300), result(300, 300, 'TimeoutError')], 0);
    assert.deepEqual(combined.runs?.outcomes, ['ok', 'TimeoutError']);
    assert.equal(combined.outcome, 'ok');
  });
});
