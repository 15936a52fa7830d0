/**
 * The context a scenario runs in: it collects transcript, timings and checks into a result.
 *
 * @module
 */
import { absorbedBetween, followedSoFar } from '../runtime/absorbed.js';
import { now } from '../runtime/clock.js';
import {
  currentTask,
  getTimeScale,
  isVirtualTime,
  type LateCancelWarning,
  msToSeconds,
  offTheClock,
  secondsToMs,
} from '../runtime/index.js';
import { roundMs } from '../stats.js';
import { checkId } from './define.js';
import { type Lang, messages } from './messages/index.js';
import {
  DEFAULT_POLICY,
  type TolerancePolicy,
  toleranceFor,
  VIRTUAL_WAIT_TOLERANCE_MS,
} from './tolerance.js';
import type {
  Check,
  CheckSpec,
  ScenarioContext,
  ScenarioResult,
  Timing,
  TranscriptLine,
} from './types.js';

/** A context plus the result it is filling in. */
export interface RunRecorder {
  ctx: ScenarioContext;
  /**
   * A cancellation reached its task late: warned once per task, and the timing measured while
   * it happened fails with the warning as its reason.
   */
  lateCancel(warning: LateCancelWarning): void;
  result(scenario: string, options: Record<string, unknown>, outcome: string): ScenarioResult;
}

/** How a recorder reports what happens, as it happens. */
export interface RecorderHooks {
  /** Each transcript line as it is said (for live output). */
  onLine?: (line: TranscriptLine) => void;
  /** The first measurement starts (until then, a failing file experiment shows nothing). */
  onMeasure?: () => void;
  /** A warning, as it happens (the CLI writes it to stderr). */
  onWarning?: (text: string) => void;
  /** The run's clock starts: `atMs` on the loop's clock is its 0 (the transcript's, the timings'). */
  onStart?: (atMs: number) => void;
}

/** A stopwatch reading: where it began on the run's clock, the task that read it; virtual time's figures. */
interface Reading {
  fromMs: number;
  taskId: number | undefined;
  realMs?: number;
  followedMs?: number;
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
  // The loop's clock: virtual time's, when it is on (every timing and line is on it).
  const virtual = isVirtualTime();
  const start = now();
  hooks.onStart?.(start);
  /**
   * Each stopwatch reading, by its value: where it lay on the run's clock and in which task (for
   * `--explain`), and in virtual time the real ms it took and how much of it the clock did not
   * skip; a timing or check given that value is known by it.
   */
  const readings = new Map<number, Reading>();
  const transcript: TranscriptLine[] = [];
  const timings: Timing[] = [];
  const checks: Check[] = [];
  const warnings: string[] = [];
  const warned = new Set<number>();
  // The warning that spoils the next timing check: the one measured while the cancel was late.
  let spoiler: string | undefined;
  // Warnings give their times from the start of the measurement under way (else of the run).
  let measuring: number | undefined;
  const recordTiming = (label: string, wallMs: number, idealMs: number) => {
    const reading = readings.get(wallMs);
    timings.push({
      label,
      wallMs: roundMs(wallMs),
      idealMs: roundMs(idealMs),
      ...(reading?.realMs === undefined ? {} : { realMs: roundMs(reading.realMs) }),
      ...(reading === undefined
        ? {}
        : {
            fromMs: roundMs(reading.fromMs),
            toMs: roundMs(reading.fromMs + wallMs),
            ...(reading.taskId === undefined ? {} : { taskId: reading.taskId }),
          }),
    });
  };
  const startStopwatch = () => {
    const begin = now();
    const realBegin = performance.now();
    const followedBefore = followedSoFar();
    return () =>
      offTheClock(() => {
        const ms = now() - begin;
        // The stretch ends in the task that reads it: --explain walks back from there.
        const reading: Reading = { fromMs: begin - start, taskId: currentTask()?.id };
        // In virtual time, the real time the clock followed (code that ran, I/O it waited for)
        // and a jump did not absorb is what could have made the timing longer than its waits.
        if (virtual) {
          const followedAfter = followedSoFar();
          reading.realMs = performance.now() - realBegin;
          reading.followedMs =
            followedAfter - followedBefore - absorbedBetween(followedBefore, followedAfter);
        }
        readings.set(ms, reading);
        return ms;
      });
  };
  const judge = (given: CheckSpec) => {
    const reading = given.unit === 'ms' ? readings.get(given.actual) : undefined;
    const spec =
      reading?.followedMs !== undefined && reading.followedMs < VIRTUAL_WAIT_TOLERANCE_MS
        ? { ...given, waitingOnly: true }
        : given;
    const tolerance = toleranceFor(spec, policy);
    const reason = spec.unit === 'ms' ? spoiler : undefined;
    if (reason !== undefined) spoiler = undefined;
    const pass = reason === undefined && Math.abs(spec.actual - spec.expected) <= tolerance;
    checks.push({
      ...spec,
      id: experiment === '' ? spec.id : checkId(experiment, spec),
      expected: roundMs(spec.expected),
      actual: roundMs(spec.actual),
      tolerance: roundMs(tolerance),
      pass,
      ...(reason === undefined ? {} : { reason }),
    });
  };
  // The recorder watches the run: in virtual time its own work (a line kept and shown, a timing
  // or a check written down, a stopwatch read) is off the clock, as the runtime's events are.
  const ctx: ScenarioContext = {
    text: messages(lang),
    scale: getTimeScale(),
    ms: secondsToMs,
    timings,
    transcript,
    say(text) {
      offTheClock(() => {
        const line = { atMs: roundMs(now() - start), text };
        transcript.push(line);
        hooks.onLine?.(line);
      });
    },
    record(label, wallMs, idealMs) {
      offTheClock(() => recordTiming(label, wallMs, idealMs));
    },
    stopwatch() {
      return offTheClock(startStopwatch);
    },
    async measure(label, idealSeconds, fn) {
      if (!measured) offTheClock(() => hooks.onMeasure?.());
      measured = true;
      const idealMs = secondsToMs(idealSeconds);
      const elapsed = ctx.stopwatch();
      measuring = now();
      let value: Awaited<ReturnType<typeof fn>>;
      try {
        value = await fn();
      } finally {
        measuring = undefined;
      }
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
    check(given) {
      offTheClock(() => judge(given));
    },
  };
  const sinceStart = (ms: number) => msToSeconds(ms - (measuring ?? start));
  return {
    ctx,
    lateCancel(warning) {
      if (warned.has(warning.taskId)) return;
      warned.add(warning.taskId);
      const text = messages(lang).ui.lateCancel(
        warning.name,
        sinceStart(warning.askedAtMs),
        sinceStart(warning.deliveredAtMs),
        msToSeconds(warning.deliveredAtMs - warning.askedAtMs) * 1000,
      );
      warnings.push(text);
      spoiler ??= text;
      hooks.onWarning?.(text);
    },
    result: (scenario, options, outcome) => ({
      schema: 'asyncdemo.result/1',
      scenario,
      scale: getTimeScale(),
      clock: virtual ? 'virtual' : 'real',
      options,
      outcome,
      timings,
      transcript,
      checks,
      ...(warnings.length === 0 ? {} : { warnings }),
    }),
  };
}
