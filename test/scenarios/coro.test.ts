import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { coroScenario } from '../../src/scenarios/coro.js';
import { failedExactChecks, lines, runAt } from '../helpers/scenario.js';

describe('coro scenario', () => {
  it('shows the eager call, the lazy Coro, and a Task done after sleep(0), in order', async () => {
    const result = await runAt(coroScenario, 0.05);
    const text = lines(result);
    assert.deepEqual(text.slice(0, 3), [
      'a plain async call ran its body at once (eager)',
      'a Coro has not run its body yet (lazy)',
      'await c(): None',
    ]);
    assert.match(text[3] ?? '', /^created: <Task pending name='Task-\d+' coro=<async_coro\(\)>>$/);
    assert.match(text[4] ?? '', /^after await sleep\(0\): <Task finished .* result=None>$/);
    assert.equal(text[5], 'task.result(): None');
    assert.equal(result.outcome, 'ok');
    assert.deepEqual(failedExactChecks(result), []);
  });

  it('prints the value alone in Russian, as the notebook prints None', async () => {
    const result = await runAt(coroScenario, 0.05, {}, 'ru');
    assert.equal(lines(result)[2], 'None');
    assert.equal(lines(result)[5], 'None');
  });
});
