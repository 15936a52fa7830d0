/**
 * `asyncdemo check [scenario...]`: timing regression checks for CI.
 *
 * @module
 */
import { appendFileSync } from 'node:fs';
import kleur from 'kleur';
import { type CheckReport, checkReport, runChecks } from '../check/runner.js';
import type { CheckVerdict } from '../check/verdict.js';
import { parseClock, parseInteger, parseScale } from '../options/parse.js';
import { UsageError } from '../options/usage-error.js';
import { checkRow, checkSummary, checkTableHead } from '../report/check-text.js';
import { annotations, markdownSummary } from '../report/github.js';
import { toJUnit } from '../report/junit.js';
import { createTask } from '../runtime/index.js';
import { SCENARIOS } from '../scenarios/index.js';
import { messages } from '../scenarios/messages/index.js';
import { DEFAULT_RELATIVE_TOLERANCE, TOLERANCE_FLOOR_MS } from '../scenarios/tolerance.js';
import type { Scenario } from '../scenarios/types.js';
import { awaitUnlessInterrupted, InterruptedError } from './interrupt.js';
import { loadExperiment, looksLikeFile } from './load-experiment.js';
import { checkWritable, writeOutputFile } from './output-file.js';
import { spinnerWanted, startSpinner } from './spinner.js';
import { didYouMean } from './suggest.js';

/** `check`'s own options, as commander hands them over. */
export interface CheckCommandOptions {
  scale: string;
  clock: string;
  runs: string;
  warmup: string;
  tolerance?: string;
  json?: boolean;
  junit?: string;
  html?: string;
  quiet?: boolean;
}

/** Scenarios by name, all of them when none is named; a wrong name is a usage error. */
export async function pickScenarios(names: readonly string[]): Promise<Scenario[]> {
  if (names.length === 0) return [...SCENARIOS];
  const known = SCENARIOS.map((s) => s.name);
  const picked: Scenario[] = [];
  for (const name of new Set(names)) {
    // A file's experiment (`examples/fanout.mjs`) next to the built-in ones, in the order given.
    if (looksLikeFile(name)) picked.push(await loadExperiment(name));
    else picked.push(builtIn(name, known));
  }
  const twice = picked.find((s, i) => picked.findIndex((t) => t.name === s.name) !== i);
  if (twice !== undefined)
    throw new UsageError(`two experiments are named '${twice.name}': their checks would mix`);
  return picked;
}

function builtIn(name: string, known: readonly string[]): Scenario {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (scenario !== undefined) return scenario;
  throw new UsageError(
    `unknown scenario '${name}'${didYouMean(name, known)}; known: ${known.join(', ')} (or a file: ./my-experiment.mjs)`,
  );
}

/** `0.05` or `5%`: a share from 0 to 1. */
export function parseTolerance(raw: string): number {
  const percent = raw.trim().endsWith('%');
  const value = Number(percent ? raw.trim().slice(0, -1) : raw) / (percent ? 100 : 1);
  if (raw.trim() === '' || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new UsageError(
      `--tolerance must be a share from 0 to 1 (0.05) or a percentage (5%), got '${raw}'`,
    );
  }
  return value;
}

/** `--junit` and `--html`, for a whole run or for the checks that finished before a Ctrl+C. */
async function writeFiles(report: CheckReport, options: CheckCommandOptions): Promise<void> {
  if (options.junit !== undefined) writeOutputFile('--junit', options.junit, toJUnit(report));
  if (options.html !== undefined) {
    const { renderHtmlReport } = await import('../report/html.js');
    const page = renderHtmlReport({
      title: 'asyncdemo check',
      lang: 'en',
      ui: messages('en').ui,
      experiments: [],
      checks: report,
    });
    writeOutputFile('--html', options.html, page);
  }
}

async function writeReports(report: CheckReport, options: CheckCommandOptions): Promise<void> {
  await writeFiles(report, options);
  if (process.env.GITHUB_ACTIONS !== 'true') return;
  // Workflow commands: on stdout as documented, on stderr when stdout carries the JSON document
  // (the runner reads commands from both).
  const lines = annotations(report);
  if (lines.length > 0)
    (options.json ? process.stderr : process.stdout).write(`${lines.join('\n')}\n`);
  const summaryFile = process.env.GITHUB_STEP_SUMMARY;
  if (summaryFile) appendFileSync(summaryFile, markdownSummary(report));
}

/** Runs `check`; returns the exit code (0 all passed, 1 a check failed). */
export async function checkCommand(
  names: readonly string[],
  options: CheckCommandOptions,
): Promise<number> {
  const scenarios = await pickScenarios(names);
  const scale = parseScale(options.scale);
  const clock = parseClock(options.clock);
  const runs = parseInteger('--runs', options.runs, 1, 100);
  const warmup = parseInteger('--warmup', options.warmup, 0, 100);
  const relative =
    options.tolerance === undefined
      ? DEFAULT_RELATIVE_TOLERANCE
      : parseTolerance(options.tolerance);
  // Fail before the runs, not after them, when the report cannot be written.
  if (options.junit !== undefined) checkWritable('--junit', options.junit);
  if (options.html !== undefined) checkWritable('--html', options.html);
  const spinner = await startSpinner(kleur.dim('check:'), spinnerWanted(options.json === true));
  const config = {
    scale,
    clock,
    runs,
    warmup,
    policy: { relative, floorMs: TOLERANCE_FLOOR_MS },
    scenarios: scenarios.map((s) => s.name),
  };
  // Each row as soon as its check is judged, as test runners show their tests.
  const live = options.json !== true && options.quiet !== true;
  const show = (line: string) => {
    spinner.clear();
    process.stdout.write(`${line}\n`);
    spinner.render();
  };
  const finished: CheckVerdict[] = [];
  const start = performance.now();
  let report: CheckReport;
  try {
    report = await awaitUnlessInterrupted(
      createTask(
        () => {
          // Written from inside the task: Ctrl+C's handlers are in place by then.
          if (live) show(checkTableHead());
          return runChecks(
            scenarios,
            config,
            (scenario, run, total) =>
              spinner.setText(kleur.dim(`check: ${scenario} run ${run}/${total}`)),
            (verdicts) => {
              finished.push(...verdicts);
              if (live) for (const verdict of verdicts) show(checkRow(verdict));
            },
          );
        },
        { name: 'check' },
      ),
      () => {
        spinner.clear();
        process.stderr.write('stopping...\n');
        spinner.render();
      },
    );
  } catch (err) {
    if (!(err instanceof InterruptedError)) throw err;
    // What finished stands: its summary, and a JUnit file that holds it (never an empty one).
    spinner.stop();
    const partial = checkReport(finished, config, performance.now() - start);
    if (options.json) process.stdout.write(`${JSON.stringify(partial, null, 2)}\n`);
    else process.stdout.write(`\n${checkSummary(partial)} (interrupted)\n`);
    if (finished.length > 0) await writeFiles(partial, options);
    throw err;
  } finally {
    spinner.stop();
  }
  if (options.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else process.stdout.write(`${live ? '\n' : ''}${checkSummary(report)}\n`);
  await writeReports(report, options);
  return report.summary.failed > 0 ? 1 : 0;
}
