import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coro, gather, setTimeScale, sleep, withVirtualClock } from '../../src/runtime/index.js';
import { createRecorder } from '../../src/scenarios/context.js';
import { defineExperiment, isExperiment } from '../../src/scenarios/define.js';
import type { Check } from '../../src/scenarios/types.js';

setTimeScale(0.02);

/** Holds the thread `ms` milliseconds. */
function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // computing
  }
}

describe('defineExperiment', () => {
  it('makes an experiment the runner recognises, with no options by default', () => {
    const e = defineExperiment({ name: 'nap', title: 'a nap', async run() {} });
    assert.ok(isExperiment(e));
    assert.deepEqual(e.options, {});
    assert.equal(isExperiment({ name: 'nap', title: 'a nap', run() {} }), false);
  });

  it('refuses a name that cannot prefix check ids', () => {
    assert.throws(
      () => defineExperiment({ name: 'Two Words', title: 't', async run() {} }),
      /name must be one lower-case word/,
    );
  });

  it('refuses an option whose key is not its flag', () => {
    assert.throws(
      () =>
        defineExperiment({
          name: 'x',
          title: 't',
          options: {
            count: { flags: '--limit <n>', description: 'd', defaultValue: '1', parse: Number },
          },
          async run() {},
        }),
      /option 'count' has flags '--limit <n>': its key must be 'limit'/,
    );
  });

  it('types the options run gets from their parse functions', async () => {
    const e = defineExperiment({
      name: 'typed',
      title: 't',
      options: {
        limit: { flags: '--limit <n>', description: 'd', defaultValue: '3', parse: Number },
      },
      async run(_ctx, { limit }) {
        const n: number = limit; // a number, no cast
        return String(n * 2);
      },
    });
    assert.equal(await e.run(createRecorder().ctx, { limit: 4 }), '8');
  });

  it('refuses a definition without run', () => {
    assert.throws(
      () => defineExperiment({ name: 'x', title: 't' } as never),
      /run must be an async function/,
    );
  });

  it('counts a run that returns nothing as ok, and keeps an outcome it returns', async () => {
    const { ctx } = createRecorder();
    assert.equal(
      await defineExperiment({ name: 'a', title: 't', async run() {} }).run(ctx, {}),
      'ok',
    );
    const timedOut = defineExperiment({ name: 'b', title: 't', run: async () => 'TimeoutError' });
    assert.equal(await timedOut.run(ctx, {}), 'TimeoutError');
  });
});

describe("the context's measure and check", () => {
  it('measure times fn against its ideal in notebook seconds and declares name.label', async () => {
    const recorder = createRecorder('en', {}, undefined, 'nap');
    const value = await recorder.ctx.measure('short', 1, async () => {
      await sleep(1);
      return 42;
    });
    assert.equal(value, 42);
    const [timing] = recorder.ctx.timings;
    assert.equal(timing?.idealMs, 20); // 1 s at scale 0.02
    const [check] = recorder.result('nap', {}, 'ok').checks;
    assert.equal(check?.id, 'nap.short');
    assert.equal(check?.expected, 20);
    // Judged against its tolerance (a loaded runner once stalled this 20 ms sleep past 45 ms:
    // then it fails, rightly).
    assert.equal(check?.pass, Math.abs((check?.actual ?? 0) - 20) <= (check?.tolerance ?? 0));
    assert.ok((check?.actual ?? 0) >= 20, JSON.stringify(check));
  });

  it('in virtual time, judges a timing to ±1 ms when the code that ran during it was absorbed', async () => {
    // A run's recorder is made in its clock (runExperiment sets it first).
    const measureAbsorbed = () =>
      withVirtualClock(async () => {
        const inVirtualTime = createRecorder('en', {}, undefined, 'nap');
        await inVirtualTime.ctx.measure('absorbed', 1, () =>
          // 5 ms of CPU while the sleep's deadline is set: the jump to it lands there anyway.
          gather(coro(sleep, 1), async () => busy(5)),
        );
        return inVirtualTime;
      });
    // The code that ran outside the absorbed stretch (before the sleep was set, after the jump)
    // takes a fraction of a millisecond; in a fresh process (its first calls compile) or when the
    // VM preempts the thread right then, about one. Such an attempt says nothing: up to 3.
    let check: Check | undefined;
    for (let attempt = 0; attempt < 3 && check?.waitingOnly !== true; attempt++) {
      [check] = (await measureAbsorbed()).result('nap', {}, 'ok').checks;
    }
    assert.equal(check?.waitingOnly, true, JSON.stringify(check));
    assert.equal(check?.tolerance, 1);
  });

  it('in virtual time, keeps the real-time tolerance for code that ran before a deadline', async () => {
    const recorder = await withVirtualClock(async () => {
      const inVirtualTime = createRecorder('en', {}, undefined, 'nap');
      await inVirtualTime.ctx.measure('work then nap', 1, async () => {
        busy(5); // the sleep starts 5 ms later, and ends so
        await sleep(1);
      });
      return inVirtualTime;
    });
    const [check] = recorder.result('nap', {}, 'ok').checks;
    assert.equal(check?.waitingOnly, undefined, JSON.stringify(check));
    assert.ok((check?.actual ?? 0) >= 25 && (check?.tolerance ?? 0) >= 25, JSON.stringify(check));
  });

  it('check prefixes a short id with the experiment, and keeps a full one', () => {
    const recorder = createRecorder('en', {}, undefined, 'nap');
    const spec = { metric: 'm', expected: 1, actual: 1, unit: 'count' as const };
    recorder.ctx.check({ id: 'count', ...spec });
    recorder.ctx.check({ id: 'nap.other', ...spec });
    assert.deepEqual(
      recorder.result('nap', {}, 'ok').checks.map((c) => c.id),
      ['nap.count', 'nap.other'],
    );
  });
});
