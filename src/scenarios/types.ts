/**
 * The shape of a scenario (one notebook experiment) and of what it reports.
 *
 * @module
 */
import type { LoopLag } from '../instrument/loop-lag.js';
import type { OptionsOf, OptionValues, ScenarioOption } from '../options/types.js';
import type { Messages } from './messages/index.js';

export type { OptionsOf, OptionValues, ScenarioOption };

/** One line the experiment printed, stamped with the wall-clock ms since the run began. */
export interface TranscriptLine {
  atMs: number;
  text: string;
}

/**
 * A measured wall-clock time next to its ideal, both in real (scaled) milliseconds. Over
 * `--runs N`, `wallMs` is the median of the N samples and the statistics come with it.
 */
export interface Timing {
  label: string;
  wallMs: number;
  idealMs: number;
  /** Each measured run's value (one with `--runs 1`). */
  samplesMs?: number[];
  /** In virtual time: the real milliseconds the measured stretch took. */
  realMs?: number;
  /** Where the measured stretch began and ended, ms from the run's start (as the transcript). */
  fromMs?: number;
  toMs?: number;
  /** The task that measured it (a row of the run's `tasks`). */
  taskId?: number;
  meanMs?: number;
  /** The samples' standard deviation (n − 1, as hyperfine); 0 for one sample. */
  stddevMs?: number;
  minMs?: number;
  maxMs?: number;
}

/** What a check measures in: timings get a tolerance, counts and yes/no (1/0) must match. */
export type CheckUnit = 'ms' | 'count' | 'bool';

/** An invariant a scenario declares: `actual` should be `expected`. */
export interface CheckSpec {
  /** Stable id, `scenario.what` (e.g. `timeout.fired`). */
  id: string;
  /** What is measured, in words. */
  metric: string;
  expected: number;
  actual: number;
  unit: CheckUnit;
  /** Extra ms of tolerance this run earned (e.g. the longest CPU chunk in `cpu`). */
  allowance?: number;
  /** Over `--runs N`: each run's actual value (`actual` is their median). */
  samples?: number[];
  /**
   * In virtual time: a timing made only of waiting (no CPU work or real I/O in it), judged to
   * within `VIRTUAL_WAIT_TOLERANCE_MS`.
   */
  waitingOnly?: boolean;
}

/** A check as judged: within `tolerance` of `expected`, or not. */
export interface Check extends CheckSpec {
  tolerance: number;
  pass: boolean;
  /** Why it failed whatever its value: the warning of what spoiled the timing (a late cancel). */
  reason?: string;
}

/** One run's result: the `asyncdemo.result/1` document. */
export interface ScenarioResult {
  schema: 'asyncdemo.result/1';
  scenario: string;
  scale: number;
  /** The loop's clock: `real`, or `virtual` (`--clock virtual`: waits skipped, exact). */
  clock?: 'real' | 'virtual';
  options: Record<string, unknown>;
  /** `ok`, or the name of the error the lesson ends with (`TimeoutError`, `CancelledError`, …). */
  outcome: string;
  timings: Timing[];
  transcript: TranscriptLine[];
  checks: Check[];
  /** What went wrong without failing the run, one line each (a cancellation that came late). */
  warnings?: string[];
  /** How the loop lagged during the run (the CLI measures it). */
  loopLag?: LoopLag;
  /** With `--compare`: which variant this run was. */
  variant?: string;
  /** With `--runs N` (N > 1): the runs measured, the warm-up runs before them, each outcome. */
  runs?: { measured: number; warmup: number; outcomes: string[] };
}

/** What a scenario's `run` may use; it never writes to the terminal itself. */
export interface ScenarioContext {
  /** The transcript's wording of the built-in experiments, in the chosen language. */
  readonly text: Messages;
  /** The run's time scale (`--scale`): 0.1 runs ten times faster. */
  readonly scale: number;
  /** Notebook seconds to scaled milliseconds. */
  ms(seconds: number): number;
  /** Adds a transcript line (and shows it live, if someone shows it). */
  say(text: string): void;
  /** Records a timing measured some other way (e.g. from a stopwatch). */
  record(label: string, wallMs: number, idealMs: number): void;
  /** Starts a stopwatch: the returned function gives the ms elapsed since. */
  stopwatch(): () => number;
  /**
   * Runs `fn` and records its wall time next to its ideal (notebook seconds, scaled by
   * `--scale`) under `label`; declares the check `name.label` (the wall time within tolerance of
   * the ideal); returns what `fn` returned.
   */
  measure<T>(label: string, idealSeconds: number, fn: () => PromiseLike<T> | T): Promise<T>;
  /**
   * Declares an invariant; the tolerance comes from the run's policy (see `tolerance.ts`). An id
   * without the experiment's name before a dot gets it (`limited` → `fanout.limited`).
   */
  check(spec: CheckSpec): void;
  /** The timings recorded so far. */
  readonly timings: readonly Timing[];
  /** The transcript so far. */
  readonly transcript: readonly TranscriptLine[];
}

/**
 * One experiment: data plus one async function, typed by its options `O`. Written with
 * `defineExperiment` (see `define.ts`); the built-in ones keep their notes in the catalogs.
 */
export interface Scenario<O extends OptionValues = OptionValues> {
  name: string;
  title: string;
  /** What to notice, for an experiment whose notes are not in the catalogs (a user's). */
  notes?: readonly string[];
  /** Its options, by key: `{ sleeps: sleepsOption(...) }` for `--sleeps`. */
  options: OptionsOf<O>;
  /**
   * Variants shown side by side by `--compare` (e.g. cpu: with yields, without, offloaded), as
   * option overrides in command-line text.
   */
  variants?: Array<{ label: string; options: Partial<Record<keyof O & string, string>> }>;
  /**
   * Checks what the run needs from outside (a server) before anything is shown or timed; throws
   * a `UsageError` when it is not there.
   */
  preflight?(options: O): Promise<void>;
  /** Pairs of options that do not go together, with why (given both: exit 2, not a wrong run). */
  incompatible?: Array<{ options: [string, string]; why: string }>;
  /** Runs the experiment; returns its outcome (`ok` or the lesson's error name). */
  run(ctx: ScenarioContext, options: O): Promise<string>;
}
