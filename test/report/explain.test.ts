import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { explainRun, explainStretch } from '../../src/report/explain.js';
import { buildTimeline } from '../../src/report/segments.js';
import type { TaskEvent } from '../../src/runtime/index.js';
import {
  ev,
  gatherEvents,
  readyEvents,
  semaphoreEvents,
  timeoutEvents,
} from '../helpers/events.js';

/** The chain's steps as `kind task [on]`, in time order, short steps left out. */
function links(events: TaskEvent[], minMs = 1): string[] {
  const chain = explainRun(buildTimeline(events));
  return chain.steps
    .filter((s) => s.toMs - s.fromMs >= minMs)
    .map((s) => [s.kind, s.task, s.on].filter((x) => x !== undefined).join(' '));
}

describe('explainRun and explainStretch', () => {
  it('counts a long run as the loop held, and a wait on tasks goes on in the last to end', () => {
    // main runs 600 ms, then awaits a gather; aget_data(3) ends last.
    const events = gatherEvents().map((e) =>
      e.taskId === 1 && e.type === 'awaiting'
        ? { ...e, waitsFor: [2, 3, 4] }
        : e.type === 'created' && e.taskId > 1
          ? { ...e, parentId: 1 }
          : e,
    );
    assert.deepEqual(links(events), ['ran main gather()', 'waited Task-4 aget_data(3) sleep']);
  });

  it('goes on in the task that ended a wait in line (its `by`)', () => {
    assert.deepEqual(links(semaphoreEvents()), [
      'waited Task-2 fetch(0) sleep',
      'waited Task-3 fetch(1) sleep',
    ]);
  });

  it('names the tasks that held the loop while a task was ready', () => {
    const chain = explainStretch(buildTimeline(readyEvents()), 2, 0, 130.4);
    const ready = chain.steps.find((s) => s.kind === 'ready');
    assert.deepEqual(
      [ready?.fromMs, ready?.toMs, ready?.heldBy?.map((h) => h.task)],
      [101, 130.2, ['Task-1 func1()']],
    );
  });

  it('marks a wait a timeout cut, with when the timeout was entered', () => {
    const events = timeoutEvents().map((e) =>
      e.type === 'timeout'
        ? { ...e, sinceMs: 0.2 }
        : e.taskId === 1 && e.type === 'awaiting'
          ? { ...e, waitsFor: [2, 3] }
          : e,
    );
    const cut = explainRun(buildTimeline(events)).steps.find((s) => s.timeoutSinceMs !== undefined);
    assert.equal(cut?.task, 'Task-2 foo()');
    assert.equal(cut?.timeoutSinceMs, 0.2);
  });

  it('goes back from a task to the one that made it, and a late start is the loop busy', () => {
    const events = [
      ev(1, 'created', 0, { name: 'main', coro: 'main' }),
      ev(1, 'started', 0, { name: 'main', coro: 'main' }),
      ev(2, 'created', 1, { call: 'hog()', parentId: 1 }),
      ev(3, 'created', 2, { call: 'late()', parentId: 1 }),
      ev(1, 'awaiting', 3, { name: 'main', coro: 'main', on: 'gather', waitsFor: [2, 3] }),
      ev(2, 'started', 3.1, { call: 'hog()' }),
      ev(2, 'done', 200, { call: 'hog()' }),
      ev(3, 'started', 200.1, { call: 'late()' }),
      ev(3, 'done', 200.2, { call: 'late()' }),
      ev(1, 'ready', 200.3, { name: 'main', coro: 'main' }),
      ev(1, 'resumed', 200.4, { name: 'main', coro: 'main' }),
      ev(1, 'done', 200.5, { name: 'main', coro: 'main' }),
    ];
    const steps = explainRun(buildTimeline(events)).steps;
    const ready = steps.find((s) => s.kind === 'ready');
    assert.equal(ready?.task, 'Task-3 late()');
    assert.equal(ready?.heldBy?.[0]?.task, 'Task-2 hog()', 'hog held it longest');
    assert.equal(steps[0]?.task, 'main main()', 'back to main, which made it');
  });

  it('covers the stretch: its steps end to end, none outside it', () => {
    const timeline = buildTimeline(semaphoreEvents());
    const chain = explainStretch(timeline, 1, 50, 151.7);
    assert.ok(chain.steps.every((s) => s.fromMs >= 50 && s.toMs <= 151.7 && s.fromMs <= s.toMs));
    for (let i = 1; i < chain.steps.length; i++)
      assert.ok((chain.steps[i]?.fromMs ?? 0) >= (chain.steps[i - 1]?.toMs ?? 0) - 0.001);
  });
});
