/** Runs Node child processes for tests that must see a whole process: exit time, warnings, stdout. */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** What a finished child process left behind. */
export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The built runtime entry, for scripts run with `node --input-type=module -e`. */
export const RUNTIME_URL = new URL('../../src/runtime/index.js', import.meta.url).href;

/** The CLI shim, as users run it. */
export const BIN = fileURLToPath(new URL('../../../bin/asyncdemo.js', import.meta.url));

/** How to start a child Node process. */
export interface NodeOptions {
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
  /** Killed with SIGKILL after this long (default 20 s). */
  limitMs?: number;
}

/** A running child: its live output so far, and a promise of how it ended. */
export interface RunningChild {
  child: ChildProcess;
  output(): { stdout: string; stderr: string };
  ended: Promise<ChildResult>;
}

/** Starts `node [...nodeArgs] args`, collecting its output as it comes. */
export function startNode(args: string[], options: NodeOptions = {}): RunningChild {
  const start = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], {
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const ended = new Promise<ChildResult>((resolve, reject) => {
    const killer = setTimeout(() => child.kill('SIGKILL'), options.limitMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - start });
    });
  });
  return { child, output: () => ({ stdout, stderr }), ended };
}

/** Runs `node [...nodeArgs] args` to the end and returns what it left behind. */
export function runNode(args: string[], options: NodeOptions = {}): Promise<ChildResult> {
  return startNode(args, options).ended;
}

/** Runs an ES module script against the built runtime (imported as `rt`), with strict Node flags. */
export function runScript(body: string, limitMs?: number): Promise<ChildResult> {
  const source = `import * as rt from ${JSON.stringify(RUNTIME_URL)};\n${body}`;
  return runNode(['--input-type=module', '-e', source], {
    nodeArgs: ['--trace-warnings', '--unhandled-rejections=strict'],
    ...(limitMs === undefined ? {} : { limitMs }),
  });
}

/** Resolves once the child's stdout contains `text`. */
export function outputIncludes(running: RunningChild, text: string): Promise<void> {
  return new Promise((resolve) => {
    const poll = setInterval(() => {
      if (running.output().stdout.includes(text)) {
        clearInterval(poll);
        resolve();
      }
    }, 10);
  });
}
