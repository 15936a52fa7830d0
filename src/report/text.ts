/**
 * A result as text for people: the timing table next to the ideal, and the outcome.
 *
 * @module
 */
import kleur from 'kleur';
import type { ScenarioResult, Timing } from '../scenarios/types.js';

/** How a table shows durations: seconds (two decimals, as the notebook prints) or ms. */
type Unit = 's' | 'ms';

/** Seconds when any ideal of the table is a second or more, else ms: one unit per column. */
function unitFor(timings: readonly Timing[]): Unit {
  return timings.some((t) => t.idealMs >= 1000) ? 's' : 'ms';
}

/** A duration in `unit`, rounded for people. */
export function formatDuration(ms: number, unit: Unit): string {
  return unit === 's' ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** A signed difference, always in ms (it is small next to the durations). */
function signedMs(ms: number): string {
  return `${ms >= 0 ? '+' : '-'}${Math.abs(ms).toFixed(1)} ms`;
}

function row(cells: string[], widths: number[]): string {
  return `  ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ')}`.trimEnd();
}

/**
 * The timings as an aligned table: label, measured, ideal, difference. Over several runs the
 * measured column is the median ± σ, and the range follows it (as hyperfine shows them).
 */
export function timingTable(timings: readonly Timing[]): string[] {
  const unit = unitFor(timings);
  const overRuns = timings.some((t) => (t.samplesMs?.length ?? 1) > 1);
  const rows = timings.map((t) => [
    t.label,
    ...(overRuns
      ? [
          `${formatDuration(t.wallMs, unit)} ± ${formatDuration(t.stddevMs ?? 0, unit)}`,
          `${formatDuration(t.minMs ?? t.wallMs, unit)} … ${formatDuration(t.maxMs ?? t.wallMs, unit)}`,
        ]
      : [formatDuration(t.wallMs, unit)]),
    formatDuration(t.idealMs, unit),
    signedMs(t.wallMs - t.idealMs),
  ]);
  const head = overRuns
    ? ['timing', 'median ± σ', 'range', 'ideal', 'difference']
    : ['timing', 'measured', 'ideal', 'difference'];
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
  const unit = unitFor(result.timings);
  for (const check of result.checks.filter((c) => !c.pass)) {
    const said =
      check.unit === 'ms'
        ? `${formatDuration(check.actual, unit)}, ${signedMs(check.actual - check.expected)} off ${formatDuration(check.expected, unit)} (allowed ±${check.tolerance.toFixed(0)} ms)`
        : `${check.actual}, expected ${check.expected}`;
    lines.push(kleur.yellow(`  off the ideal: ${check.id} ${said}`));
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
  lines.push(`  outcome: ${outcome}${runsNote(result)}`);
  return `${lines.join('\n')}\n`;
}

/** `(5 runs after 1 warm-up)`, and how the outcomes varied when they did. */
function runsNote(result: ScenarioResult): string {
  if (result.runs === undefined) return '';
  const { measured, warmup, outcomes } = result.runs;
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  const varied =
    counts.size > 1
      ? `; outcomes varied: ${[...counts].map(([o, n]) => `${o} ×${n}`).join(', ')}`
      : '';
  const warm = warmup > 0 ? ` after ${warmup} warm-up` : '';
  return kleur.dim(` (${measured} runs${warm}, the transcript is the first's${varied})`);
}
