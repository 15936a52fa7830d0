/**
 * The context a scenario runs in: it collects transcript, timings and checks into a result.
 *
 * @module
 */
import { getTimeScale, secondsToMs } from '../runtime/index.js';
import { roundMs } from '../stats.js';
import { checkId } from './define.js';
import { type Lang, messages } from './messages/index.js';
import { DEFAULT_POLICY, type TolerancePolicy, toleranceFor } from './tolerance.js';
import type { Check, ScenarioContext, ScenarioResult, Timing, TranscriptLine } from './types.js';

/** A context plus the result it is filling in. */
export interface RunRecorder {
  ctx: ScenarioContext;
  result(scenario: string, options: Record<string, unknown>, outcome: string): ScenarioResult;
}

/** How a recorder reports what happens, as it happens. */
export interface RecorderHooks {
  /** Each transcript line as it is said (for live output). */
  onLine?: (line: TranscriptLine) => void;
  /** The first measurement starts (until then, a failing file experiment shows nothing). */
  onMeasure?: () => void;
}

/**
 * Makes the context of one run of `experiment` (the prefix of its checks), in `lang`, judged by
 * `policy`.
 */
export function createRecorder(
  lang: Lang = 'en',
  hooks: RecorderHooks = {},
  policy: TolerancePolicy = DEFAULT_POLICY,
  experiment = '',
): RunRecorder {
  let measured = false;
  const start = performance.now();
  const transcript: TranscriptLine[] = [];
  const timings: Timing[] = [];
  const checks: Check[] = [];
  const ctx: ScenarioContext = {
    text: messages(lang),
    scale: getTimeScale(),
    ms: secondsToMs,
    timings,
    transcript,
    say(text) {
      const line = { atMs: roundMs(performance.now() - start), text };
      transcript.push(line);
      hooks.onLine?.(line);
    },
    record(label, wallMs, idealMs) {
      timings.push({ label, wallMs: roundMs(wallMs), idealMs: roundMs(idealMs) });
    },
    stopwatch() {
      const begin = performance.now();
      return () => performance.now() - begin;
    },
    async measure(label, idealSeconds, fn) {
      if (!measured) hooks.onMeasure?.();
      measured = true;
      const idealMs = secondsToMs(idealSeconds);
      const elapsed = ctx.stopwatch();
      const value = await fn();
      const wallMs = elapsed();
      ctx.record(label, wallMs, idealMs);
      ctx.check({
        id: label,
        metric: `${label} wall time`,
        expected: idealMs,
        actual: wallMs,
        unit: 'ms',
      });
      return value;
    },
    check(spec) {
      const tolerance = toleranceFor(spec, policy);
      const pass = Math.abs(spec.actual - spec.expected) <= tolerance;
      checks.push({
        ...spec,
        id: experiment === '' ? spec.id : checkId(experiment, spec),
        expected: roundMs(spec.expected),
        actual: roundMs(spec.actual),
        tolerance: roundMs(tolerance),
        pass,
      });
    },
  };
  return {
    ctx,
    result: (scenario, options, outcome) => ({
      schema: 'asyncdemo.result/1',
      scenario,
      scale: getTimeScale(),
      options,
      outcome,
      timings,
      transcript,
      checks,
    }),
  };
}
