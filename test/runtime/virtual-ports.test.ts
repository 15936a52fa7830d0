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
  it('passes every CPython port (test/runtime/*.cpython.test.ts) with ASYNCDEMO_CLOCK=virtual', () => {
    const files = readdirSync(here)
      .filter((name) => name.endsWith('.cpython.test.js'))
      .map((name) => `${here}${name}`);
    assert.ok(files.length >= 10);
    // A test runner of its own: not a child of this one (NODE_TEST_CONTEXT would make it one).
    const { NODE_TEST_CONTEXT: _, ...env } = process.env;
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', ...files], {
      env: { ...env, ASYNCDEMO_CLOCK: 'virtual' },
      encoding: 'utf8',
      timeout: 120_000,
    });
    const lines = run.stdout.split('\n');
    const summary = lines.filter((line) => /^# (pass|fail) /.test(line));
    assert.equal(run.status, 0, failures(lines) || run.stdout.slice(-3000));
    assert.match(summary.join('\n'), /^# fail 0$/m);
    assert.doesNotMatch(summary.join('\n'), /^# pass 0$/m);
  });
});

/** The failed sub-tests of a TAP report, each with its diagnostics, so a failure names its port. */
function failures(lines: string[]): string {
  const report: string[] = [];
  lines.forEach((line, index) => {
    if (!/^\s*not ok /.test(line)) return;
    report.push(...lines.slice(index, index + 30));
  });
  return report.join('\n').slice(0, 6000);
}
