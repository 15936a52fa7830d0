import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { timeoutScenario } from '../../src/scenarios/timeout.js';
import { failedExactChecks, lines, runAt, wallMs } from '../helpers/scenario.js';

describe('timeout scenario', () => {
  it('--limit 2: bar returns, foo does not, TimeoutError at the limit', async () => {
    const result = await runAt(timeoutScenario, 0.05);
    assert.deepEqual(lines(result), [
      '⚙️ Starting get_something()...',
      '🚀 Starting foo()...',
      '🚀 Starting bar()...',
      '✅ bar() returned a value',
      'TimeoutError',
    ]);
    assert.equal(result.outcome, 'TimeoutError');
    const ratio = wallMs(result, 'timeout') / 100;
    assert.ok(ratio >= 1 && ratio < 1.2, `fired at ${ratio.toFixed(2)}x the limit`);
    assert.deepEqual(failedExactChecks(result), []);
  });

  it('--limit 3: both return and their results are printed', async () => {
    const result = await runAt(timeoutScenario, 0.05, { limit: '3' });
    assert.deepEqual(lines(result).slice(3), [
      '✅ bar() returned a value',
      '✅ foo() returned a value',
      'foo',
      'bar',
    ]);
    assert.equal(result.outcome, 'ok');
  });

  it("speaks the notebook's Russian word for word", async () => {
    const result = await runAt(timeoutScenario, 0.05, {}, 'ru');
    assert.deepEqual(lines(result), [
      '⚙️ Запуск get_something()...',
      '🚀 Запуск foo()...',
      '🚀 Запуск bar()...',
      '✅ bar() вернула значение',
      'TimeoutError',
    ]);
  });
});
