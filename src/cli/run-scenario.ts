/**
 * Runs one scenario for the CLI: options parsed, the run in a task that Ctrl+C cancels, the
 * transcript shown live, then the summary or the JSON document.
 *
 * @module
 */

import kleur from 'kleur';
import { settle, startLoopMonitor } from '../instrument/loop-lag.js';
import { recordTaskEvents } from '../instrument/task-events.js';
import { parseOptions } from '../options/parse-options.js';
import { compareTable } from '../report/compare.js';
import { explainLines } from '../report/explain-text.js';
import { taskSpans } from '../report/spans.js';
import { renderSummary } from '../report/text.js';
import { now } from '../runtime/clock.js';
import type { TaskEvent } from '../runtime/index.js';
import { messages } from '../scenarios/messages/index.js';
import { type RunSettings, runExperiment } from '../scenarios/run-experiment.js';
import { combineRuns } from '../scenarios/runs.js';
import type { Scenario, ScenarioResult } from '../scenarios/types.js';
import { explainResult, onRunClock, type RunDocument } from './explain-output.js';
import type { GlobalOptions } from './global-options.js';
import { awaitUnlessInterrupted } from './interrupt.js';
import { type Spinner, spinnerWanted, startSpinner } from './spinner.js';
import { fileFor, runTimeline, showTimeline, timelineSvg } from './timeline-output.js';

/** Runs `scenario` with its parsed `options`, writes the output, returns the result. */
export async function runScenario(
  scenario: Scenario,
  options: Record<string, unknown>,
  global: GlobalOptions,
): Promise<ScenarioResult> {
  await scenario.preflight?.(options);
  const runs = global.runs ?? 1;
  const warmup = global.warmup ?? 0;
  const human = !global.json && global.silent !== true;
  const spinner = await startSpinner(kleur.dim(`${scenario.name}:`), spinnerWanted(global.json));
  let shown: ShownRun;
  const more: ScenarioResult[] = [];
  try {
    for (let i = 1; i <= warmup; i++) {
      spinner.setText(kleur.dim(`${scenario.name}: warm-up ${i}/${warmup}`));
      await unshownRun(scenario, options, global);
    }
    spinner.setText(kleur.dim(runs > 1 ? `${scenario.name}: run 1/${runs}` : `${scenario.name}:`));
    shown = await shownRun(scenario, options, global, spinner);
    for (let i = 2; i <= runs; i++) {
      spinner.setText(kleur.dim(`${scenario.name}: run ${i}/${runs}`));
      more.push(await unshownRun(scenario, options, global));
    }
  } finally {
    spinner.stop();
  }
  const result: RunDocument = combineRuns([shown.result, ...more], warmup);
  const { ui } = messages(global.lang);
  if (human) process.stdout.write(renderSummary(result, ui));
  const timeline =
    shown.events === undefined
      ? undefined
      : runTimeline(shown.events, shown.startedAt, shown.endedAt);
  // The timeline's 0 is the first task's start; the result's is the run's clock.
  const offsetMs = timeline === undefined ? 0 : timeline.originMs - shown.clockStart;
  const explained =
    timeline !== undefined && global.explain === true
      ? explainResult(result, timeline, offsetMs, ui)
      : undefined;
  if (explained !== undefined && human)
    process.stdout.write(`\n${explainLines(explained, ui).join('\n')}\n`);
  if (timeline !== undefined) showTimeline(timeline, scenario, global, explained);
  if (timeline !== undefined && global.json) result.tasks = taskSpans(timeline, offsetMs);
  if (explained !== undefined && global.json)
    result.explain = explained.map((e) => onRunClock(e, offsetMs));
  global.html?.push({
    result,
    title: titleOf(scenario, global),
    notes: messages(global.lang).notes[scenario.name] ?? scenario.notes ?? [],
    ...(timeline === undefined
      ? {}
      : { timelineSvg: timelineSvg(timeline, scenario, global, explained) }),
    ...(explained === undefined ? {} : { explained }),
  });
  return result;
}

/** The run people see: its transcript live, its tasks recorded for a chart or a trace. */
interface ShownRun {
  result: ScenarioResult;
  events: TaskEvent[] | undefined;
  startedAt: number;
  endedAt: number;
  /** The run's clock's 0 on the loop's clock (the transcript's and the timings' origin). */
  clockStart: number;
}

