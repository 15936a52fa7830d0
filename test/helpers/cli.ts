/**
 * The CLI in-process: `main(argv)` with stdout and stderr captured, as a spawned `asyncdemo`
 * would print them but without a process start per test. Spawned processes stay for what only
 * a process shows: signals, EPIPE, warnings, the moment it exits.
 */
import { main } from '../../src/cli.js';
import { resetTaskIds } from '../../src/runtime/task.js';

/** What a run of the CLI printed and its exit code. */
export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

type Write = typeof process.stdout.write;

/**
 * Runs `asyncdemo args` in this process with `env` set for the run (NO_COLOR by default) and
 * task names starting again at Task-1, as in a fresh process.
 */
export async function runCli(
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<CliResult> {
  const out: string[] = [];
  const err: string[] = [];
  const saved = { stdout: process.stdout.write, stderr: process.stderr.write };
  // The CLI writes text; the test runner's own messages on stdout are binary: they pass.
  const capture = (into: string[], original: Write, stream: NodeJS.WriteStream): Write =>
    ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (typeof chunk !== 'string') return original.call(stream, chunk, ...(rest as []));
      into.push(chunk);
      const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
      done?.();
      return true;
    }) as Write;
  const vars = { NO_COLOR: '1', ...env };
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  for (const [key, value] of Object.entries(vars)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  process.stdout.write = capture(out, saved.stdout, process.stdout);
  process.stderr.write = capture(err, saved.stderr, process.stderr);
  resetTaskIds();
  // main() returns the code a command left in process.exitCode; the test runner sets it to 1
  // when a test fails, and that must not become the next run's exit code.
  const runnerExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    const code = await main(['node', 'asyncdemo', ...args]);
    return { code, stdout: out.join(''), stderr: err.join('') };
  } finally {
    process.exitCode = runnerExitCode;
    process.stdout.write = saved.stdout;
    process.stderr.write = saved.stderr;
    for (const [key, value] of Object.entries(before)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
}
