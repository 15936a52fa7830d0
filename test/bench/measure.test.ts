import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sampleInTurns } from '../../src/bench/measure.js';

describe('sampleInTurns', () => {
  it('times both sides in turns, each following the other as often as itself, after a warm-up', async () => {
    const order: string[] = [];
    const [a, b] = await sampleInTurns(
      4,
      async () => order.push('a'),
      async () => order.push('b'),
    );
    // The warm-up (ab), then abba twice.
    assert.equal(order.join(''), 'ababbaabba');
    assert.equal(a.length, 4);
    assert.equal(b.length, 4);
  });

  it('runs a third side, untimed, after each round', async () => {
    const order: string[] = [];
    await sampleInTurns(
      2,
      async () => order.push('a'),
      async () => order.push('b'),
      () => order.push('c'),
    );
    assert.equal(order.join(''), 'ababcbac');
  });

  it("gives each side its own run's milliseconds", async () => {
    const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
    const [quick, slow] = await sampleInTurns(
      3,
      () => pause(1),
      () => pause(100),
    );
    assert.ok(Math.max(...quick) < Math.min(...slow), `${quick} vs ${slow}`);
  });
});