async function shownRun(
  scenario: Scenario,
  options: Record<string, unknown>,
  global: GlobalOptions,
  spinner: Spinner,
): Promise<ShownRun> {
  const live = !global.json && global.silent !== true && !global.quiet;
  const write = (text: string) => {
    spinner.clear();
    process.stdout.write(text);
    spinner.render();
  };
  // A file's experiment shows nothing until it measures: one that throws before is a bad
  // file (one line on stderr, nothing on stdout), not half a run.
  let held: string[] | undefined = global.holdUntilMeasured === true ? [] : undefined;
  const show = (text: string) => (held === undefined ? write(text) : held.push(text));
  const release = () => {
    const text = held?.join('') ?? '';
    held = undefined;
    if (text !== '') write(text);
  };
  const { ui } = messages(global.lang);
  const header = () => {
    const scale = kleur.dim(ui.runNote(global.scale, global.clock === 'virtual'));
    const runs = (global.runs ?? 1) > 1 ? kleur.dim(ui.firstOfRuns(global.runs ?? 1)) : '';
    show(`${kleur.bold(scenario.name)}: ${titleOf(scenario, global)}${scale}${runs}\n\n`);
  };
  const asked =
    (global.timeline !== undefined && global.timeline !== false) ||
    global.trace !== undefined ||
    global.html !== undefined ||
    global.explain === true;
  // `--json` alone carries the tasks' spans, for a run of a reasonable size.
  const recording = asked
    ? recordTaskEvents()
    : global.json
      ? recordTaskEvents(JSON_EVENTS_LIMIT)
      : undefined;
  const monitor = startLoopMonitor();
  let startedAt = now();
  let clockStart = startedAt;
  let result: ScenarioResult;
  try {
    await settle();
    startedAt = now(); // the chart starts with the run, not with the settling
    result = await runExperiment(scenario, options, {
      ...runSettings(global),
      hooks: {
        onLine: (line) => {
          if (live) show(`${line.text}\n`);
        },
        onMeasure: release,
        onStart: (atMs) => {
          clockStart = atMs;
        },
        onWarning: (text) => {
          spinner.clear();
          process.stderr.write(`${kleur.yellow(`warning: ${text}`)}\n`);
          spinner.render();
        },
      },
      // The header is written from inside the task, so the signal handlers are in place by then.
      beforeRun: () => {
        if (live) header();
      },
    });
    release(); // a run that never measured still shows its transcript
  } finally {
    monitor.stop();
    recording?.stop();
  }
  return {
    result: { ...result, loopLag: monitor.stop() },
    events: recording?.stop(),
    startedAt,
    endedAt: now(),
    clockStart,
  };
}

/** `--json` without a chart keeps the tasks' spans up to this many events (about 30 000 tasks). */
const JSON_EVENTS_LIMIT = 200_000;

/** A warm-up run, or a measured run after the first: nothing shown, nothing recorded. */
async function unshownRun(
  scenario: Scenario,
  options: Record<string, unknown>,
  global: GlobalOptions,
): Promise<ScenarioResult> {
  await settle();
  return runExperiment(scenario, options, runSettings(global));
}

/** What every run of the CLI shares: the scale, the language, Ctrl+C. */
function runSettings(global: GlobalOptions): RunSettings {
  return {
    scale: global.scale,
    lang: global.lang,
    ...(global.debug === true ? { debug: true } : {}),
    ...(global.clock === 'virtual' ? { clock: 'virtual' as const } : {}),
    awaitTask: (task) => awaitUnlessInterrupted(task),
  };
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
    const section = global.html?.at(-1);
    if (section !== undefined) {
      section.result = { ...section.result, variant: variant.label };
      section.title = `${section.title}: ${variant.label}`;
    }
  }
  if (!global.json) {
    const { ui } = messages(global.lang);
    const scale = ui.runNote(global.scale, global.clock === 'virtual');
    process.stdout.write(
      `${kleur.bold(scenario.name)}: ${titleOf(scenario, global)}${ui.compared}${scale}\n\n${compareTable(results, ui).join('\n')}\n`,
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
  const { notes, ui } = messages(global.lang);
  for (const [i, scenario] of scenarios.entries()) {
    // Quiet, each table still says whose it is; otherwise the notes come with the heading.
    if (!global.json) {
      const lines = global.quiet
        ? []
        : (notes[scenario.name] ?? []).map((note) => kleur.dim(`  ${note}`));
      const heading = kleur.cyan(ui.tourHeading(i + 1, titleOf(scenario, global)));
      process.stdout.write(
        `${i === 0 ? '' : '\n'}${heading}${global.quiet ? ` ${kleur.dim(`(${scenario.name})`)}` : ''}\n${lines.map((l) => `${l}\n`).join('')}${global.quiet ? '' : '\n'}`,
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
  if (!global.json && !global.quiet) process.stdout.write(`\n${kleur.dim(ui.tourWithoutHttp)}\n`);
  return results;
}

/** The experiment's title in the run's language. */
function titleOf(scenario: Scenario, global: GlobalOptions): string {
  return messages(global.lang).ui.titles[scenario.name] ?? scenario.title;
}
