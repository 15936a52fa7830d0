/**
 * How far a measured value may stray from its ideal and still pass.
 *
 * A timing passes within the larger of {@link TOLERANCE_FLOOR_MS} and a share of the ideal (5%
 * by default, `check --tolerance` sets it), plus any allowance the run earned. Counts and yes/no
 * must match exactly.
 *
 * Why 25 ms: Node's timers tick in whole milliseconds and on a busy CI runner a process can wait
 * one or two scheduler slices (Linux CFS: 3-24 ms) before it runs again; at `--scale 0.1` a
 * notebook second is 100 ms, so 5% alone (5 ms) would fail on noise, not on a regression.
 *
 * @module
 */
import type { CheckSpec } from './types.js';

/** The absolute floor of a timing tolerance, in ms. */
export const TOLERANCE_FLOOR_MS = 25;

/**
 * In virtual time, a timing made only of waiting (of the real time the clock followed during
 * it, less than this was not absorbed by a jump: see `runtime/absorbed.ts`) is judged to within
 * this: the waits themselves are exact, what is left is code that ran.
 */
export const VIRTUAL_WAIT_TOLERANCE_MS = 1;

/** The default share of the ideal a timing may stray by. */
export const DEFAULT_RELATIVE_TOLERANCE = 0.05;

/** The tolerance policy of a run. */
export interface TolerancePolicy {
  /** Share of the expected value (0.05 = 5%). */
  relative: number;
  /** Absolute floor in ms. */
  floorMs: number;
}

/** 5% of the ideal, at least 25 ms. */
export const DEFAULT_POLICY: TolerancePolicy = {
  relative: DEFAULT_RELATIVE_TOLERANCE,
  floorMs: TOLERANCE_FLOOR_MS,
};

/**
 * The tolerance of `spec` under `policy`: 0 for counts and yes/no; in virtual time, for a timing
 * made only of waiting, {@link VIRTUAL_WAIT_TOLERANCE_MS}.
 */
export function toleranceFor(
  spec: Pick<CheckSpec, 'expected' | 'unit' | 'allowance' | 'waitingOnly'>,
  policy: TolerancePolicy,
): number {
  if (spec.unit !== 'ms') return 0;
  if (spec.waitingOnly === true) return VIRTUAL_WAIT_TOLERANCE_MS;
  return (
    Math.max(policy.floorMs, Math.abs(spec.expected) * policy.relative) + (spec.allowance ?? 0)
  );
}
