/**
 * The `asyncdemo` command: one subcommand per notebook experiment, plus `list` and `tour`.
 * `bin/asyncdemo.js` calls {@link main}.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import kleur from 'kleur';
import type { BenchCommandOptions } from './cli/bench-command.js';
import type { CheckCommandOptions } from './cli/check-command.js';
import type { CompareCommandOptions } from './cli/compare-command.js';
import type { GlobalOptions } from './cli/global-options.js';
import { InterruptedError } from './cli/interrupt.js';
import { checkWritable, writeOutputFile } from './cli/output-file.js';
import { didYouMean } from './cli/suggest.js';
import { parseClock, parseInteger, parseScale } from './options/parse.js';
import { parseOptions } from './options/parse-options.js';
import { UsageError } from './options/usage-error.js';
import { PACKAGE_ROOT } from './package-root.js';
import { wantsColor } from './report/color.js';
import { NOTEBOOK_SCENARIOS, SCENARIOS } from './scenarios/index.js';
import { LANGUAGES, type Lang, messages } from './scenarios/messages/index.js';
import type { Scenario, ScenarioOption } from './scenarios/types.js';

const { version } = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as {
  version: string;
};

type RawOptions = Record<string, unknown>;

/** The experiments' options that may also come before the command (`asyncdemo --scale 0.1 gather`). */
const GLOBAL_KEYS = [
  'scale',
  'json',
  'lang',
  'color',
  'quiet',
  'timeline',
  'trace',
  'runs',
  'warmup',
  'html',
  'debug',
  'clock',
  'explain',
] as const;

/** `--no-color`, the same on every command. */
const NO_COLOR_HELP = 'no colours (also NO_COLOR, TERM=dumb, or not a terminal)';

/** `--json`'s help: what the one document on stdout is; everything for eyes goes to stderr. */
function jsonHelp(document: string): string {
  return `write one ${document} to stdout, nothing else there`;
}

function addGlobalOptions(command: Command, defaults = true): Command {
  return command
    .option(
      '--scale <factor>',
      'time scale: 0.1 runs 10x faster, same ratios (0 < F <= 10)',
      defaults ? '1' : undefined,
    )
    .option('--json', jsonHelp('JSON document (asyncdemo.result/1; tour: an array)'))
    .option(
      '--lang <lang>',
      `transcript language: ${LANGUAGES.join(' or ')}`,
      defaults ? 'en' : undefined,
    )
    .option('--no-color', NO_COLOR_HELP)
    .option('-q, --quiet', 'only the result table')
    .option(
      '--runs <n>',
      'measure N runs: each timing is their median, with ± σ and the range (JSON: all samples)',
      defaults ? '1' : undefined,
    )
    .option(
      '--warmup <n>',
      'runs before the measured ones, not counted',
      defaults ? '0' : undefined,
    )
    .option(
      '--timeline [file]',
      'draw the tasks on a time axis; with FILE.svg, write an SVG there (tour: FILE-NAME.svg, one per experiment)',
    )
    .option(
      '--trace <file>',
      'write a Chrome trace of the tasks (open in Perfetto or chrome://tracing)',
    )
    .option(
      '--html <file>',
      'write one self-contained page: notes, transcript, table and timeline (open in a browser)',
    )
    .option(
      '--clock <kind>',
      'real, or virtual: waits take no time and timings are exact; CPU work and real I/O still cost what they cost',
      defaults ? 'real' : undefined,
    )
    .option(
      '--explain',
      'after the table, the chain of waits and runs that set each timing and the run (JSON: "explain")',
    )
    .option(
      '--debug',
      "asyncio's debug mode: report each step that holds the loop over 0.1 s, and coroutines never awaited (also ASYNCDEMO_DEBUG=1)",
    );
}

