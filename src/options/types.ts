/**
 * What an experiment's options are: declarations (flags, help, default, parser) and the values
 * they give. Here, below the scenarios, so that parsing options knows nothing of experiments.
 *
 * @module
 */

/** A scenario option, turned into a commander option by the CLI; `T` is what `parse` gives. */
export interface ScenarioOption<T = unknown> {
  /** Commander flags, e.g. `--sleeps <list>`; its camelCase name is the option's key. */
  flags: string;
  description: string;
  /** The notebook's value, shown in `--help`. */
  defaultValue: string;
  /** Validates and converts the raw text; throws `UsageError` with what is allowed. */
  parse(raw: string): T;
}

/** An experiment's parsed options, by key (`yieldEvery` for `--yield-every`). */
export type OptionValues = Record<string, unknown>;

/** The option declarations that give the values `O`: one per key, its `parse` typed. */
export type OptionsOf<O extends OptionValues> = { [K in keyof O]: ScenarioOption<O[K]> };
