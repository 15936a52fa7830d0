/**
 * GitHub Actions output for `check`: an `::error` annotation per failed check, and a Markdown
 * table for the job summary (`$GITHUB_STEP_SUMMARY`).
 *
 * @module
 */
import type { CheckReport } from '../check/runner.js';
import { formatValue } from './check-text.js';
import { failureMessage } from './junit.js';

/** Escapes a workflow command's message: `%`, CR and LF, as the runner requires. */
export function escapeData(text: string): string {
  return text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
}

/** Escapes a workflow command's property (such as `title`): also `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
}

/** One `::error title=...::message` line per failed check. */
export function annotations(report: CheckReport): string[] {
  return report.checks
    .filter((c) => c.status === 'fail')
    .map(
      (c) =>
        `::error title=${escapeProperty(`asyncdemo check ${c.id}`)}::${escapeData(`${c.metric}: ${failureMessage(c)}`)}`,
    );
}

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The verdicts as a Markdown table, for the job summary. */
export function markdownSummary(report: CheckReport): string {
  const { total, passed, failed } = report.summary;
  const rows = report.checks.map(
    (c) =>
      `| ${cell(c.id)} | ${formatValue(c.expected, c.unit)} | ${formatValue(c.actual, c.unit)} | ${c.unit === 'ms' ? `±${c.tolerance.toFixed(0)} ms` : 'exact'} | ${c.status === 'pass' ? (c.retried ? '✅ (retried)' : '✅') : `❌${c.reason === undefined ? '' : ` ${cell(c.reason)}`}`} |`,
  );
  return [
    `### asyncdemo check: ${passed}/${total} passed${failed > 0 ? `, ${failed} failed` : ''}`,
    '',
    `Node ${report.environment.node}, ${report.environment.cpus} CPUs, scale ${report.config.scale}, median of ${report.config.runs} runs.`,
    '',
    '| check | expected | actual | tolerance | status |',
    '|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}
