/**
 * `asyncdemo bench`: the runtime against raw Node, with baselines for CI.
 *
 * @module
 */
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import kleur from 'kleur';
import {
  BaselineError,
  compare,
  incomparable,
  parseBaseline,
  toBaseline,
} from '../bench/baseline.js';
import { type BenchReport, runBenches } from '../bench/run.js';
import { parseInteger } from '../options/parse.js';
import { UsageError } from '../options/usage-error.js';
import { benchTable, comparisonLines, toActionBenchmark } from '../report/bench-text.js';
import { createTask } from '../runtime/index.js';
import { awaitUnlessInterrupted } from './interrupt.js';
import { checkWritable, writeOutputFile } from './output-file.js';
import { spinnerWanted, startSpinner } from './spinner.js';

/** `bench`'s options, as commander hands them over. */
export interface BenchCommandOptions {
  size: string;
  json?: boolean;
  save?: string;
  baseline?: string;
}

function readBaseline(path: string) {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new UsageError(`cannot read --baseline ${path}: ${(err as Error).message}`);
  }
  try {
    return parseBaseline(text, path);
  } catch (err) {
    if (err instanceof BaselineError) throw new UsageError(err.message);
    throw err;
  }
}

function judgeAgainst(path: string, report: BenchReport, write: (line: string) => void): number {
  const baseline = readBaseline(path);
  const comparisons = compare(baseline, report);
  for (const line of comparisonLines(comparisons)) write(line);
  const reason = incomparable(baseline, report);
  if (reason !== undefined) {
    write(kleur.yellow(`  warning: ${reason}: no verdict against this baseline`));
    return 0;
  }
  const failed = comparisons.filter((c) => c.status === 'fail').length;
  const warned = comparisons.filter((c) => c.status === 'warn').length;
  write(`  against ${path}: ${failed} regressed, ${warned} worse by more than the noise`);
  // Other work competing for the CPUs slows the runtime's turns more than the floor's: on this
  // project's 2-CPU machine, 3 other busy processes made 3 runs in 4 fail a clean baseline.
  const [load = 0] = loadavg();
  if (failed > 0 && load >= report.environment.cpus) {
    write(
      kleur.yellow(
        `  note: the machine was busy (load ${load.toFixed(1)} on ${report.environment.cpus} CPUs); run again on an idle one before believing a regression`,
      ),
    );
  }
  return failed > 0 ? 1 : 0;
}

/** Runs `bench`; returns the exit code (1 when a baseline comparison failed). */
export async function benchCommand(options: BenchCommandOptions): Promise<number> {
  const size = parseInteger('--size', options.size, 1, 1_000_000);
  // Read the baseline and check the output first: a bad path should not cost a whole run.
  if (options.baseline !== undefined) readBaseline(options.baseline);
  if (options.save !== undefined) checkWritable('--save', options.save);
  const spinner = await startSpinner(kleur.dim('bench:'), spinnerWanted(options.json === true));
  let report: BenchReport;
  try {
    report = await awaitUnlessInterrupted(
      createTask(() => runBenches(size, (name) => spinner.setText(kleur.dim(`bench: ${name}`))), {
        name: 'bench',
      }),
      () => {
        spinner.clear();
        process.stderr.write('stopping...\n');
        spinner.render();
      },
    );
  } finally {
    spinner.stop();
  }
  if (options.json) process.stdout.write(`${JSON.stringify(toActionBenchmark(report), null, 2)}\n`);
  else {
    const head = `asyncdemo bench: Node ${report.environment.node}, ${report.environment.cpus} CPUs, size ${size}`;
    process.stdout.write(`${head}\n\n${benchTable(report).join('\n')}\n`);
  }
  if (options.save !== undefined)
    writeOutputFile('--save', options.save, `${JSON.stringify(toBaseline(report), null, 2)}\n`);
  if (options.baseline === undefined) return 0;
  // With --json the verdict goes to stderr: stdout holds the one document.
  const out = options.json ? process.stderr : process.stdout;
  out.write('\n');
  return judgeAgainst(options.baseline, report, (line) => out.write(`${line}\n`));
}
