/**
 * The registry of scenarios, in the notebook's order.
 *
 * @module
 */
import { cancelScenario } from './cancel.js';
import { coroScenario } from './coro.js';
import { cpuScenario } from './cpu.js';
import { gatherScenario } from './gather.js';
import { httpScenario } from './http.js';
import { taskGroupScenario } from './taskgroup.js';
import { timeoutScenario } from './timeout.js';
import type { Scenario } from './types.js';

/** The notebook's experiments, in its order (what `tour` runs). */
export const NOTEBOOK_SCENARIOS: readonly Scenario[] = [
  coroScenario,
  gatherScenario,
  cancelScenario,
  taskGroupScenario,
  timeoutScenario,
  cpuScenario,
];

/** Every scenario: the notebook's, then the ones that go beyond it (`http`). */
export const SCENARIOS: readonly Scenario[] = [...NOTEBOOK_SCENARIOS, httpScenario];
