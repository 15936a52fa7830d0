/**
 * Runs the notebook's own cells with CPython (the scripts in the package's `python/` folder) and
 * reads back their report.
 *
 * @module
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { UsageError } from '../options/usage-error.js';
import { PACKAGE_ROOT } from '../package-root.js';
import type { Timing, TranscriptLine } from '../scenarios/types.js';

/** What a notebook script reports (`asyncdemo.python/1`). */
export interface PythonResult {
  schema: 'asyncdemo.python/1';
  scenario: string;
  scale: number;
  python: string;
  outcome: string;
  timings: Timing[];
  transcript: TranscriptLine[];
}

/** The scenarios that have a notebook script. */
export const PYTHON_SCENARIOS = ['gather', 'cancel', 'taskgroup', 'timeout', 'cpu'] as const;

/** The folder of the scripts, shipped with the package. */
export const PYTHON_DIR = join(PACKAGE_ROOT, 'python');

function run(
  file: string,
  args: string[],
  timeoutMs: number,
): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      file,
      args,
      { timeout: timeoutMs, maxBuffer: 16 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (err) reject(Object.assign(err, { stderr }));
        else resolve({ stdout, stderr });
      },
    );
  });
}

/**
 * Checks that `python` runs and is 3.11 or newer (`asyncio.TaskGroup`, `asyncio.timeout`).
 * @throws UsageError with one line saying what was found and what is needed.
 */
export async function checkPython(python: string): Promise<string> {
  let version: number[];
  try {
    const { stdout } = await run(
      python,
      ['-c', 'import sys, json; print(json.dumps(list(sys.version_info[:3])))'],
      10_000,
    );
    version = JSON.parse(stdout) as number[];
  } catch (err) {
    const why = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'not found' : 'it did not run';
    throw new UsageError(
      `no suitable Python: '${python}' ${why}; compare needs Python 3.11 or newer (--python PATH)`,
    );
  }
  const [major = 0, minor = 0] = version;
  if (major < 3 || (major === 3 && minor < 11)) {
    throw new UsageError(
      `no suitable Python: '${python}' is ${version.join('.')}; compare needs 3.11 or newer for asyncio.TaskGroup and asyncio.timeout (--python PATH)`,
    );
  }
  return version.join('.');
}

/** Runs the notebook script of `scenario` at `scale` with `python`. */
export async function runPython(
  python: string,
  scenario: string,
  scale: number,
): Promise<PythonResult> {
  const script = join(PYTHON_DIR, `${scenario}.py`);
  try {
    const { stdout } = await run(python, [script, '--scale', String(scale)], 120_000);
    return JSON.parse(stdout) as PythonResult;
  } catch (err) {
    const stderr = String((err as { stderr?: string }).stderr ?? '')
      .trim()
      .split('\n')
      .at(-1);
    throw new Error(`the CPython ${scenario} script failed: ${stderr || (err as Error).message}`);
  }
}
