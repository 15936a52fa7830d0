/**
 * `check --junit FILE`: JUnit XML, which CI systems show as test results: a testsuite per
 * scenario, a testcase per check, a failure with expected vs actual.
 *
 * @module
 */
import type { CheckReport } from '../check/runner.js';
import type { CheckVerdict } from '../check/verdict.js';
import { formatValue } from './check-text.js';

/** Escapes text for an XML attribute or element. */
export function escapeXml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}

/** "expected 300.0 ms ± 25, got 412.0 ms (median of 5 runs)" */
export function failureMessage(check: CheckVerdict): string {
  const tolerance = check.unit === 'ms' ? ` ± ${check.tolerance.toFixed(0)}` : '';
  return `expected ${formatValue(check.expected, check.unit)}${tolerance}, got ${formatValue(check.actual, check.unit)} (median of ${check.samples.length} runs)`;
}

function testcase(check: CheckVerdict): string {
  const open = `    <testcase classname="asyncdemo.${escapeXml(check.scenario)}" name="${escapeXml(check.id)}">`;
  if (check.status === 'pass') return `${open}</testcase>`;
  const samples = check.samples.map((s) => formatValue(s, check.unit)).join(', ');
  return [
    open,
    `      <failure message="${escapeXml(failureMessage(check))}" type="${escapeXml(check.unit)}">${escapeXml(`${check.metric}; samples: ${samples}`)}</failure>`,
    '    </testcase>',
  ].join('\n');
}

/** The whole report as a JUnit XML document. */
export function toJUnit(report: CheckReport): string {
  const scenarios = [...new Set(report.checks.map((c) => c.scenario))];
  const suites = scenarios.map((scenario) => {
    const checks = report.checks.filter((c) => c.scenario === scenario);
    const failures = checks.filter((c) => c.status === 'fail').length;
    return [
      `  <testsuite name="${escapeXml(scenario)}" tests="${checks.length}" failures="${failures}" errors="0">`,
      ...checks.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  const { total, failed, durationMs } = report.summary;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="asyncdemo check" tests="${total}" failures="${failed}" errors="0" time="${(durationMs / 1000).toFixed(3)}">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
