/**
 * `check`'s verdicts as a table for people, and the one-line summary.
 *
 * @module
 */
import { stripVTControlCharacters as plain } from 'node:util';
import kleur from 'kleur';
import type { CheckReport } from '../check/runner.js';
import type { CheckVerdict } from '../check/verdict.js';
import { VIRTUAL_WAIT_TOLERANCE_MS } from '../scenarios/tolerance.js';
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

const HEAD = ['check', 'expected', 'actual', 'delta', 'status'];
/**
 * Fixed column widths, so that a row can be printed the moment its check is judged and still
 * line up with the rows before it (the longest check id is 29 characters).
 */
const WIDTHS = [30, 10, 10, 20, 0];

function line(cells: readonly string[]): string {
  return `  ${cells
    .map((cell, i) => {
      const width = WIDTHS[i] ?? 0;
      const text = plain(cell).length > width && width > 0 ? `${cell.slice(0, width - 1)}…` : cell;
      return text + ' '.repeat(Math.max(0, width - plain(text).length));
    })
    .join('  ')}`.trimEnd();
}

/** The table's head line. */
export function checkTableHead(): string {
  return kleur.dim(line(HEAD));
}

/**
 * One verdict as a row of the table: check, expected, actual, delta, status; under it, why it
 * failed whatever its value, if something spoiled it.
 */
export function checkRow(c: CheckVerdict): string {
  const row = line([
    c.id,
    formatValue(c.expected, c.unit),
    formatValue(c.actual, c.unit),
    formatDelta(c),
    formatStatus(c),
  ]);
  return c.reason === undefined ? row : `${row}\n    ${kleur.red(c.reason)}`;
}

/** The verdicts as an aligned table: check, expected, actual, delta, status. */
export function checkTable(checks: readonly CheckVerdict[]): string[] {
  return [checkTableHead(), ...checks.map(checkRow)];
}

/** `, virtual time (… judged to ±1 ms)` for a check in virtual time, else ''. */
export function clockNote(report: CheckReport): string {
  return report.config.clock === 'virtual'
    ? `, virtual time (timings made only of waiting judged to ±${VIRTUAL_WAIT_TOLERANCE_MS} ms)`
    : '';
}

/**
 * Two lines: the run, then the verdict alone (`check: 14 passed, 0 failed`), the closing line CI
 * log readers look for.
 */
export function checkSummary(report: CheckReport): string {
  const { total, passed, failed, passedOnRetry, durationMs } = report.summary;
  const retry = passedOnRetry > 0 ? `, ${passedOnRetry} passed on retry` : '';
  const { runs } = report.config;
  const run = `${total} check${total === 1 ? '' : 's'}, ${runs} run${runs === 1 ? '' : 's'} each at scale ${report.config.scale}${clockNote(report)}, ${(durationMs / 1000).toFixed(1)} s${retry}`;
  const verdict = `check: ${passed} passed, ${failed} failed`;
  return `${kleur.dim(run)}\n${failed > 0 ? kleur.red(verdict) : verdict}`;
}
