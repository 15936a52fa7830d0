/**
 * The context a scenario runs in: it collects transcript, timings and checks into a result.
 *
 * @module
 */
import { getTimeScale, secondsToMs } from '../runtime/index.js';
import { type Lang, messages } from './messages/index.js';
import type { Check, ScenarioContext, ScenarioResult, Timing, TranscriptLine } from './types.js';

/** The default tolerance of a timing check: 5% of the expected time, but never under this floor. */
export const TOLERANCE_FLOOR_MS = 20;

/** 5% of `expectedMs`, at least {@link TOLERANCE_FLOOR_MS} (timer granularity and loop noise). */
export function timingTolerance(expectedMs: number): number {
  return Math.max(expectedMs * 0.05, TOLERANCE_FLOOR_MS);
}

/** A context plus the result it is filling in. */
export interface RunRecorder {
  ctx: ScenarioContext;
  result(scenario: string, options: Record<string, unknown>, outcome: string): ScenarioResult;
}

/** Makes a context; `onLine` sees each transcript line as it is said (for live output). */
export function createRecorder(
  lang: Lang = 'en',
  onLine: (line: TranscriptLine) => void = () => {},
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
    check(id, expected, actual, unit, tolerance) {
      const pass = Math.abs(actual - expected) <= tolerance;
      checks.push({
        id,
        expected: round(expected),
        actual: round(actual),
        unit,
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
