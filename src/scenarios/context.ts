/**
 * The context a scenario runs in: it collects transcript, timings and checks into a result.
 *
 * @module
 */
import { getTimeScale, secondsToMs } from '../runtime/index.js';
import { type Lang, messages } from './messages/index.js';
import { DEFAULT_POLICY, type TolerancePolicy, toleranceFor } from './tolerance.js';
import type { Check, ScenarioContext, ScenarioResult, Timing, TranscriptLine } from './types.js';

/** A context plus the result it is filling in. */
export interface RunRecorder {
  ctx: ScenarioContext;
  result(scenario: string, options: Record<string, unknown>, outcome: string): ScenarioResult;
}

/** Makes a context; `onLine` sees each transcript line as it is said (for live output). */
export function createRecorder(
  lang: Lang = 'en',
  onLine: (line: TranscriptLine) => void = () => {},
  policy: TolerancePolicy = DEFAULT_POLICY,
): RunRecorder {
  const start = performance.now();
  const transcript: TranscriptLine[] = [];
  const timings: Timing[] = [];
  const checks: Check[] = [];
  const ctx: ScenarioContext = {
    text: messages(lang),
    ms: secondsToMs,
    timings,
    transcript,
    say(text) {
      const line = { atMs: round(performance.now() - start), text };
      transcript.push(line);
      onLine(line);
    },
    record(label, wallMs, idealMs) {
      timings.push({ label, wallMs: round(wallMs), idealMs: round(idealMs) });
    },
    stopwatch() {
      const begin = performance.now();
      return () => performance.now() - begin;
    },
    async measure(label, idealMs, fn) {
      const elapsed = ctx.stopwatch();
      try {
        return await fn();
      } finally {
        ctx.record(label, elapsed(), idealMs);
      }
    },
    check(spec) {
      const tolerance = toleranceFor(spec, policy);
      const pass = Math.abs(spec.actual - spec.expected) <= tolerance;
      checks.push({
        ...spec,
        expected: round(spec.expected),
        actual: round(spec.actual),
        tolerance: round(tolerance),
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

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
