/**
 * The `asyncdemo` command: one subcommand per notebook experiment, plus `list`.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, Option } from 'commander';
import kleur from 'kleur';
import { InterruptedError } from './cli/interrupt.js';
import { type GlobalOptions, runScenario } from './cli/run-scenario.js';
import { wantsColor } from './report/color.js';
import { SCENARIOS } from './scenarios/index.js';
import { LANGUAGES, type Lang } from './scenarios/messages.js';
import { parseScale } from './scenarios/parse.js';
import type { Scenario } from './scenarios/types.js';
import { UsageError } from './scenarios/usage-error.js';

const { version } = JSON.parse(
  readFileSync(new URL('../package.json', import.meta.url), 'utf8'),
) as {
  version: string;
};

function addGlobalOptions(command: Command): Command {
  return command
    .option('--scale <factor>', 'time scale: 0.1 runs 10x faster, same ratios (0 < F <= 10)', '1')
    .option('--json', 'write one JSON document to stdout, nothing else there')
    .option('--lang <lang>', `transcript language: ${LANGUAGES.join(' or ')}`, 'en')
    .option('--no-color', 'no colours (also NO_COLOR, TERM=dumb, or not a terminal)')
    .option('-q, --quiet', 'only the result table');
}

function globalOptions(raw: Record<string, unknown>): GlobalOptions {
  const lang = String(raw.lang);
  if (!LANGUAGES.includes(lang as Lang)) {
    throw new UsageError(`--lang must be one of ${LANGUAGES.join(', ')}, got '${lang}'`);
  }
  return {
    scale: parseScale(String(raw.scale)),
    json: raw.json === true,
    quiet: raw.quiet === true,
    lang: lang as Lang,
  };
}

function scenarioOptions(
  scenario: Scenario,
  raw: Record<string, unknown>,
): Record<string, unknown> {
  const parsed: Record<string, unknown> = {};
  for (const option of scenario.options) {
    const key = new Option(option.flags).attributeName();
    parsed[key] = option.parse(String(raw[key] ?? option.defaultValue));
  }
  return parsed;
}

function addScenario(program: Command, scenario: Scenario): void {
  const command = program.command(scenario.name).description(scenario.title);
  for (const option of scenario.options)
    command.option(option.flags, option.description, option.defaultValue);
  addGlobalOptions(command).action(async (raw: Record<string, unknown>) => {
    const global = globalOptions(raw);
    kleur.enabled = wantsColor(process.stdout, raw.color !== false);
    await runScenario(scenario, scenarioOptions(scenario, raw), global);
  });
}

function buildProgram(): Command {
  const program = new Command('asyncdemo')
    .description("Python asyncio's teaching notebook as measured experiments on Node.js")
    .version(version, '-V, --version')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({
      // commander puts a suggestion on a second line; one line reads better in a terminal and a log.
      outputError: (message, write) =>
        write(
          `asyncdemo: ${message
            .replace(/^error: /, '')
            .replace(/\s*\n\s*/g, ' ')
            .trim()}\n`,
        ),
    });
  program
    .command('list')
    .description('the experiments, in notebook order')
    .action(() => {
      const width = Math.max(...SCENARIOS.map((s) => s.name.length));
      for (const s of SCENARIOS) process.stdout.write(`${s.name.padEnd(width)}  ${s.title}\n`);
    });
  for (const scenario of SCENARIOS) addScenario(program, scenario);
  return program;
}

function exitCodeFor(err: unknown): number {
  if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
  if (err instanceof UsageError) {
    process.stderr.write(`asyncdemo: ${err.message}\n`);
    return 2;
  }
  if (err instanceof InterruptedError) {
    process.stderr.write(`\nasyncdemo: ${err.message}\n`);
    return err.exitCode;
  }
  const detail = process.env.ASYNCDEMO_DEBUG
    ? String((err as Error)?.stack ?? err)
    : String((err as Error)?.message ?? err);
  process.stderr.write(
    `asyncdemo: internal error: ${detail} (set ASYNCDEMO_DEBUG=1 for the stack)\n`,
  );
  return 1;
}

try {
  await buildProgram().parseAsync(process.argv);
} catch (err) {
  // Let the loop drain instead of process.exit(): a leaked timer or socket would show as a hang.
  process.exitCode = exitCodeFor(err);
}
