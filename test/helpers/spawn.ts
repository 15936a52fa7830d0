/** Runs Node child processes for tests that must see a whole process: exit time, warnings, stdout. */
import { spawn } from 'node:child_process';
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

/** Runs `node [...nodeArgs] args` and collects its output; kills it after `limitMs`. */
export function runNode(
  args: string[],
  options: { nodeArgs?: string[]; env?: NodeJS.ProcessEnv; limitMs?: number } = {},
): Promise<ChildResult> {
  const start = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ...args], {
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    const killer = setTimeout(() => child.kill('SIGKILL'), options.limitMs ?? 20_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(killer);
      resolve({ code, signal, stdout, stderr, ms: performance.now() - start });
    });
  });
}

/** Runs an ES module script against the built runtime (imported as `rt`), with strict Node flags. */
export function runScript(body: string, limitMs?: number): Promise<ChildResult> {
  const source = `import * as rt from ${JSON.stringify(RUNTIME_URL)};\n${body}`;
  return runNode(['--input-type=module', '-e', source], {
    nodeArgs: ['--trace-warnings', '--unhandled-rejections=strict'],
    ...(limitMs === undefined ? {} : { limitMs }),
  });
}
