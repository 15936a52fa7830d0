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

  it('ends 10 random programs with a Lock, Semaphore, Event and Queue as CPython does', {
    skip,
  }, () => {
    const out = compareWithCPython('--count', '10', '--seed', '515151', '--prims');
    assert.match(out, /^(\d+) of \1 programs end the same/m);
  });
});
