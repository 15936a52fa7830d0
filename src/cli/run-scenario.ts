/**
 * Runs one scenario for the CLI: options parsed, the run in a task that Ctrl+C cancels, the
 * transcript shown live, then the summary or the JSON document.
 *
 * @module
 */

import kleur from 'kleur';
import { compareTable } from '../report/compare.js';
import { settle, startLoopMonitor } from '../report/loop-lag.js';
import { recordTaskEvents } from '../report/task-events.js';
import { renderSummary } from '../report/text.js';
import { createTask, setTimeScale } from '../runtime/index.js';
import { createRecorder } from '../scenarios/context.js';
import { type Lang, messages } from '../scenarios/messages/index.js';
import { parseOptions } from '../scenarios/options.js';
import type { Scenario, ScenarioResult } from '../scenarios/types.js';
import { awaitUnlessInterrupted } from './interrupt.js';
import { spinnerWanted, startSpinner } from './spinner.js';
import { fileFor, showTimeline } from './timeline-output.js';

/** The options every scenario takes, already validated. */
export interface GlobalOptions {
  scale: number;
  json: boolean;
  quiet: boolean;
  lang: Lang;
  /** Print nothing: the caller shows the results (as `--compare` does). */
  silent?: boolean;
  /** `--timeline`: true draws it in the terminal; a file name writes SVG there. */
  timeline?: boolean | string;
  /** `--trace FILE`: a Chrome trace of the run. */
  trace?: string;
}

/** Runs `scenario` with its parsed `options`, writes the output, returns the result. */
export async function runScenario(
  scenario: Scenario,
  options: Record<string, unknown>,
  global: GlobalOptions,
): Promise<ScenarioResult> {
  setTimeScale(global.scale);
  await scenario.preflight?.(options);
  const out = process.stdout;
  const human = !global.json && global.silent !== true;
  const spinner = await startSpinner(kleur.dim(`${scenario.name}:`), spinnerWanted(global.json));
  const live = human && !global.quiet;
  const write = (text: string) => {
    spinner.clear();
    out.write(text);
    spinner.render();
  };
  const recorder = createRecorder(global.lang, (line) => {
    if (live) write(`${line.text}\n`);
  });
  const header = () => {
    const scale = global.scale === 1 ? '' : kleur.dim(` (scale ${global.scale})`);
    write(`${kleur.bold(scenario.name)}: ${scenario.title}${scale}\n\n`);
  };
  let outcome: string;
  const wantsEvents =
    (global.timeline !== undefined && global.timeline !== false) || global.trace !== undefined;
  const recording = wantsEvents ? recordTaskEvents() : undefined;
  const monitor = startLoopMonitor();
  const startedAt = performance.now();
  try {
    await settle();
    // The header is written from inside the task, so the signal handlers are in place by then.
    outcome = await awaitUnlessInterrupted(
      createTask(
        Object.defineProperty(
          () => {
            if (live) header();
            return scenario.run(recorder.ctx, options);
          },
          'name',
          { value: scenario.name },
        ),
        { name: 'main' },
      ),
    );
  } finally {
    monitor.stop();
    recording?.stop();
    spinner.stop();
  }
  const result = { ...recorder.result(scenario.name, options, outcome), loopLag: monitor.stop() };
  if (human) out.write(renderSummary(result));
  if (recording !== undefined)
    showTimeline(recording.stop(), startedAt, performance.now(), scenario, global);
  return result;
}

/** `--compare`: runs each of the scenario's variants over `raw`, then shows them side by side. */
export async function runCompare(
  scenario: Scenario,
  raw: Record<string, unknown>,
  global: GlobalOptions,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  for (const variant of scenario.variants ?? []) {
    const options = parseOptions(scenario, { ...raw, ...variant.options });
    const result = await runScenario(scenario, options, { ...global, silent: true });
    results.push({ ...result, variant: variant.label });
  }
  if (!global.json) {
    const scale = global.scale === 1 ? '' : ` (scale ${global.scale})`;
    process.stdout.write(
      `${kleur.bold(scenario.name)}: ${scenario.title}, compared${scale}\n\n${compareTable(results).join('\n')}\n`,
    );
  }
  return results;
}

/** `asyncdemo tour`: every scenario in notebook order, each after its notes. */
export async function runTour(
  scenarios: readonly Scenario[],
  global: GlobalOptions,
): Promise<ScenarioResult[]> {
  const results: ScenarioResult[] = [];
  const notes = messages(global.lang).notes;
  for (const [i, scenario] of scenarios.entries()) {
    if (!global.json && !global.quiet) {
      const lines = (notes[scenario.name] ?? []).map((note) => kleur.dim(`  ${note}`));
      process.stdout.write(
        `${i === 0 ? '' : '\n'}${kleur.cyan(`── ${i + 1}. ${scenario.title}`)}\n${lines.join('\n')}\n\n`,
      );
    }
    const files = {
      ...(typeof global.timeline === 'string'
        ? { timeline: fileFor(global.timeline, scenario.name) }
        : {}),
      ...(global.trace !== undefined ? { trace: fileFor(global.trace, scenario.name) } : {}),
    };
    results.push(await runScenario(scenario, parseOptions(scenario), { ...global, ...files }));
  }
  return results;
}
