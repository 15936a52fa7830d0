/**
 * `--explain` for one run: each timing's chain and the run's, in words after the table, in the
 * JSON document, and on the page.
 *
 * @module
 */
import { explainRun, explainStretch } from '../report/explain.js';
import { type Explained, explainChain } from '../report/explain-text.js';
import type { Timeline } from '../report/segments.js';
import type { TaskSpans } from '../report/spans.js';
import type { UiText } from '../scenarios/messages/types.js';
import type { ScenarioResult } from '../scenarios/types.js';

/** A run's JSON document: the result, with its tasks' spans and, with `--explain`, its chains. */
export type RunDocument = ScenarioResult & { tasks?: TaskSpans[]; explain?: Explained[] };

/**
 * Explains each timing of `result` that has its stretch (a measure or a stopwatch), then the
 * whole run, on the timeline's clock. `offsetMs` takes the timeline's moments onto the run's
 * clock (the result's).
 */
export function explainResult(
  result: ScenarioResult,
  timeline: Timeline,
  offsetMs: number,
  ui: UiText,
): Explained[] {
  const explained: Explained[] = [];
  const clip = (ms: number) => Math.min(Math.max(ms - offsetMs, 0), timeline.spanMs);
  for (const timing of result.timings) {
    const { fromMs, toMs, taskId } = timing;
    if (fromMs === undefined || toMs === undefined || taskId === undefined) continue;
    const chain = explainStretch(timeline, taskId, clip(fromMs), clip(toMs));
    // A timing is off its ideal when its check failed (it is the check of the same value).
    const check = result.checks.find((c) => c.unit === 'ms' && c.actual === timing.wallMs);
    explained.push(
      explainChain(timing.label, chain, ui, {
        idealMs: timing.idealMs,
        offIdeal: check !== undefined && !check.pass,
      }),
    );
  }
  // The run's phrases stop where a timing on its chain ends: its parts read as the table's.
  const chain = explainRun(timeline);
  const onChain = (taskId: number, ms: number) =>
    chain.steps.some((s) => s.taskId === taskId && s.fromMs <= ms + 0.001 && ms <= s.toMs + 0.001);
  const breaks = result.timings.flatMap((t) =>
    t.toMs === undefined || t.taskId === undefined || !onChain(t.taskId, clip(t.toMs))
      ? []
      : [clip(t.toMs)],
  );
  explained.push(explainChain(ui.explain.run, chain, ui, undefined, breaks));
  return explained;
}

/** `explained` (on the timeline's clock) with its steps on the run's, for the JSON document. */
export function onRunClock(explained: Explained, offsetMs: number): Explained {
  const move = (ms: number) => Math.round((ms + offsetMs) * 1000) / 1000;
  return {
    ...explained,
    phrases: explained.phrases.map((phrase) => ({
      ...phrase,
      ms: Math.round(phrase.ms * 1000) / 1000,
      steps: phrase.steps.map((step) => ({
        ...step,
        fromMs: move(step.fromMs),
        toMs: move(step.toMs),
        ...(step.timeoutSinceMs === undefined ? {} : { timeoutSinceMs: move(step.timeoutSinceMs) }),
      })),
    })),
  };
}
