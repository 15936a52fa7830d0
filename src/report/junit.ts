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
  const because = check.reason === undefined ? '' : `; ${check.reason}`;
  return `expected ${formatValue(check.expected, check.unit)}${tolerance}, got ${formatValue(check.actual, check.unit)} (median of ${check.samples.length} runs)${because}`;
}

const seconds = (ms: number | undefined) => ((ms ?? 0) / 1000).toFixed(3);

/**
 * A check as a testcase: its scenario's run time as `time`, and what CI test views show of it
 * as properties (expected, measured median, tolerance, each sample).
 */
function testcase(check: CheckVerdict): string {
  const samples = check.samples.map((s) => formatValue(s, check.unit)).join(', ');
  const property = (name: string, value: string) =>
    `        <property name="${name}" value="${escapeXml(value)}"/>`;
  const lines = [
    `    <testcase classname="asyncdemo.${escapeXml(check.scenario)}" name="${escapeXml(check.id)}" time="${seconds(check.timeMs)}">`,
    '      <properties>',
    property('metric', check.metric),
    property('expected', formatValue(check.expected, check.unit)),
    property('actual (median)', formatValue(check.actual, check.unit)),
    ...(check.unit === 'ms' ? [property('tolerance', `± ${check.tolerance.toFixed(0)} ms`)] : []),
    property('samples', samples),
    ...(check.retried ? [property('retried', 'yes')] : []),
    '      </properties>',
  ];
  if (check.status === 'fail') {
    lines.push(
      `      <failure message="${escapeXml(failureMessage(check))}" type="${escapeXml(check.unit)}">${escapeXml(`${check.metric}; samples: ${samples}`)}</failure>`,
    );
  }
  lines.push(
    `      <system-out>${escapeXml(`samples: ${samples}`)}</system-out>`,
    '    </testcase>',
  );
  return lines.join('\n');
}

/** The whole report as a JUnit XML document. */
export function toJUnit(report: CheckReport): string {
  const scenarios = [...new Set(report.checks.map((c) => c.scenario))];
  const suites = scenarios.map((scenario) => {
    const checks = report.checks.filter((c) => c.scenario === scenario);
    const failures = checks.filter((c) => c.status === 'fail').length;
    return [
      `  <testsuite name="${escapeXml(scenario)}" tests="${checks.length}" failures="${failures}" errors="0" time="${seconds(checks[0]?.timeMs)}">`,
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
