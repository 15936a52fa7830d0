/**
 * `allTasks()`: asyncio's `all_tasks()`, the pending tasks, held weakly (CPython 3.11's
 * test_tasks.py checks it inside `test_log_destroyed_pending_task`, ported in debug.cpython.test).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allTasks, coro, createTask, currentTask, Future, sleep } from '../../src/runtime/index.js';
import { useCPythonScale } from '../helpers/cpython.js';
import { collectUntil } from '../helpers/gc.js';

useCPythonScale();

describe('allTasks', () => {
  it('lists the pending tasks in creation order, not those that are done', async () => {
    // b waits on a gate, not a longer sleep: a process held off the CPU under load could let
    // both deadlines pass before this code resumes.
    const gate = new Future<void>();
    const a = createTask(coro(sleep, 0.01));
    const b = createTask(async () => gate);
    assert.deepEqual([...allTasks()], [a, b]);
    await a;
    assert.deepEqual([...allTasks()], [b]);
    gate.setResult();
    await b;
    assert.equal(allTasks().size, 0);
  });

  it('includes the running task', async () => {
    let seen: boolean | undefined;
    await createTask(async () => {
      seen = allTasks().has(currentTask() as never);
    });
    assert.equal(seen, true);
  });

  it('keeps track through thousands of tasks made and finished (its sweeps)', async () => {
    const gate = new Future<void>();
    const keep = createTask(async () => gate);
    for (let round = 0; round < 5; round++) {
      const batch = Array.from({ length: 1000 }, () => createTask(coro(sleep, 0)));
      await Promise.all(batch);
    }
    assert.deepEqual([...allTasks()], [keep]);
    gate.setResult();
    await keep;
  });

  it('does not keep alive a pending task that nothing can wake any more', async () => {
    let collected = false;
    const registry = new FinalizationRegistry(() => {
      collected = true;
    });
    (() => {
      const abandoned = createTask(async () => {
        await new Future(); // nobody else holds it: nothing can ever settle it
      });
      registry.register(abandoned, 'abandoned');
    })();
    await sleep(0); // it starts, and now waits
    assert.equal(allTasks().size, 1);
    assert.ok(await collectUntil(() => collected), 'the abandoned task was never collected');
    assert.equal(allTasks().size, 0);
  });
});
