import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cpuScenario, cycleFor } from '../../src/scenarios/cpu.js';
import { failedExactChecks, lines, runAt, verdicts, wallMs } from '../helpers/scenario.js';

const SCALE = 0.05;
const SECOND = 1000 * SCALE;

describe('cpu scenario', () => {
  it('with yields: func2 finishes near 1 s and the timeout fires near 2 s', async () => {
    const result = await runAt(cpuScenario, SCALE);
    assert.deepEqual(lines(result), [
      '🚀 Starting func1()...',
      '🚀 Starting func2()...',
      '✅ func2(): OK',
      'TimeoutError',
    ]);
    assert.equal(result.outcome, 'TimeoutError');
    // Back long before func1's 2.5 s of work end (its OK is not in the transcript). How close to
    // 1 s and 2 s depends on the machine: a waiter waits for up to three of func1's chunks, whose
    // length is CPU time (the allowance the run earned, which the scenario's checks add), and a
    // loaded process can be preempted on top of that (CI on Node 24: the timeout at 2.66 s).
    const earned = result.checks.find((c) => c.id === 'cpu.timeout-on-time')?.allowance ?? 0;
    const bound = (seconds: number) => seconds * SECOND + earned + 0.5 * SECOND;
    const func2Ms = wallMs(result, 'func2');
    assert.ok(func2Ms < bound(1), `func2 at ${func2Ms} ms (allowance ${earned} ms)`);
    const timeoutMs = wallMs(result, 'timeout');
    assert.ok(timeoutMs < bound(2), `timeout at ${timeoutMs} ms (allowance ${earned} ms)`);
    assert.ok(timeoutMs >= 2 * SECOND, `timeout early, at ${timeoutMs} ms`);
    assert.deepEqual(failedExactChecks(result), []);
  });

  it('with --yield-every 0: func2 and the timeout both wait for the whole work', async () => {
    const result = await runAt(cpuScenario, SCALE, { yieldEvery: '0', work: '3' });
    assert.deepEqual(lines(result), [
      '🚀 Starting func1()...',
      '✅ func1(): OK',
      '🚀 Starting func2()...',
      'TimeoutError',
    ]);
    // func1 held the thread for 3 s: the 2 s timeout fired only then, late by about 1 s.
    const late = wallMs(result, 'timeout') / (3 * SECOND);
    assert.ok(late >= 1 && late < 1.3, `timeout at ${late.toFixed(2)}x the work`);
    assert.ok(
      wallMs(result, 'func2') >= 3 * SECOND,
      'func2 got the thread back only after the work',
    );
    assert.deepEqual(
      verdicts(result).find(([id]) => id === 'cpu.func2-on-time'),
      ['cpu.func2-on-time', false],
    );
  });

  it('cycles i through a range that shrinks with the scale', () => {
    assert.equal(cycleFor(1), 10_000);
    assert.ok(cycleFor(0.1) < cycleFor(1));
    assert.ok(cycleFor(0.0001) >= 100);
  });
});
