import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { BIN } from '../helpers/spawn.js';
import { tempFolder } from '../helpers/temp.js';

// In-process: these are about what the CLI prints and returns (EPIPE below needs a process).
const run = (args: string[]) => runCli(args);

/** Runs the CLI with its stdout into `head -1`; returns the CLI's own exit code and stderr. */
function intoHead(args: string[]): { code: number; stderr: string; firstLine: string } {
  const command = `set -o pipefail; "${process.execPath}" "${BIN}" ${args.join(' ')} 2>"$ERR" | head -1`;
  const folder = tempFolder('pipe');
  const err = join(folder, 'stderr');
  const done = spawnSync('bash', ['-c', command], {
    encoding: 'utf8',
    env: { ...process.env, ERR: err, NO_COLOR: '1' },
  });
  return { code: done.status ?? -1, stderr: readFileSync(err, 'utf8'), firstLine: done.stdout };
}

describe('CLI conventions', () => {
  for (const args of [
    ['list'],
    ['--help'],
    ['gather', '--scale', '0.05'],
    ['tour', '--scale', '0.05'],
  ]) {
    it(`ends quietly with exit 0 when stdout is closed early: ${args.join(' ')} | head -1`, () => {
      const { code, stderr, firstLine } = intoHead(args);
      assert.notEqual(firstLine, '');
      assert.equal(code, 0, stderr);
      assert.equal(stderr, '');
    });
  }

  it("takes the experiments' options before the command too", async () => {
    const child = await run(['--scale', '0.05', '--json', 'gather']);
    assert.equal(child.code, 0, child.stderr);
    assert.equal(JSON.parse(child.stdout).scale, 0.05);
  });

  it('prints the version for -v, -V and --version', async () => {
    for (const flag of ['-v', '-V', '--version']) {
      const child = await run([flag]);
      assert.equal(child.code, 0);
      assert.match(child.stdout, /^\d+\.\d+\.\d+\n$/);
    }
  });

  it("help COMMAND shows that command's help", async () => {
    const child = await run(['help', 'check']);
    assert.equal(child.code, 0);
    assert.match(child.stdout, /^Usage: asyncdemo check/);
  });

  it('lists every exit code in --help, 143 too', async () => {
    const child = await run(['--help']);
    assert.match(child.stdout, /130 interrupted \(Ctrl\+C\), 143 terminated \(SIGTERM\)/);
  });

  it('check runs a scenario named twice once', async () => {
    const child = await run(['check', 'coro', 'coro', '--runs', '1', '--json']);
    assert.equal(child.code, 0, child.stderr);
    const ids = (JSON.parse(child.stdout).checks as Array<{ id: string }>).map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  it('writes an output file whole (no temporary left), and says so on stderr', async () => {
    const folder = tempFolder('out');
    const trace = join(folder, 'trace.json');
    const child = await run(['coro', '--scale', '0.05', '--trace', trace, '-q']);
    assert.equal(child.code, 0, child.stderr);
    assert.match(child.stderr, new RegExp(`^wrote ${trace}$`, 'm'));
    JSON.parse(readFileSync(trace, 'utf8'));
    assert.deepEqual(readdirSync(folder), ['trace.json']);
  });

  it('tour --timeline FILE.svg writes one file per experiment and names each', async () => {
    const folder = tempFolder('tour');
    const child = await run(['tour', '--scale', '0.02', '-q', '--timeline', join(folder, 't.svg')]);
    assert.equal(child.code, 0, child.stderr);
    const files = readdirSync(folder).sort();
    assert.deepEqual(files, [
      't-cancel.svg',
      't-coro.svg',
      't-cpu.svg',
      't-gather.svg',
      't-taskgroup.svg',
      't-timeout.svg',
    ]);
    for (const file of files) assert.match(child.stderr, new RegExp(`wrote .*${file}`));
  });
});
