/** Runs a scenario in-process, as the CLI does (its own clock), and returns its result document. */

import { parseOptions } from '../../src/options/parse-options.js';
import type { Lang } from '../../src/scenarios/messages/index.js';
import { runExperiment } from '../../src/scenarios/run-experiment.js';
import type { Scenario, ScenarioResult } from '../../src/scenarios/types.js';

/**
 * Runs `scenario` at `scale` with its default options overridden by `raw` (command-line text,
 * e.g. `{ yieldEvery: '0' }`).
 */
export async function runAt(
  scenario: Scenario,
  scale: number,
  raw: Record<string, string> = {},
  lang: Lang = 'en',
): Promise<ScenarioResult> {
  return runExperiment(scenario, parseOptions(scenario, raw), { scale, lang });
}

/** The transcript's lines. */
export function lines(result: ScenarioResult): string[] {
  return result.transcript.map((line) => line.text);
}

/** The wall time of the timing `label` (NaN if absent). */
export function wallMs(result: ScenarioResult, label: string): number {
  return result.timings.find((t) => t.label === label)?.wallMs ?? Number.NaN;
}

/** The checks as `[id, pass]` pairs. */
export function verdicts(result: ScenarioResult): Array<[string, boolean]> {
  return result.checks.map((c) => [c.id, c.pass]);
}

/**
 * The checks that do not depend on timing (counts, yes/no) that failed: a test asserts these are
 * none, and asserts its timings as ratios itself, which hold on a loaded machine.
 */
export function failedExactChecks(result: ScenarioResult): string[] {
  return result.checks
    .filter((c) => c.unit !== 'ms' && !c.pass)
    .map((c) => `${c.id}: ${c.actual} != ${c.expected}`);
}
