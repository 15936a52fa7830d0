/**
 * A scenario's options: from raw text (the command line, or the defaults) to checked values.
 *
 * @module
 */
import type { OptionsOf, OptionValues, ScenarioOption } from './types.js';
import { UsageError } from './usage-error.js';

/** The key an option's value goes under: `--yield-every <n>` → `yieldEvery` (as commander names it). */
export function optionKey(option: ScenarioOption): string {
  const long = option.flags.split(/[ ,|]+/).find((part) => part.startsWith('--')) ?? option.flags;
  return long.slice(2).replace(/-([a-z])/g, (_, letter: string) => letter.toUpperCase());
}

/** Parses each of the scenario's options from `raw`, or from its default; throws `UsageError`. */
export function parseOptions<O extends OptionValues>(
  scenario: { readonly options: OptionsOf<O> },
  raw: Record<string, unknown> = {},
): O {
  const parsed: Record<string, unknown> = {};
  for (const [key, option] of Object.entries<ScenarioOption>(scenario.options)) {
    try {
      parsed[key] = option.parse(String(raw[key] ?? option.defaultValue));
    } catch (err) {
      // An experiment file may throw any error for a bad value: it is still bad usage.
      if (err instanceof UsageError || !(err instanceof Error)) throw err;
      throw new UsageError(err.message);
    }
  }
  return parsed as O;
}
