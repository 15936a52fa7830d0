/**
 * The same semantics both ways: the CPython ports and random programs against CPython, in
 * virtual time (`ASYNCDEMO_CLOCK=virtual`), end as they do in real time.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));

describe('virtual time', () => {
  it('passes every CPython port (test/runtime/*.cpython.test.ts) with ASYNCDEMO_CLOCK=virtual', (t) => {
    const files = readdirSync(here)
      .filter((name) => name.endsWith('.cpython.test.js'))
      .map((name) => `${here}${name}`);
    assert.ok(files.length >= 10);
    let run = runInVirtualTime(files);
    if (run.status !== 0) {
      // Virtual time follows the real time the steps take, so a process preempted for 50 ms
      // under load (two busy cores: one run in eight) stretches a timing port as it does in real
      // time. The files that failed run once more; a failure of semantics fails both times.
      const failed = failedFiles(run.lines);
      t.diagnostic(`failed once, run again (${failed.length} files):\n${failures(run.lines)}`);
      assert.ok(failed.length > 0, failures(run.lines) || run.lines.slice(-60).join('\n'));
      run = runInVirtualTime(failed);
    }
    assert.equal(run.status, 0, failures(run.lines) || run.lines.slice(-60).join('\n'));
    const summary = run.lines.filter((line) => /^# (pass|fail) /.test(line)).join('\n');
    assert.match(summary, /^# fail 0$/m);
    assert.doesNotMatch(summary, /^# pass 0$/m);
  });
});

/** Runs `files` in a test runner of their own with `ASYNCDEMO_CLOCK=virtual`; TAP lines. */
function runInVirtualTime(files: string[]): { status: number | null; lines: string[] } {
  // Not a child of this runner (NODE_TEST_CONTEXT would make it one).
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...files], {
    env: { ...env, ASYNCDEMO_CLOCK: 'virtual' },
    encoding: 'utf8',
    timeout: 120_000,
  });
  return { status: run.status, lines: run.stdout.split('\n') };
}

/** The test files named by the failed tests' locations. */
function failedFiles(lines: string[]): string[] {
  const files = new Set<string>();
  for (const line of lines) {
    const match = /^\s*location: '(.+\.cpython\.test\.js):\d+:\d+'$/.exec(line);
    if (match?.[1] !== undefined) files.add(match[1]);
  }
  return [...files];
}

/** The failed sub-tests of a TAP report, each with its diagnostics, so a failure names its port. */
function failures(lines: string[]): string {
  const report: string[] = [];
  lines.forEach((line, index) => {
    if (!/^\s*not ok /.test(line)) return;
    report.push(...lines.slice(index, index + 30));
  });
  return report.join('\n').slice(0, 6000);
}
