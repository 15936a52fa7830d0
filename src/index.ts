/**
 * The package's entry: asyncdemo's runtime (asyncio on Node) and the experiment contract.
 *
 * @example
 * import { defineExperiment, gather, sleep } from 'asyncdemo';
 *
 * export default defineExperiment({
 *   name: 'three',
 *   title: 'three waits at once',
 *   async run(ctx) {
 *     await ctx.measure('gather', 3, () => gather(() => sleep(1), () => sleep(2), () => sleep(3)));
 *   },
 * });
 *
 * @module
 */

export { UsageError } from './options/usage-error.js';
export * from './runtime/index.js';
export {
  defineExperiment,
  type Experiment,
  type ExperimentDefinition,
  isExperiment,
} from './scenarios/define.js';
export type {
  CheckSpec,
  CheckUnit,
  ScenarioContext as ExperimentContext,
  ScenarioOption as ExperimentOption,
} from './scenarios/types.js';
