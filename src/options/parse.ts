/**
 * Parsers for option values: each returns the value or throws a {@link UsageError} that says
 * what is allowed.
 *
 * @module
 */
import { UsageError } from './usage-error.js';

/** A number of seconds, finite and above `min` (exclusive) up to `max` (inclusive). */
export function parseSeconds(flag: string, raw: string, max = 3600): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || value > max) {
    throw new UsageError(
      `${flag} must be a number of seconds above 0 and at most ${max}, got '${raw}'`,
    );
  }
  return value;
}

/** A whole number from `min` to `max`. */
export function parseInteger(flag: string, raw: string, min: number, max: number): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isInteger(value) || value < min || value > max) {
    throw new UsageError(`${flag} must be a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

/** A comma-separated list of seconds, e.g. `1,2,3`. */
export function parseSecondsList(flag: string, raw: string): number[] {
  const parts = raw.split(',');
  if (parts.length > 100)
    throw new UsageError(`${flag} takes at most 100 values, got ${parts.length}`);
  return parts.map((part) => {
    try {
      return parseSeconds(flag, part.trim(), 600);
    } catch {
      throw new UsageError(
        `${flag} must be a comma-separated list of seconds above 0 and at most 600 (like 1,2,3), got '${raw}'`,
      );
    }
  });
}

/** A comma-separated subset of `allowed`, in the order of `allowed`, without repeats. */
export function parseSubset<T extends string>(
  flag: string,
  raw: string,
  allowed: readonly T[],
): T[] {
  const wanted = raw.split(',').map((part) => part.trim());
  for (const item of wanted) {
    if (!allowed.includes(item as T)) {
      throw new UsageError(`${flag} takes any of ${allowed.join(',')}, got '${item}'`);
    }
  }
  return allowed.filter((item) => wanted.includes(item));
}

/** `--clock`: `real` (the default) or `virtual`. */
export function parseClock(raw: string): 'real' | 'virtual' {
  if (raw === 'real' || raw === 'virtual') return raw;
  throw new UsageError(
    `--clock must be real or virtual (virtual skips the waits: exact timings at once), got '${raw}'`,
  );
}

/** The time scale: 0 < F <= 10. */
export function parseScale(raw: string): number {
  const value = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(value) || value <= 0 || value > 10) {
    throw new UsageError(
      `--scale must be a number above 0 and at most 10 (0.1 runs 10x faster), got '${raw}'`,
    );
  }
  return value;
}