/** Validates the options every scenario takes and sets colour from them. */
function prepare(raw: RawOptions): GlobalOptions {
  const lang = String(raw.lang);
  if (!LANGUAGES.includes(lang as Lang)) {
    throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}, got '${lang}'`);
  }
  const timeline = raw.timeline;
  if (typeof timeline === 'string' && !timeline.endsWith('.svg')) {
    throw new UsageError(
      `--timeline writes SVG: give a file ending in .svg, or no file to draw it here, got '${timeline}'`,
    );
  }
  if (typeof timeline === 'string') checkWritable('--timeline', timeline);
  if (typeof raw.trace === 'string') checkWritable('--trace', raw.trace);
  if (typeof raw.html === 'string') checkWritable('--html', raw.html);
  return {
    scale: parseScale(String(raw.scale)),
    runs: parseInteger('--runs', String(raw.runs), 1, 1000),
    warmup: parseInteger('--warmup', String(raw.warmup), 0, 1000),
    json: raw.json === true,
    quiet: raw.quiet === true,
    ...(raw.debug === true ? { debug: true } : {}),
    ...(raw.explain === true ? { explain: true } : {}),
    ...(parseClock(String(raw.clock)) === 'virtual' ? { clock: 'virtual' as const } : {}),
    lang: lang as Lang,
    ...(timeline === true || typeof timeline === 'string' ? { timeline } : {}),
    ...(typeof raw.trace === 'string' ? { trace: raw.trace } : {}),
    ...(typeof raw.html === 'string' ? { html: [] } : {}),
  };
}

/** Writes the `--html` page of what ran (the sections `runScenario` collected). */
async function writeHtml(raw: RawOptions, global: GlobalOptions, title: string): Promise<void> {
  if (typeof raw.html !== 'string' || global.html === undefined) return;
  const { renderHtmlReport } = await import('./report/html.js');
  const { ui } = messages(global.lang);
  const page = renderHtmlReport({ title, lang: global.lang, ui, experiments: global.html });
  writeOutputFile('--html', raw.html, page);
}

function writeJson(document: unknown): void {
  process.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
}

/** The flags given on the command line (not defaults), as `--yield-every`. */
function givenFlags(command: Command): Set<string> {
  return new Set(
    command.options
      .filter((option) => command.getOptionValueSource(option.attributeName()) === 'cli')
      .map((option) => option.long ?? ''),
  );
}

/**
 * Refuses options that would make a run report the wrong thing: two that do not go together,
 * or, with `--compare`, one that the variants set themselves or a chart (the comparison draws
 * none): exit 2, never a mislabelled result.
 */
function refuseCombinations(scenario: Scenario, command: Command, compare: boolean): void {
  const given = givenFlags(command);
  for (const { options, why } of scenario.incompatible ?? []) {
    if (given.has(options[0]) && given.has(options[1]))
      throw new UsageError(`${options[0]} and ${options[1]} do not go together: ${why}`);
  }
  if (!compare) return;
  const labels = (scenario.variants ?? []).map((v) => v.label).join('; ');
  for (const variant of scenario.variants ?? []) {
    for (const key of Object.keys(variant.options)) {
      const flag = command.options.find((o) => o.attributeName() === key)?.long;
      if (flag !== undefined && given.has(flag))
        throw new UsageError(`--compare runs its own variants (${labels}): drop ${flag}`);
    }
  }
  for (const flag of ['--timeline', '--trace', '--explain']) {
    if (given.has(flag))
      throw new UsageError(
        `--compare ${flag === '--explain' ? 'explains no run' : `draws no ${flag.slice(2)}`}: run one variant with it, as ${scenario.name} ${variantFlags(scenario)} ${flag}`,
      );
  }
}

/** The flags of the last variant, to show how to run one alone (`--offload`). */
function variantFlags(scenario: Scenario): string {
  const last = scenario.variants?.at(-1)?.options ?? {};
  return Object.entries(last)
    .map(([key, value]) => {
      const flag = `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
      return value === 'true' ? flag : `${flag} ${value}`;
    })
    .join(' ');
}

/** A file's experiment, loaded before the command line is parsed (its options are its own). */
export interface FileExperiment {
  file: string;
  scenario: Scenario;
}

