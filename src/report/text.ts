/**
 * A result as text for people: the timing table next to the ideal, and the outcome.
 *
 * @module
 */
import kleur from 'kleur';
import type { ScenarioResult, Timing } from '../scenarios/types.js';

/** Seconds with two decimals, as the notebook prints; under a second of ideal, ms. */
function duration(ms: number, idealMs: number): string {
  return idealMs >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

function signedMs(ms: number): string {
  const size = Math.abs(ms);
  return `${ms >= 0 ? '+' : '-'}${size >= 1000 ? `${(size / 1000).toFixed(2)} s` : `${size.toFixed(1)} ms`}`;
}

function row(cells: string[], widths: number[]): string {
  return `  ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
}

/** The timings as an aligned table: label, measured, ideal, difference. */
export function timingTable(timings: readonly Timing[]): string[] {
  const rows = timings.map((t) => [
    t.label,
    duration(t.wallMs, t.idealMs),
    duration(t.idealMs, t.idealMs),
    signedMs(t.wallMs - t.idealMs),
  ]);
  const head = ['timing', 'measured', 'ideal', 'difference'];
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
  return [kleur.dim(row(head, widths)), ...rows.map((r) => row(r, widths))];
}

/** "async is 2.00x faster than sync (ideal 2.00x)", when both were measured. */
export function speedUp(
  timings: readonly Timing[],
  slow: string,
  fast: string,
): string | undefined {
  const a = timings.find((t) => t.label === slow);
  const b = timings.find((t) => t.label === fast);
  if (a === undefined || b === undefined) return undefined;
  const measured = a.wallMs / b.wallMs;
  const ideal = a.idealMs / b.idealMs;
  return `  ${fast} is ${kleur.bold(`${measured.toFixed(2)}x`)} faster than ${slow} (ideal ${ideal.toFixed(2)}x)`;
}

/** The whole summary printed after a run: table, speed-up, failed checks, outcome. */
export function renderSummary(result: ScenarioResult): string {
  const lines = ['', ...timingTable(result.timings)];
  const faster = speedUp(result.timings, 'sync', 'async');
  if (faster !== undefined) lines.push(faster);
  for (const check of result.checks.filter((c) => !c.pass)) {
    lines.push(
      kleur.yellow(
        `  off the ideal: ${check.id} ${check.actual} ${check.unit}, expected ${check.expected} ± ${check.tolerance}`,
      ),
    );
  }
  if (result.loopLag !== undefined) {
    const { maxMs, p99Ms, utilization } = result.loopLag;
    lines.push(
      kleur.dim(
        `  loop lag: max ${maxMs.toFixed(1)} ms, p99 ${p99Ms.toFixed(1)} ms; thread busy ${(utilization * 100).toFixed(0)}%`,
      ),
    );
  }
  const outcome = result.outcome === 'ok' ? kleur.green('ok') : kleur.red(result.outcome);
  lines.push(`  outcome: ${outcome}`);
  return `${lines.join('\n')}\n`;
}
