/**
 * The experiment contract: an ES module whose default export comes from `defineExperiment`.
 * The built-in experiments are written the same way.
 *
 * @module
 */

import { optionKey } from '../options/parse-options.js';
import type { CheckSpec, OptionsOf, OptionValues, Scenario, ScenarioContext } from './types.js';

/** What a file's experiment is checked for before it runs (across module copies, a symbol). */
const EXPERIMENT = Symbol.for('asyncdemo.experiment');

/** What `defineExperiment` takes; `O` (the parsed options) is inferred from `options`. */
export interface ExperimentDefinition<O extends OptionValues = OptionValues> {
  /** One word, lower case (`fanout`): the prefix of its checks (`fanout.limited`). */
  name: string;
  /** A line saying what it shows. */
  title: string;
  /** What a learner should notice; shown before the run by `tour` and in `--html`. */
  notes?: readonly string[];
  /**
   * Its own command-line options by key, as the built-in experiments declare theirs:
   * `{ limit: { flags: '--limit <n>', description, defaultValue: '3', parse: Number } }`.
   */
  options?: OptionsOf<O>;
  /** Variants that `--compare` runs side by side, as option overrides. */
  variants?: NoInfer<NonNullable<Scenario<O>['variants']>>;
  /** Pairs of options that do not go together (exit 2 when both are given). */
  incompatible?: NonNullable<Scenario<O>['incompatible']>;
  /** Checks what the run needs from outside before anything is shown (throw `UsageError`). */
  preflight?: (options: NoInfer<O>) => Promise<void>;
  /**
   * The experiment. `ctx.measure(label, idealSeconds, fn)` times `fn` against its ideal (and
   * declares the check `name.label`), `ctx.say(text)` adds a transcript line, `ctx.check(spec)`
   * declares any other invariant. Returns its outcome (`ok` when nothing is returned).
   */
  // biome-ignore lint/suspicious/noConfusingVoidType: an async run that returns nothing is ok.
  run(ctx: ScenarioContext, options: NoInfer<O>): Promise<string | void>;
}

/** An experiment as the runner runs it. */
export type Experiment<O extends OptionValues = OptionValues> = Scenario<O> & {
  readonly [EXPERIMENT]: true;
};

/**
 * Defines an experiment: what `asyncdemo run FILE` and `asyncdemo check FILE` run.
 *
 * @example
 * import { coro, defineExperiment, gather, Semaphore, sleep } from 'asyncdemo';
 *
 * export default defineExperiment({
 *   name: 'fanout',
 *   title: 'ten waits of 1 s, three at a time',
 *   async run(ctx) {
 *     const sem = new Semaphore(3);
 *     const one = (i) => sem.hold(async () => { await sleep(1); return i; });
 *     const got = await ctx.measure('limited', 4, () => gather(...Array.from({ length: 10 }, (_, i) => coro(one, i))));
 *     ctx.say(`got ${got.length}`);
 *     return 'ok';
 *   },
 * });
 */
export function defineExperiment<O extends OptionValues = OptionValues>(
  definition: ExperimentDefinition<O>,
): Experiment<O> {
  const problem = definitionProblem(definition as ExperimentDefinition);
  if (problem !== undefined) throw new TypeError(`defineExperiment: ${problem}`);
  const { run, ...rest } = definition;
  return {
    ...rest,
    options: definition.options ?? ({} as OptionsOf<O>),
    async run(ctx, options) {
      const outcome = await run(ctx, options);
      return typeof outcome === 'string' ? outcome : 'ok';
    },
    [EXPERIMENT]: true,
  };
}

/** True for what `defineExperiment` returned. */
export function isExperiment(value: unknown): value is Experiment {
  return typeof value === 'object' && value !== null && EXPERIMENT in value;
}

function definitionProblem(d: ExperimentDefinition): string | undefined {
  if (typeof d !== 'object' || d === null) return 'give it an object with name, title and run';
  if (typeof d.name !== 'string' || !/^[a-z][a-z0-9-]*$/.test(d.name))
    return `name must be one lower-case word (letters, digits, -), got ${JSON.stringify(d.name)}`;
  if (typeof d.title !== 'string' || d.title === '') return 'title must be a non-empty string';
  if (typeof d.run !== 'function') return 'run must be an async function (ctx, options)';
  for (const [key, option] of Object.entries(d.options ?? {})) {
    if (typeof option?.flags !== 'string' || typeof option.parse !== 'function')
      return `option '${key}' needs flags and parse`;
    if (optionKey(option) !== key)
      return `option '${key}' has flags '${option.flags}': its key must be '${optionKey(option)}'`;
  }
  return undefined;
}

/** A check's id: as given when it names the experiment (`fanout.limited`), else prefixed. */
export function checkId(experiment: string, spec: Pick<CheckSpec, 'id'>): string {
  return spec.id.startsWith(`${experiment}.`) ? spec.id : `${experiment}.${spec.id}`;
}