function addScenario(program: Command, scenario: Scenario, fromFile?: FileExperiment): void {
  const command = fromFile
    ? program
        .command('run')
        .argument('<file>', 'an experiment module (export default defineExperiment(...))')
        .description(`${scenario.title} (${fromFile.file})`)
    : program.command(scenario.name).description(scenario.title);
  for (const option of Object.values<ScenarioOption>(scenario.options)) {
    command.option(option.flags, option.description, option.defaultValue);
  }
  if (scenario.variants !== undefined) {
    const labels = scenario.variants.map((v) => v.label).join('; ');
    command.option('--compare', `run the variants side by side: ${labels}`);
  }
  addGlobalOptions(command).action(async (...args: unknown[]) => {
    const raw = args[fromFile ? 1 : 0] as RawOptions;
    refuseCombinations(scenario, command, raw.compare === true);
    const global = prepare(raw);
    // Command code loads when a command runs: --version and list stay as quick as node itself.
    const { runCompare, runScenario } = await import('./cli/run-scenario.js');
    const title = `asyncdemo ${scenario.name}: ${messages(global.lang).ui.titles[scenario.name] ?? scenario.title}`;
    if (fromFile) global.holdUntilMeasured = true;
    if (raw.compare === true) {
      const results = await runCompare(scenario, raw, global);
      await writeHtml(raw, global, title);
      if (global.json) writeJson(results);
      return;
    }
    const result = await runScenario(scenario, parseOptions(scenario, raw), global);
    await writeHtml(raw, global, title);
    if (global.json) writeJson(result);
  });
}

/** `run` when no file was loaded first: its help, or a one-line error. */
function addRunHelp(program: Command): void {
  program
    .command('run')
    .argument('<file>', 'an experiment module (export default defineExperiment(...))')
    .description('your own experiment: a module whose default export is defineExperiment({...})')
    .allowUnknownOption()
    .action(() => {
      throw new UsageError('run needs a file: asyncdemo run ./my-experiment.mjs [options]');
    });
}

function oneLine(message: string): string {
  return message
    .replace(/^error: /, '')
    .replace(/\s*\n\s*/g, ' ')
    .trim();
}

/**
 * Options given before the command count as if given after it, where the command takes them
 * (`asyncdemo --scale 0.1 gather`); one the command does not take is a usage error.
 */
function applyOptionsGivenFirst(program: Command, command: Command): void {
  for (const key of GLOBAL_KEYS) {
    if (program.getOptionValueSource(key) !== 'cli') continue;
    const takes = command.options.some((option) => option.attributeName() === key);
    const flag = key === 'color' ? '--no-color' : `--${key}`;
    if (!takes) throw new UsageError(`${flag} does not apply to '${command.name()}'`);
    if (command.getOptionValueSource(key) !== 'cli')
      command.setOptionValueWithSource(key, program.getOptionValue(key), 'cli');
  }
}

/** `help [command]`: one command's help; an unknown name is one line, as any usage error. */
function addHelpCommand(program: Command): void {
  program
    .command('help')
    .description('display help for a command')
    .argument('[command]', 'the command')
    .action((name?: string) => {
      if (name === undefined) {
        program.outputHelp();
        return;
      }
      const command = program.commands.find((c) => c.name() === name);
      if (command === undefined) {
        const known = program.commands.map((c) => c.name());
        throw new UsageError(`unknown command '${name}'${didYouMean(name, known)}`);
      }
      command.outputHelp();
    });
}

