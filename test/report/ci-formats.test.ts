import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckReport } from '../../src/check/runner.js';
import type { CheckVerdict } from '../../src/check/verdict.js';
import {
  annotations,
  escapeData,
  escapeProperty,
  markdownSummary,
} from '../../src/report/github.js';
import { escapeXml, toJUnit } from '../../src/report/junit.js';

function verdict(id: string, status: 'pass' | 'fail', metric = 'wall time'): CheckVerdict {
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

function report(checks: CheckVerdict[]): CheckReport {
  const failed = checks.filter((c) => c.status === 'fail').length;
  return {
    schema: 'asyncdemo.check/1',
    environment: { node: 'v20.0.0', platform: 'linux', arch: 'x64', cpus: 2, ci: true },
    config: {
      scale: 0.1,
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

describe('GitHub annotations', () => {
  it('escapes %, CR and LF in the message', () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
  });

  it('also escapes : and , in a property', () => {
    assert.equal(escapeProperty('a: b, c%'), 'a%3A b%2C c%25');
  });

  it('writes one ::error line per failed check and none for passes', () => {
    const lines = annotations(
      report([verdict('gather.async', 'fail', '50% of\nit'), verdict('gather.sync', 'pass')]),
    );
    assert.equal(lines.length, 1);
    assert.equal(
      lines[0],
      '::error title=asyncdemo check gather.async::50%25 of%0Ait: expected 300.0 ms ± 25, got 420.0 ms (median of 3 runs)',
    );
  });

  it('summarises as a Markdown table', () => {
    const md = markdownSummary(
      report([verdict('gather.async', 'fail'), verdict('gather.sync', 'pass')]),
    );
    assert.match(md, /^### asyncdemo check: 1\/2 passed, 1 failed$/m);
    assert.match(md, /^\| gather\.async \| 300\.0 ms \| 420\.0 ms \| ±25 ms \| ❌ \|$/m);
  });
});

describe('JUnit XML', () => {
  it('has a testsuite per scenario and a testcase per check, failures with expected vs actual', () => {
    const xml = toJUnit(
      report([
        verdict('gather.async', 'fail'),
        verdict('gather.sync', 'pass'),
        verdict('timeout.fired', 'pass'),
      ]),
    );
    assert.match(
      xml,
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="asyncdemo check" tests="3" failures="1"/,
    );
    assert.match(xml, /<testsuite name="gather" tests="2" failures="1" errors="0" time="[\d.]+">/);
    assert.match(xml, /<testsuite name="timeout" tests="1" failures="0" errors="0" time="[\d.]+">/);
    assert.match(xml, /<testcase classname="asyncdemo\.gather" name="gather\.sync" time="[\d.]+">/);
    assert.match(
      xml,
      /<failure message="expected 300\.0 ms ± 25, got 420\.0 ms \(median of 3 runs\)" type="ms">/,
    );
  });

  it("carries each check's time and samples, which CI test views show", () => {
    const xml = toJUnit(report([{ ...verdict('gather.async', 'pass'), timeMs: 1234 }]));
    assert.match(xml, /name="gather\.async" time="1\.234">/);
    assert.match(xml, /<property name="samples" value="[^"]+ ms, [^"]+ ms, [^"]+ ms"\/>/);
    assert.match(xml, /<system-out>samples: [^<]+<\/system-out>/);
  });

  it('escapes XML', () => {
    assert.equal(
      escapeXml(`<a href="x">&'</a>`),
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    );
  });
});
