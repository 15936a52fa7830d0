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

describe('the runtime against CPython', () => {
  it('ends 20 random programs as CPython 3.11 does (scripts/differential)', { skip }, () => {
    const out = execFileSync(
      python,
      [
        'scripts/differential/compare.py',
        '--count',
        '20',
        '--seed',
        '424242',
        '--node',
        process.execPath,
      ],
      { cwd: root, encoding: 'utf8' },
    );
    assert.match(out, /^(\d+) of \1 programs end the same/m);
  });
});
