import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { BIN, outputIncludes, startNode } from '../helpers/spawn.js';
import { tempFolder } from '../helpers/temp.js';

const env = { NO_COLOR: '1' };

describe('Ctrl+C in check and bench', () => {
  it('check stops at once, keeps the checks that finished (table, summary, JUnit), exits 130', async () => {
    const junit = join(tempFolder('junit'), 'j.xml');
    const running = startNode([BIN, 'check', '--runs', '3', '--junit', junit], { env });
    await outputIncludes(running, 'coro.task-done-after-sleep0');
    const sent = performance.now();
    running.child.kill('SIGINT');
    const ended = await running.ended;
    const ms = performance.now() - sent;
    assert.equal(ended.code, 130, ended.stderr);
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
    assert.match(ended.stderr, /^stopping\.\.\.$/m);
    assert.match(ended.stdout, /coro\.eager-call-runs-at-once +yes +yes/);
    assert.match(ended.stdout, /check: \d+ passed, 0 failed \(interrupted\)/);
    const xml = readFileSync(junit, 'utf8');
    assert.match(xml, /^<\?xml/);
    assert.match(xml, /<testcase classname="asyncdemo\.coro" name="coro\.lazy-coro-waits" time="/);
    assert.match(xml, /<\/testsuites>\n$/);
  });

  it('an interrupted check that finished nothing leaves no JUnit file', async () => {
    const junit = join(tempFolder('junit'), 'j.xml');
    const running = startNode([BIN, 'check', 'gather', '--junit', junit], { env });
    await outputIncludes(running, 'check ');
    running.child.kill('SIGINT');
    const ended = await running.ended;
    assert.equal(ended.code, 130);
    assert.throws(() => readFileSync(junit));
  });

  it('bench stops within a moment, starts no further bench, exits 130', async () => {
    const running = startNode([BIN, 'bench', '--size', '1000'], { env });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    const sent = performance.now();
    running.child.kill('SIGINT');
    const ended = await running.ended;
    const ms = performance.now() - sent;
    assert.equal(ended.code, 130, ended.stderr);
    assert.ok(ms < 1000, `took ${ms.toFixed(0)} ms`);
    assert.match(ended.stderr, /^stopping\.\.\.$/m);
    assert.doesNotMatch(ended.stdout, /asyncdemo bench:/);
  });
});