/** The `asyncdemo` program, ready to parse. */
export function buildProgram(fromFile?: FileExperiment): Command {
  const program = new Command('asyncdemo')
    .description("Python asyncio's teaching notebook as measured experiments on Node.js")
    .version(version, '-v, --version')
    .helpCommand(false)
    .enablePositionalOptions()
    .showSuggestionAfterError(true)
    .exitOverride()
    // commander puts a suggestion on a second line; one line reads better in a terminal and a log.
    .configureOutput({
      outputError: (message, write) => write(`asyncdemo: ${oneLine(message)}\n`),
    });
  addGlobalOptions(program, false);
  program.hook('preAction', (_, command) => {
    applyOptionsGivenFirst(program, command);
    kleur.enabled = wantsColor(process.stdout, command.getOptionValue('color') !== false);
  });
  program.addHelpText(
    'after',
    `
Examples:
  npx asyncdemo gather                  sync 6.00 s vs async 3.00 s, side by side
  asyncdemo timeout --limit 2           bar() finishes, foo() is cancelled, TimeoutError
  asyncdemo cpu --compare               yields, no yields, a worker thread: side by side
  asyncdemo gather --timeline           the tasks on a time axis
  asyncdemo gather --explain            the chain of waits and runs that set each timing
  asyncdemo check --scale 0.05 --json   in CI: every invariant against its ideal, exit 1 on regression

Options of the experiments also work before the command: asyncdemo --scale 0.1 gather.

Exit codes: 0 done (also when stdout is closed early, as by | head), 1 a check failed,
2 bad usage or input, 130 interrupted (Ctrl+C), 143 terminated (SIGTERM).`,
  );
  addHelpCommand(program);
  program
    .command('list')
    .description('the experiments, in notebook order')
    .action(() => {
      const width = Math.max(...SCENARIOS.map((s) => s.name.length));
      for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(width)}  ${s.title}\n`);
    });
  for (const scenario of SCENARIOS) addScenario(program, scenario);
  if (fromFile !== undefined) addScenario(program, fromFile.scenario, fromFile);
  else addRunHelp(program);
  program
    .command('check')
    .description(
      'timing regression checks for CI: every invariant as a ratio, exit 1 on regression',
    )
    .argument(
      '[scenario...]',
      'built-in experiments or experiment files to check (default: all built-in)',
    )
    .option('--scale <factor>', 'time scale (0 < F <= 10)', '0.1')
    .option(
      '--clock <kind>',
      'real, or virtual: waits take no time, and a timing made only of waiting is judged to ±1 ms',
      'real',
    )
    .option('--runs <n>', 'runs of each scenario; the verdict is on the median', '5')
    .option('--warmup <n>', 'runs of each scenario before the judged ones', '0')
    .option('--tolerance <share>', 'relative tolerance of a timing, 0.05 or 5% (floor: 25 ms)')
    .option('--json', jsonHelp('asyncdemo.check/1 document'))
    .option('--junit <file>', 'also write JUnit XML to FILE')
    .option('--html <file>', 'also write a page: each check with its runs against the tolerance')
    .option('--no-color', NO_COLOR_HELP)
    .option('-q, --quiet', 'only the summary line')
    .action(async (names: string[], raw: CheckCommandOptions) => {
      const { checkCommand } = await import('./cli/check-command.js');
      process.exitCode = await checkCommand(names, raw);
    });
  program
    .command('bench')
    .description('the runtime against raw Node: tinybench, timeout lateness, loop lag')
    .option('--size <n>', 'tasks in the scale benches (up to 1000000)', '10000')
    .option('--json', jsonHelp("github-action-benchmark's customSmallerIsBetter array"))
    .option('--save <file>', 'write a baseline (ratios and overheads, not raw times)')
    .option(
      '--baseline <file>',
      'compare with a baseline: a ratio 1.3x worse in every round, or a median lateness 1 ms later, exits 1',
    )
    .option('--no-color', NO_COLOR_HELP)
    .action(async (raw: BenchCommandOptions) => {
      const { benchCommand } = await import('./cli/bench-command.js');
      process.exitCode = await benchCommand(raw);
    });
  program
    .command('compare')
    .description("the notebook's own cells on CPython next to the scenario on Node")
    .argument('<scenario>', 'gather, cancel, taskgroup, timeout or cpu')
    .option('--scale <factor>', 'time scale for both (0 < F <= 10)', '1')
    .option('--python <path>', 'the Python to run (3.11 or newer)', 'python3')
    .option('--json', jsonHelp('asyncdemo.compare/1 document (both results)'))
    .option('--no-color', NO_COLOR_HELP)
    .action(async (name: string, raw: CompareCommandOptions) => {
      const { compareCommand } = await import('./cli/compare-command.js');
      await compareCommand(name, raw);
    });
  const tour = program
    .command('tour')
    .description('every experiment in notebook order, each after its notes');
  addGlobalOptions(tour).action(async (raw: RawOptions) => {
    const global = prepare(raw);
    const { runTour } = await import('./cli/run-scenario.js');
    const results = await runTour(NOTEBOOK_SCENARIOS, global);
    await writeHtml(raw, global, messages(global.lang).ui.tourTitle);
    if (global.json) writeJson(results);
  });
  return program;
}

/** `asyncdemo run FILE ...`: the file's experiment, loaded first (its options are its own). */
async function fileToRun(args: readonly string[]): Promise<FileExperiment | undefined> {
  const at = args.indexOf('run', 2);
  const file = args[at + 1];
  if (at < 0 || file === undefined || file.startsWith('-')) return undefined;
  // Only when `run` is the command, not an option's value (`--mode run`).
  if (at > 2 && args[at - 1]?.startsWith('--') && !isFlagOnly(args[at - 1] as string))
    return undefined;
  const { loadExperiment } = await import('./cli/load-experiment.js');
  return { file, scenario: await loadExperiment(file) };
}

/** Global flags that take no value, so a word after them is the command. */
function isFlagOnly(flag: string): boolean {
  return ['--json', '--no-color', '--quiet', '--timeline'].includes(flag);
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof Error && err.name === 'ExperimentError') {
    process.stderr.write(`asyncdemo: ${err.message}\n`);
    return 1;
  }
  if (err instanceof UsageError) {
    process.stderr.write(`asyncdemo: ${err.message}\n`);
    return 2;
  }
  if (err instanceof InterruptedError) {
    process.stderr.write(`\nasyncdemo: ${err.message}\n`);
    return err.exitCode;
  }
  const error = err instanceof Error ? err : new Error(String(err));
  const detail = process.env.ASYNCDEMO_DEBUG
    ? error.stack
    : `${error.message} (ASYNCDEMO_DEBUG=1 shows the stack)`;
  process.stderr.write(`asyncdemo: internal error: ${detail}\n`);
  return 1;
}

/**
 * A closed stdout or stderr (`asyncdemo gather | head -1`) ends the run at once and quietly,
 * with the exit code so far (0 unless a check failed), as git and ls do: whatever runs is
 * stopped with the process, and nothing is left to write to.
 */
let pipesWatched = false;

function endQuietlyOnClosedPipe(): void {
  if (pipesWatched) return; // once per process: main may run many times (the tests)
  pipesWatched = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code !== 'EPIPE') throw err;
      process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    });
  }
}

/**
 * Runs the command line `argv` (as `process.argv`) and returns the exit code. `-V` is kept as
 * an alias of `-v` (commander's default was `-V`).
 */
export async function main(argv: readonly string[]): Promise<number> {
  endQuietlyOnClosedPipe();
  const args = argv.map((arg, i) => (i === 2 && arg === '-V' ? '--version' : arg));
  // `--timeline` takes an optional file: before a command it would take the command's name.
  const timeline = args.indexOf('--timeline');
  const commands = [...SCENARIOS.map((s) => s.name), 'tour', 'run'];
  if (timeline >= 2 && commands.includes(args[timeline + 1] ?? '')) {
    args.splice(timeline, 1);
    args.splice(timeline + 1, 0, '--timeline');
  }
  try {
    await buildProgram(await fileToRun(args)).parseAsync(args);
    // Commands leave their code in process.exitCode; it is returned, not left behind.
    const code = typeof process.exitCode === 'number' ? process.exitCode : 0;
    process.exitCode = undefined;
    return code;
  } catch (err) {
    // The bin sets the exit code and lets the loop drain instead of process.exit(): a leaked
    // timer or socket would show as a hang.
    return exitCodeFor(err);
  }
}
