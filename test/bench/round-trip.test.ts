import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { roundTrips, serverSides } from '../../src/bench/round-trip.js';

describe('the round-trip bench', () => {
  it('measures each Node server from its start and again once warm, in its own process', async () => {
    const sides = serverSides('python3', false).filter((side) => side.command === process.execPath);
    assert.deepEqual(
      sides.map((side) => side.name),
      ['raw Node', 'runtime'],
    );
    const figures = await roundTrips(sides, 1, 40, 1);
    for (const name of ['raw Node', 'runtime']) {
      const side = figures.get(name);
      assert.ok(side !== undefined, name);
      for (const window of [side.fresh, side.warm]) {
        assert.equal(window.all.length, 1);
        assert.ok(window.p50Ms > 0 && window.p50Ms <= window.p99Ms, `${name}: ${window.p50Ms}`);
        assert.ok(window.cpuS > 0, `${name}: CPU ${window.cpuS} s`);
      }
    }
  });
});
