/**
 * A result as text for people: the timing table next to the ideal, and the outcome.
 *
 * @module
 */
import kleur from 'kleur';
import type { UiText } from '../scenarios/messages/types.js';
import { uiEn } from '../scenarios/messages/ui-en.js';
import type { Check, ScenarioResult, Timing } from '../scenarios/types.js';
import { alignTable } from './table.js';

/** How a table shows durations: seconds (two decimals, as the notebook prints) or ms. */
export type Unit = 's' | 'ms';

/** Seconds when any ideal of the table is a second or more, else ms: one unit per column. */
export function unitFor(timings: readonly Timing[]): Unit {
  return timings.some((t) => t.idealMs >= 1000) ? 's' : 'ms';
}

/** A duration in `unit`, rounded for people. */
export function formatDuration(ms: number, unit: Unit): string {
  return unit === 's' ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
}

/** A signed difference, always in ms (it is small next to the durations). */
export function signedMs(ms: number): string {
  return `${ms >= 0 ? '+' : '-'}${Math.abs(ms).toFixed(1)} ms`;
}

/**
 * The timings as an aligned table: label, measured, ideal, difference. Over several runs the
 * measured column is the median ± σ, and the range follows it (as hyperfine shows them).
 */
export function timingTable(
  timings: readonly Timing[],
  ui: UiText = uiEn,
  virtual = false,
): string[] {
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
  const { timing, medianSigma, range, ideal, difference } = ui.head;
  const measured = virtual ? ui.head.measuredVirtual : ui.head.measured;
  const head = overRuns
    ? [timing, medianSigma, range, ideal, difference]
    : [timing, measured, ideal, difference];
  return alignTable(head, rows);
}

/** "async is 2.00x faster than sync (ideal 2.00x)", when both were measured. */
export function speedUp(
  timings: readonly Timing[],
  slow: string,
  fast: string,
  ui: UiText = uiEn,
): string | undefined {
  const a = timings.find((t) => t.label === slow);
  const b = timings.find((t) => t.label === fast);
  if (a === undefined || b === undefined) return undefined;
  const measured = a.wallMs / b.wallMs;
  const ideal = a.idealMs / b.idealMs;
  return `  ${ui.faster(fast, slow, kleur.bold(`${measured.toFixed(2)}x`), `${ideal.toFixed(2)}x`)}`;
}

/**
 * The whole summary printed after a run: table, speed-up, checks off the ideal, loop lag,
 * outcome. Red is for a failed check only: an outcome that is the lesson's end (`TimeoutError`
 * in `timeout`) is not one.
 */
export function renderSummary(result: ScenarioResult, ui: UiText = uiEn): string {
  const lines = ['', ...timingTable(result.timings, ui, result.clock === 'virtual')];
  const faster = speedUp(result.timings, 'sync', 'async', ui);
  if (faster !== undefined) lines.push(faster);
  const unit = unitFor(result.timings);
  const missed = result.checks.filter((c) => !c.pass);
  for (const check of missed) {
    lines.push(kleur.yellow(`  ${offIdealText(check, unit, ui)}`));
    if (check.reason !== undefined) lines.push(kleur.yellow(`    ${check.reason}`));
  }
  if (result.loopLag !== undefined) {
    const { maxMs, p99Ms, utilization } = result.loopLag;
    lines.push(kleur.dim(`  ${ui.loopLag(maxMs, p99Ms, utilization * 100)}`));
  }
  const outcome =
    result.outcome === 'ok'
      ? kleur.green('ok')
      : missed.length > 0
        ? kleur.red(result.outcome)
        : `${kleur.cyan(result.outcome)} ${kleur.dim(`(${ui.lessonEnd})`)}`;
  lines.push(`  ${ui.outcome}: ${outcome}${runsNote(result, ui)}`);
  return `${lines.join('\n')}\n`;
}

/** `(5 runs after 1 warm-up, the transcript is the first's)`, and how outcomes varied. */
function runsNote(result: ScenarioResult, ui: UiText): string {
  if (result.runs === undefined) return '';
  const { measured, warmup, outcomes } = result.runs;
  const counts = new Map<string, number>();
  for (const o of outcomes) counts.set(o, (counts.get(o) ?? 0) + 1);
  const varied = counts.size > 1 ? [...counts].map(([o, n]) => `${o} ×${n}`).join(', ') : '';
  return kleur.dim(` (${ui.runsNote(measured, warmup, varied)})`);
}

/** A check off its ideal, in words: `off the ideal: cancel.total 3.20 s, +203.6 ms off 3.00 s (allowed ±150 ms)`. */
export function offIdealText(check: Check, unit: Unit, ui: UiText = uiEn): string {
  if (check.unit !== 'ms') return ui.offExpected(check.id, check.actual, check.expected);
  return ui.offIdeal(
    check.id,
    formatDuration(check.actual, unit),
    signedMs(check.actual - check.expected),
    formatDuration(check.expected, unit),
    check.tolerance,
  );
}
