/**
 * The registry of scenarios, in the notebook's order.
 *
 * @module
 */
import { gatherScenario } from './gather.js';
import type { Scenario } from './types.js';

/** Every scenario, in notebook order. */
export const SCENARIOS: readonly Scenario[] = [gatherScenario];

/** The scenario called `name`, if any. */
export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}
