/**
 * `check`'s verdicts as a table for people, and the one-line summary.
 *
 * @module
 */
import { stripVTControlCharacters as plain } from 'node:util';
import kleur from 'kleur';
import type { CheckReport } from '../check/runner.js';
import type { CheckVerdict } from '../check/verdict.js';
import type { CheckUnit } from '../scenarios/types.js';

/** A value in its unit: `300.0 ms`, `2`, `yes`. */
export function formatValue(value: number, unit: CheckUnit): string {
  if (unit === 'ms') return `${value.toFixed(1)} ms`;
  if (unit === 'bool') return value >= 0.5 ? 'yes' : 'no';
  return String(value);
}

function formatDelta(verdict: CheckVerdict): string {
  if (verdict.unit !== 'ms')
    return verdict.delta === 0 ? '=' : `${verdict.delta > 0 ? '+' : ''}${verdict.delta}`;
  return `${verdict.delta >= 0 ? '+' : '-'}${Math.abs(verdict.delta).toFixed(1)} ms (±${verdict.tolerance.toFixed(0)})`;
}

function formatStatus(verdict: CheckVerdict): string {
  if (verdict.status === 'fail') return kleur.red('FAIL');
  return verdict.retried ? kleur.yellow('pass (retried)') : kleur.green('pass');
}

/** The verdicts as an aligned table: check, expected, actual, delta, status. */
export function checkTable(checks: readonly CheckVerdict[]): string[] {
  const head = ['check', 'expected', 'actual', 'delta', 'status'];
  const rows = checks.map((c) => [
    c.id,
    formatValue(c.expected, c.unit),
    formatValue(c.actual, c.unit),
    formatDelta(c),
    formatStatus(c),
  ]);
  const widths = head.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => plain(r[i] ?? '').length)),
  );
  const line = (cells: string[]) =>
    `  ${cells.map((cell, i) => cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - plain(cell).length))).join('  ')}`.trimEnd();
  return [kleur.dim(line(head)), ...rows.map(line)];
}

/**
 * Two lines: the run, then the verdict alone (`check: 14 passed, 0 failed`), the closing line CI
 * log readers look for.
 */
export function checkSummary(report: CheckReport): string {
  const { total, passed, failed, passedOnRetry, durationMs } = report.summary;
  const retry = passedOnRetry > 0 ? `, ${passedOnRetry} passed on retry` : '';
  const run = `${total} checks, ${report.config.runs} runs each at scale ${report.config.scale}, ${(durationMs / 1000).toFixed(1)} s${retry}`;
  const verdict = `check: ${passed} passed, ${failed} failed`;
  return `${kleur.dim(run)}\n${failed > 0 ? kleur.red(verdict) : verdict}`;
}
