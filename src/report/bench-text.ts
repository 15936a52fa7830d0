/**
 * `bench` results: a table for people, github-action-benchmark's JSON, baseline verdicts.
 *
 * @module
 */
import kleur from 'kleur';
import type { Comparison } from '../bench/baseline.js';
import type { BenchReport, BenchRow } from '../bench/run.js';
import { alignTable } from './table.js';

function ms(value: number): string {
  if (Math.abs(value) >= 100) return `${value.toFixed(0)} ms`;
  if (Math.abs(value) >= 1) return `${value.toFixed(2)} ms`;
  return `${(value * 1000).toFixed(1)} µs`;
}

function ratio(row: BenchRow): string {
  return row.scoreKind === 'ratio' ? `${row.score.toFixed(2)}x` : '';
}

/** The bench table: name, median, min–max, ratio to the floor, and the floor. */
export function benchTable(report: BenchReport): string[] {
  const head = ['bench', 'median', 'min–max', 'ratio', 'raw Node floor'];
  const rows = report.rows.map((row) => [
    row.name,
    ms(row.value),
    row.min === row.max ? '' : `${ms(row.min)}–${ms(row.max)}`,
    ratio(row),
    `${ms(row.floorValue)} ${kleur.dim(`(${row.floorName})`)}`,
  ]);
  return alignTable(head, rows);
}

/** An entry of github-action-benchmark's `customSmallerIsBetter` format. */
export interface ActionBenchmarkEntry {
  name: string;
  unit: string;
  value: number;
  range?: string;
  extra?: string;
}

/** The report as github-action-benchmark's `customSmallerIsBetter` array. */
export function toActionBenchmark(report: BenchReport): ActionBenchmarkEntry[] {
  const entries: ActionBenchmarkEntry[] = [];
  for (const row of report.rows) {
    entries.push({
      name: row.name,
      unit: 'ms',
      value: Number(row.value.toFixed(6)),
      range: `${row.min.toFixed(6)}-${row.max.toFixed(6)}`,
      extra: `floor: ${row.floorName} = ${row.floorValue.toFixed(6)} ms; Node ${report.environment.node}, ${report.environment.cpus} CPUs`,
    });
    if (row.scoreKind === 'ratio') {
      entries.push({
        name: `${row.name} / raw Node`,
        unit: 'x',
        value: Number(row.score.toFixed(4)),
      });
    }
  }
  return entries;
}

/** How far from the baseline, in the comparison's own terms: `1.12x` or `+0.31 ms`. */
function change(c: Comparison): string {
  if (c.kind === 'ratio') return `${c.factor.toFixed(2)}x`;
  const later = c.current - c.baseline;
  return `${later >= 0 ? '+' : '−'}${Math.abs(later).toFixed(2)} ms`;
}

const SEVERITY = { fail: 0, warn: 1, ok: 2 } as const;

/** The baseline verdicts, worst first, as lines. */
export function comparisonLines(comparisons: readonly Comparison[]): string[] {
  return [...comparisons]
    .sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || b.factor - a.factor)
    .map((c) => {
      const status =
        c.status === 'fail'
          ? kleur.red('FAIL')
          : c.status === 'warn'
            ? kleur.yellow('warn')
            : kleur.green('ok');
      return `  ${status}  ${change(c).padStart(8)}  ${c.name} (baseline ${c.baseline.toFixed(3)}, now ${c.current.toFixed(3)})`;
    });
}
