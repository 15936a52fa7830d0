import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const python = process.env.PYTHON ?? 'python3';

function pythonVersion(): string | undefined {
  const found = spawnSync(python, ['-c', 'import sys; print("%d.%d" % sys.version_info[:2])'], {
    encoding: 'utf8',
  });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

const version = pythonVersion();
const skip =
  version === undefined || Number(version.split('.')[1]) < 11
    ? `needs python3 3.11+ (found ${version ?? 'none'})`
    : false;

/** Runs scripts/differential/compare.py; its summary line says how many ended the same. */
function compareWithCPython(...args: string[]): string {
  return execFileSync(
    python,
    ['scripts/differential/compare.py', ...args, '--node', process.execPath],
    { cwd: root, encoding: 'utf8' },
  );
}

describe('the runtime against CPython', () => {
  it('ends 20 random programs as CPython 3.11 does (scripts/differential)', { skip }, () => {
    const out = compareWithCPython('--count', '20', '--seed', '424242');
    assert.match(out, /^(\d+) of \1 programs end the same/m);
  });

  // (Seed 515151 drew a program racing two 20 ms timeouts started 1-2 ms apart: which fires
  // first depends on how fast each interpreter runs, not on semantics.)
  it('ends 10 random programs with the primitives (locks, queues, Condition, Barrier, wait, asCompleted) as CPython does', {
    skip,
  }, () => {
    const out = compareWithCPython('--count', '10', '--seed', '515152', '--prims');
    assert.match(out, /^(\d+) of \1 programs end the same/m);
  });

  it('ends them the same in virtual time (--clock virtual)', { skip }, () => {
    const out = compareWithCPython('--count', '20', '--seed', '424242', '--clock', 'virtual');
    assert.match(out, /^(\d+) of \1 programs end the same/m);
    const prims = compareWithCPython(
      '--count',
      '10',
      '--seed',
      '515152',
      '--prims',
      '--clock',
      'virtual',
    );
    assert.match(prims, /^(\d+) of \1 programs end the same/m);
  });
});
