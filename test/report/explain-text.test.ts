import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Chain, ChainStep } from '../../src/report/explain.js';
import { explainChain, explainLines, shortName } from '../../src/report/explain-text.js';
import { uiEn } from '../../src/scenarios/messages/ui-en.js';
import { uiRu } from '../../src/scenarios/messages/ui-ru.js';

function step(
  kind: ChainStep['kind'],
  taskId: number,
  task: string,
  fromMs: number,
  toMs: number,
  extra: Partial<ChainStep> = {},
): ChainStep {
  return { kind, taskId, task, fromMs, toMs, ...extra };
}

const sync: Chain = {
  fromMs: 0,
  toMs: 6000.4,
  steps: [
    step('ran', 1, 'main gather()', 0, 0.1),
    step('ran', 2, 'get_data(1)', 0.1, 1000.1),
    step('ran', 1, 'main gather()', 1000.1, 1000.2),
    step('ran', 3, 'get_data(2)', 1000.2, 3000.2),
    step('ran', 4, 'get_data(3)', 3000.2, 6000.2),
    step('ran', 1, 'main gather()', 6000.2, 6000.4),
  ],
};

describe('explainChain', () => {
  it("says the sync part as the issue does: the loop blocked, each call's share", () => {
    const e = explainChain('sync', sync, uiEn);
    assert.deepEqual(
      e.phrases.map((p) => p.text),
      ['the loop was blocked by get_data(1), get_data(2), get_data(3): 1.00 + 2.00 + 3.00 s'],
    );
    assert.deepEqual(explainLines([e], uiEn), [
      'where the time went (--explain):',
      '  sync 6.00 s = the loop was blocked by get_data(1), get_data(2), get_data(3): 1.00 + 2.00 + 3.00 s',
    ]);
  });

  it('joins sleeps one after another across the short steps between them', () => {
    const chain: Chain = {
      fromMs: 0,
      toMs: 3001,
      steps: [
        step('waited', 2, 'Task-2 aget_data(1)', 0, 1000, { on: 'sleep' }),
        step('ran', 1, 'main gather()', 1000, 1000.5),
        step('waited', 3, 'Task-3 aget_data(2)', 1000.5, 3000.5, { on: 'sleep' }),
      ],
    };
    assert.deepEqual(
      explainChain('seq', chain, uiEn).phrases.map((p) => p.text),
      ['aget_data(1), aget_data(2) slept one after another: 1.00 + 2.00 s'],
    );
  });

  it('does not join across a break (the end of a timing)', () => {
    const chain: Chain = {
      fromMs: 0,
      toMs: 3000,
      steps: [
        step('waited', 2, 'a', 0, 1000, { on: 'sleep' }),
        step('waited', 3, 'b', 1000, 3000, { on: 'sleep' }),
      ],
    };
    assert.equal(explainChain('run', chain, uiEn, undefined, [1000]).phrases.length, 2);
  });

  it('says who held the loop while a task was ready, and what made a timing off its ideal', () => {
    const chain: Chain = {
      fromMs: 0,
      toMs: 3000,
      steps: [
        step('waited', 3, 'Task-3 func2()', 0, 1000, { on: 'sleep' }),
        step('ready', 3, 'Task-3 func2()', 1000, 3000, {
          heldBy: [
            { taskId: 2, task: 'Task-2 func1()', ms: 1999 },
            { taskId: 1, task: 'main cpu()', ms: 1 },
          ],
        }),
      ],
    };
    const e = explainChain('func2', chain, uiEn, { idealMs: 1000, offIdeal: true });
    assert.deepEqual(
      e.phrases.map((p) => p.text),
      [
        'func2() slept 1.00 s',
        'func2() was ready at 1.00 s and ran at 3.00 s: func1() held the loop 2.00 s',
      ],
    );
    assert.equal(e.off?.text, 'off its ideal by +2.00 s: the loop was busy with func1() 2.00 s');
    const ru = explainChain('func2', chain, uiRu, { idealMs: 1000, offIdeal: true });
    assert.equal(
      ru.phrases[1]?.text,
      'func2() была готова в 1.00 s и выполнилась в 3.00 s: func1() держала цикл 2.00 s',
    );
  });

  it('gives a short stretch in µs and its moments in ms, and names a cut wait', () => {
    const chain: Chain = {
      fromMs: 10,
      toMs: 10.5,
      steps: [step('waited', 2, 'Task-2 foo()', 10, 10.5, { on: 'lock', timeoutSinceMs: 5 })],
    };
    assert.equal(
      explainChain('x', chain, uiEn).phrases[0]?.text,
      'foo() waited on a lock 500 µs, until the timeout entered at 5.000 ms expired',
    );
  });

  it('leaves steps under 2% of the stretch to the rest, and says the rest when it counts', () => {
    const chain: Chain = {
      fromMs: 0,
      toMs: 1000,
      steps: [step('waited', 2, 'a', 0, 900, { on: 'sleep' })],
    };
    const e = explainChain('x', chain, uiEn);
    assert.equal(e.restMs, 100);
    assert.deepEqual(explainLines([e], uiEn).slice(1), [
      '  x 1.00 s =',
      '        a slept 0.90 s',
      "      + 0.10 s in short steps and the loop's turns",
    ]);
  });
});

describe('shortName', () => {
  it('is the call, a named task without its anonymous coroutine, or the task', () => {
    assert.equal(shortName('Task-10 aget_data(3)'), 'aget_data(3)');
    assert.equal(shortName('cho anonymous()'), 'cho');
    assert.equal(shortName('Task-3 anonymous()'), 'Task-3');
    assert.equal(shortName('main gather()'), 'main gather()');
  });
});
