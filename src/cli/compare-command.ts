/**
 * `asyncdemo compare <scenario>`: the notebook's cells on CPython next to the scenario on Node.
 *
 * @module
 */
import kleur from 'kleur';
import { checkPython, PYTHON_SCENARIOS, runPython } from '../compare/python.js';
import { parseScale } from '../options/parse.js';
import { parseOptions } from '../options/parse-options.js';
import { UsageError } from '../options/usage-error.js';
import { type CompareDocument, mergeResults, renderCompare } from '../report/compare-python.js';
import { SCENARIOS } from '../scenarios/index.js';
import { runScenario } from './run-scenario.js';
import { spinnerWanted, startSpinner } from './spinner.js';
import { didYouMean } from './suggest.js';

/** `compare`'s options, as commander hands them over. */
export interface CompareCommandOptions {
  scale: string;
  python: string;
  json?: boolean;
}

/** Runs `compare`. */
export async function compareCommand(name: string, options: CompareCommandOptions): Promise<void> {
  if (!(PYTHON_SCENARIOS as readonly string[]).includes(name)) {
    throw new UsageError(
      `compare takes one of ${PYTHON_SCENARIOS.join(', ')}, got '${name}'${didYouMean(name, PYTHON_SCENARIOS)}`,
    );
  }
  const scale = parseScale(options.scale);
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (scenario === undefined) throw new UsageError(`unknown scenario '${name}'`);
  const python = await checkPython(options.python);
  const json = options.json === true;
  // The header first, then a spinner while each side runs: CPython alone takes seconds.
  if (!json) {
    const head = `${kleur.bold(`compare ${name}`)}: the notebook's cells on CPython ${python} and asyncdemo on Node ${process.version}${scale === 1 ? '' : ` (scale ${scale})`}`;
    process.stdout.write(`${head}\n\n`);
  }
  const spinner = await startSpinner(
    kleur.dim(`compare: CPython ${python} runs the notebook's cells`),
    spinnerWanted(json),
  );
  let doc: CompareDocument;
  try {
    // One after the other, not at once: each has the machine to itself.
    const cpython = await runPython(options.python, name, scale);
    spinner.setText(kleur.dim(`compare: Node ${process.version} runs asyncdemo ${name}`));
    // In the notebook's own words (Russian), so the transcripts can be compared line for line.
    const node = await runScenario(scenario, parseOptions(scenario), {
      scale,
      json,
      quiet: true,
      lang: 'ru',
      silent: true,
    });
    doc = mergeResults(cpython, node);
  } finally {
    spinner.stop();
  }
  if (json) process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
  else process.stdout.write(`${renderCompare(doc).join('\n')}\n`);
}
