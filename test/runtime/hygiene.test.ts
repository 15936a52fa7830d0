import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runScript } from '../helpers/spawn.js';

describe('process hygiene', () => {
  it('exits right after a timeout: timeout(0.1, sleep 5) takes well under a second', async () => {
    const child = await runScript(`
      try { await rt.timeout(0.1, () => rt.sleep(5)); } catch (e) { console.log(e.name); }
    `);
    assert.equal(child.stdout.trim(), 'TimeoutError');
    assert.equal(child.code, 0);
    assert.ok(child.ms < 1000, `the process took ${child.ms} ms`);
  });

  it('exits right after a cancel', async () => {
    const child = await runScript(`
      const t = rt.createTask(() => rt.sleep(5));
      await rt.sleep(0.05);
      t.cancel();
    `);
    assert.equal(child.code, 0);
    assert.ok(child.ms < 1000, `the process took ${child.ms} ms`);
  });

  it('exits right after its only timer is cancelled from outside the loop (a socket closing)', async () => {
    const child = await runScript(`
      const handle = rt.callLater(5, () => console.log('ran'));
      setTimeout(() => handle.cancel(), 50);
    `);
    assert.equal(child.stdout, '');
    assert.equal(child.code, 0);
    assert.ok(child.ms < 1000, `the process took ${child.ms} ms`);
  });

  it('raises no unhandled rejection for failed or cancelled tasks nobody awaited', async () => {
    const child = await runScript(`
      // Its report ("Task exception was never retrieved", should it be collected) is not the point.
      rt.setExceptionHandler(() => {});
      rt.createTask(async () => { throw new Error('nobody awaits me'); });
      const c = rt.createTask(() => rt.sleep(1)); await rt.sleep(0); c.cancel();
      rt.gather(async () => { throw new Error('in a gather'); }, { returnExceptions: true });
      await rt.taskGroup(async (tg) => {
        tg.createTask(() => rt.sleep(1));
        tg.createTask(async () => { throw new Error('x'); });
      }).catch(() => {});
      await rt.sleep(0.05);
      console.log('ok');
    `);
    assert.equal(child.stderr, '');
    assert.equal(child.stdout.trim(), 'ok');
    assert.equal(child.code, 0);
  });

  it('prints no warning with 100 000 tasks in a group, cancelled by a timeout', async () => {
    const child = await runScript(`
      await rt.timeout(0.5, () => rt.taskGroup(async (tg) => {
        for (let i = 0; i < 100_000; i++) tg.createTask(() => rt.sleep(60));
      })).catch((e) => console.log(e.name));
    `);
    assert.equal(child.stderr, '');
    assert.equal(child.stdout.trim(), 'TimeoutError');
    assert.equal(child.code, 0);
  });
});
