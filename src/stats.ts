/**
 * Order statistics for timing samples.
 *
 * @module
 */

/** Sorted copy of `values`. */
export function sorted(values: readonly number[]): number[] {
  return [...values].sort((a, b) => a - b);
}

/** The `p`-th percentile (0..100) of `values`, nearest rank; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  const s = sorted(values);
  if (s.length === 0) return Number.NaN;
  const rank = Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1));
  return s[rank] as number;
}

/** The median of `values` (the lower middle for an even count, so it is always a sample). */
export function median(values: readonly number[]): number {
  return percentile(values, 50);
}

/** Milliseconds rounded to the microsecond, as results keep them. */
export function roundMs(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}
