/**
 * `--compare`: a scenario's variants side by side, one row per variant, one column per timing,
 * and the loop's worst lag.
 *
 * @module
 */
import type { UiText } from '../scenarios/messages/types.js';
import { uiEn } from '../scenarios/messages/ui-en.js';
import type { ScenarioResult } from '../scenarios/types.js';
import { alignTable } from './table.js';

function duration(ms: number | undefined, idealMs: number | undefined): string {
  if (ms === undefined || idealMs === undefined) return '—'; // it never happened in this variant
  const late = ms - idealMs;
  const value = idealMs >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`;
  return `${value} (${late >= 0 ? '+' : '-'}${Math.abs(late).toFixed(0)} ms)`;
}

/** The variants as an aligned table: variant, each timing (late by), max loop lag, outcome. */
export function compareTable(results: readonly ScenarioResult[], ui: UiText = uiEn): string[] {
  const labels = [...new Set(results.flatMap((r) => r.timings.map((t) => t.label)))];
  const head = [ui.head.variant, ...labels, ui.head.maxLoopLag, ui.head.outcome];
  const rows = results.map((result) => [
    result.variant ?? result.scenario,
    ...labels.map((label) => {
      const timing = result.timings.find((t) => t.label === label);
      return duration(timing?.wallMs, timing?.idealMs);
    }),
    result.loopLag === undefined ? '—' : `${result.loopLag.maxMs.toFixed(1)} ms`,
    result.outcome,
  ]);
  return alignTable(head, rows);
}
