import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cancelScenario } from '../../src/scenarios/cancel.js';
import { failedExactChecks, lines, runAt, wallMs } from '../helpers/scenario.js';

describe('cancel scenario', () => {
  it("prints the notebook's two lines, then task is cancelled", async () => {
    const result = await runAt(cancelScenario, 0.05);
    assert.deepEqual(lines(result), [
      'task is running...',
      'task is running...',
      'task is cancelled',
    ]);
    assert.equal(result.outcome, 'CancelledError');
  });

  it('settles the cancelled task at once and ends at --after', async () => {
    const result = await runAt(cancelScenario, 0.05);
    assert.ok(wallMs(result, 'cancel') < 10, `cancel took ${wallMs(result, 'cancel')} ms`);
    const ratio = wallMs(result, 'total') / 150;
    assert.ok(ratio >= 1 && ratio < 1.2, `total at ${ratio.toFixed(2)}x --after`);
    assert.deepEqual(failedExactChecks(result), []);
  });

  it('prints as many lines as fit before --after', async () => {
    const result = await runAt(cancelScenario, 0.05, { after: '2.5', every: '0.5' });
    assert.equal(lines(result).filter((l) => l === 'task is running...').length, 4);
  });
});
