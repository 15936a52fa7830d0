import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { stripVTControlCharacters as stripAnsi } from 'node:util';
import {
  BaselineError,
  compare,
  incomparable,
  parseBaseline,
  toBaseline,
} from '../../src/bench/baseline.js';
import type { BenchReport, BenchRow } from '../../src/bench/run.js';
import { comparisonLines, toActionBenchmark } from '../../src/report/bench-text.js';

function row(name: string, score: number, scoreKind: BenchRow['scoreKind'] = 'ratio'): BenchRow {
  return {
    name,
    unit: 'ms',
    value: 1,
    min: 0.9,
    max: 1.2,
    floorName: 'raw',
    floorValue: 0.5,
    score,
    scoreKind,
  };
}

function report(rows: BenchRow[], node = 'v20.20.2', cpus = 2): BenchReport {
  return {
    schema: 'asyncdemo.bench/1',
    environment: { node, platform: 'linux', arch: 'x64', cpus },
    size: 10_000,
    rows,
  };
}

const base = toBaseline(
  report([row('createTask + await', 2), row('timeout p99', 0.8, 'overhead-ms')]),
);

describe('bench baseline', () => {
  it('keeps scores (ratios and overheads), with the node version and cpu count', () => {
    assert.deepEqual(base, {
      schema: 'asyncdemo.bench-baseline/1',
      node: 'v20.20.2',
      cpus: 2,
      scores: { 'createTask + await': 2, 'timeout p99': 0.8 },
    });
  });

  it('judges a ratio by its best rounds: 1.3x worse than the typical baseline fails', () => {
    const [c] = compare(base, report([{ ...row('createTask + await', 3), best: 2.6 }]));
    assert.equal(c?.status, 'fail');
    assert.equal(c?.factor, 1.3);
  });

  it('does not fail a noisy run whose best rounds are as good as the baseline', () => {
    // The median of the rounds is 2x worse; the best rounds say the runtime is not.
    const noisy = { ...row('createTask + await', 4), best: 2.1, rounds: [2.1, 3, 4, 5, 6] };
    assert.equal(compare(base, report([noisy]))[0]?.status, 'ok');
  });

  it('warns half-way to the failure', () => {
    const at = (best: number) =>
      compare(base, report([{ ...row('createTask + await', best), best }]))[0]?.status;
    assert.equal(at(2.28), 'ok');
    assert.equal(at(2.32), 'warn');
  });

  it('gives a bench of 10 000 tasks more room (failAt 1.5)', () => {
    const big = (best: number) =>
      compare(base, report([{ ...row('createTask + await', best), best, failAt: 1.5 }]))[0]?.status;
    assert.equal(big(2.9), 'warn');
    assert.equal(big(3), 'fail');
  });

  it('compares a latency by difference: 1 ms later fails, tenths of a ms do not', () => {
    const tiny = toBaseline(report([row('timeout p50', 0.1, 'overhead-ms')]));
    const at = (ms: number) => compare(tiny, report([row('timeout p50', ms, 'overhead-ms')]))[0];
    assert.equal(at(0.4)?.status, 'ok'); // 4x the baseline, but 0.3 ms
    assert.equal(at(0.7)?.status, 'warn');
    assert.equal(at(1.2)?.status, 'fail');
  });

  it('does not compare info rows', () => {
    const withInfo = { ...base, scores: { ...base.scores, lag: 1 } };
    assert.deepEqual(compare(withInfo, report([row('lag', 100, 'info')])), []);
  });

  it('gives no verdict across Node majors or cpu counts', () => {
    assert.match(incomparable(base, report([], 'v22.1.0')) ?? '', /Node v20\.20\.2/);
    assert.match(incomparable(base, report([], 'v20.1.0', 4)) ?? '', /2 CPUs/);
    assert.equal(incomparable(base, report([], 'v20.1.0', 2)), undefined);
  });

  it('rejects a file that is not a baseline', () => {
    assert.throws(() => parseBaseline('{', 'b.json'), BaselineError);
    assert.throws(
      () => parseBaseline('{"schema":"x"}', 'b.json'),
      /not an asyncdemo bench baseline/,
    );
    assert.throws(
      () => parseBaseline(JSON.stringify({ ...base, scores: { a: 'fast' } }), 'b.json'),
      BaselineError,
    );
    assert.deepEqual(parseBaseline(JSON.stringify(base), 'b.json'), base);
  });
});

describe("github-action-benchmark's customSmallerIsBetter", () => {
  it('has name, unit, value and range per bench, and the ratio to raw Node', () => {
    const entries = toActionBenchmark(report([row('createTask + await', 2)]));
    assert.deepEqual(entries[0], {
      name: 'createTask + await',
      unit: 'ms',
      value: 1,
      range: '0.900000-1.200000',
      extra: 'floor: raw = 0.500000 ms; Node v20.20.2, 2 CPUs',
    });
    assert.deepEqual(entries[1], { name: 'createTask + await / raw Node', unit: 'x', value: 2 });
  });
});

describe('baseline verdict lines', () => {
  it('put failures first and show a latency as ms later, a ratio as a factor', () => {
    const lines = comparisonLines([
      {
        name: 'sleep(0) turn',
        kind: 'ratio',
        baseline: 2,
        current: 2.1,
        factor: 1.05,
        status: 'ok',
      },
      {
        name: 'timeout p50',
        kind: 'latency',
        baseline: 0.2,
        current: 1.4,
        factor: 7,
        status: 'fail',
      },
    ]).map(stripAnsi);
    assert.match(lines[0] ?? '', /FAIL\s+\+1\.20 ms\s+timeout p50/);
    assert.match(lines[1] ?? '', /ok\s+1\.05x\s+sleep\(0\) turn/);
  });
});
