import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInWorker, setTimeScale, TimeoutError, timeout } from '../../src/runtime/index.js';
import { runScript } from '../helpers/spawn.js';

setTimeScale(1);

describe('runInWorker', () => {
  it('runs a function on a worker thread and returns its value', async () => {
    assert.equal(await runInWorker((a: number, b: number) => a * b, 6, 7), 42);
  });

  it('rejects with the error the function threw', async () => {
    await assert.rejects(
      runInWorker(() => {
        throw new TypeError('bad input');
      }),
      { name: 'TypeError', message: 'bad input' },
    );
  });

  it('keeps the loop free while the worker computes', async () => {
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 5);
    try {
      await runInWorker((ms: number) => {
        const end = Date.now() + ms;
        while (Date.now() < end) {}
      }, 200);
    } finally {
      clearInterval(ticker);
    }
    assert.ok(ticks >= 10, `only ${ticks} ticks in 200 ms`);
  });

  it('terminates the worker on cancel: a timeout ends a 10 s computation at once', async () => {
    const start = performance.now();
    await assert.rejects(
      timeout(0.1, () =>
        runInWorker(() => {
          const end = Date.now() + 10_000;
          while (Date.now() < end) {}
        }),
      ),
      TimeoutError,
    );
    assert.ok(performance.now() - start < 2000);
  });

  it('leaves nothing running: the process exits right after the cancel', async () => {
    const child = await runScript(`
      await rt.timeout(0.1, () => rt.runInWorker(() => { for (;;) {} })).catch((e) => console.log(e.name));
    `);
    assert.equal(child.stdout.trim(), 'TimeoutError');
    assert.equal(child.code, 0);
    assert.ok(child.ms < 2000, `the process took ${child.ms} ms`);
  });
});
