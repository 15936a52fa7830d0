/**
 * The registry of scenarios, in the notebook's order.
 *
 * @module
 */
import { cancelScenario } from './cancel.js';
import { coroScenario } from './coro.js';
import { cpuScenario } from './cpu.js';
import { gatherScenario } from './gather.js';
import { taskGroupScenario } from './taskgroup.js';
import { timeoutScenario } from './timeout.js';
import type { Scenario } from './types.js';

/** Every scenario, in notebook order. */
export const SCENARIOS: readonly Scenario[] = [
  coroScenario,
  gatherScenario,
  cancelScenario,
  taskGroupScenario,
  timeoutScenario,
  cpuScenario,
];

/** The scenario called `name`, if any. */
export function findScenario(name: string): Scenario | undefined {
  return SCENARIOS.find((scenario) => scenario.name === name);
}
