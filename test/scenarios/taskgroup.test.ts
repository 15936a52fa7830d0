import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { taskGroupScenario } from '../../src/scenarios/taskgroup.js';
import { failedExactChecks, lines, runAt, wallMs } from '../helpers/scenario.js';

describe('taskgroup scenario', () => {
  it('prints each task repr when added, the group done in about 2 s, then both results', async () => {
    const result = await runAt(taskGroupScenario, 0.05);
    const text = lines(result);
    assert.equal(text[0], 'Starting TaskGroup()...');
    for (const added of text.slice(1, 3)) {
      assert.match(
        added,
        /^📥 Task added: <Task pending name='Task-\d+' coro=<aget_data\(\)> cb=\[TaskGroup\._on_task_done\(\)\]>$/,
      );
    }
    assert.equal(text[3], '✅ TaskGroup() done');
    assert.match(text[4] ?? '', /^Run time \(async\): \d\.\d\d s$/);
    assert.deepEqual(text.slice(5), ['1 s.', '2 s.']);
    const ratio = wallMs(result, 'total') / 100;
    assert.ok(ratio >= 1 && ratio < 1.2, `took ${ratio.toFixed(2)}x the longest task`);
    assert.equal(result.outcome, 'ok');
  });

  it('with --fail 1 cancels the sibling at once and shows the TaskGroupError', async () => {
    const result = await runAt(taskGroupScenario, 0.05, { fail: '1' });
    const text = lines(result);
    assert.equal(result.outcome, 'TaskGroupError');
    assert.ok(
      text.includes('❌ TaskGroupError: unhandled errors in a TaskGroup (1 sub-exception)'),
    );
    assert.ok(text.includes('   Error: aget_data(1) failed'));
    assert.ok(text.some((l) => /<Task cancelled name='Task-\d+' coro=<aget_data\(\)>>/.test(l)));
    const ratio = wallMs(result, 'total') / 50;
    assert.ok(
      ratio >= 1 && ratio < 1.3,
      `failed at ${ratio.toFixed(2)}x task 1's time, not task 2's`,
    );
    assert.deepEqual(failedExactChecks(result), []);
  });

  it('speaks the notebook Russian', async () => {
    const text = lines(await runAt(taskGroupScenario, 0.05, {}, 'ru'));
    assert.equal(text[0], 'Запуск TaskGroup()...');
    assert.match(text[1] ?? '', /^📥 Добавлена задача: <Task pending /);
    assert.equal(text[3], '✅ TaskGroup() выполнена');
    assert.match(text[4] ?? '', /^Время выполнения \(async\): \d\.\d\d s$/);
  });
});
