import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type GATHER_MODES, gatherScenario } from '../../src/scenarios/gather.js';
import { runExperiment } from '../../src/scenarios/run-experiment.js';

type GatherMode = (typeof GATHER_MODES)[number];

async function runGather(
  options: { sleeps: number[]; mode: GatherMode[] },
  lang: 'en' | 'ru' = 'en',
) {
  return runExperiment(gatherScenario, options, { scale: 0.05, lang });
}

const wall = (result: Awaited<ReturnType<typeof runGather>>, label: string) =>
  result.timings.find((t) => t.label === label)?.wallMs ?? Number.NaN;

describe('gather scenario', () => {
  it('prints the notebook lines in order: run time, then the data, per mode', async () => {
    const result = await runGather({ sleeps: [1, 2, 3], mode: ['sync', 'async'] });
    const texts = result.transcript.map((line) => line.text);
    assert.equal(texts.length, 4);
    assert.match(texts[0] ?? '', /^Run time \(sync\): \d\.\d\d s$/);
    assert.equal(texts[1], "['1 s.', '2 s.', '3 s.']");
    assert.match(texts[2] ?? '', /^Run time \(async\): \d\.\d\d s$/);
    assert.equal(texts[3], "['1 s.', '2 s.', '3 s.']");
    assert.equal(result.outcome, 'ok');
  });

  it('takes the sum one by one and the longest with gather: about 2x at 1,2,3', async () => {
    const result = await runGather({ sleeps: [1, 2, 3], mode: ['sync', 'sequential', 'async'] });
    const speedUp = wall(result, 'sync') / wall(result, 'async');
    assert.ok(speedUp > 1.8 && speedUp <= 2.05, `sync/async = ${speedUp.toFixed(2)}`);
    const sequential = wall(result, 'sequential') / wall(result, 'sync');
    assert.ok(sequential > 0.95 && sequential < 1.1, `sequential/sync = ${sequential.toFixed(2)}`);
  });

  it('records each timing next to its ideal and passes its checks', async () => {
    const result = await runGather({ sleeps: [1, 2, 3], mode: ['sync', 'async'] });
    assert.deepEqual(
      result.timings.map((t) => [t.label, t.idealMs]),
      [
        ['sync', 300],
        ['async', 150],
      ],
    );
    for (const t of result.timings) assert.ok(t.wallMs >= t.idealMs, `${t.label} was early`);
    assert.deepEqual(
      result.checks.map((c) => [c.id, c.pass]),
      [
        ['gather.sync', true],
        ['gather.async', true],
      ],
    );
  });

  it('speaks the notebook Russian with --lang ru', async () => {
    const result = await runGather({ sleeps: [1], mode: ['async'] }, 'ru');
    assert.match(result.transcript[0]?.text ?? '', /^Время выполнения \(async\): \d\.\d\d s$/);
  });
});
