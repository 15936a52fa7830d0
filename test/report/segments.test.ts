import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTimeline, hasReadyWait } from '../../src/report/segments.js';
import {
  ev,
  gatherEvents,
  readyEvents,
  semaphoreEvents,
  timeoutEvents,
} from '../helpers/events.js';

describe('buildTimeline', () => {
  it('makes a row per task with its running and waiting stretches', () => {
    const timeline = buildTimeline(gatherEvents());
    assert.deepEqual(
      timeline.rows.map((r) => r.label),
      ['main gather()', 'Task-2 aget_data(1)', 'Task-3 aget_data(2)', 'Task-4 aget_data(3)'],
    );
    const main = timeline.rows[0];
    assert.deepEqual(
      main?.segments.map((s) => [s.kind, s.startMs, s.endMs]),
      [
        ['running', 0, 600],
        ['waiting', 600, 900.2],
        ['running', 900.2, 900.3],
      ],
    );
    assert.equal(main?.segments[1]?.on, 'gather');
  });

  it('marks the loop blocked where a task ran without yielding', () => {
    assert.deepEqual(buildTimeline(gatherEvents()).blocked, [{ startMs: 0, endMs: 600 }]);
  });

  it('records how tasks ended and when timeouts fired', () => {
    const timeline = buildTimeline(timeoutEvents());
    assert.deepEqual(timeline.timeouts, [150]);
    assert.equal(timeline.rows.find((r) => r.label.endsWith('foo()'))?.end?.kind, 'cancelled');
    assert.equal(timeline.rows.find((r) => r.label.endsWith('bar()'))?.end?.kind, 'done');
  });

  it('measures from the given start', () => {
    const timeline = buildTimeline(gatherEvents(), -100, 1000);
    assert.equal(timeline.spanMs, 1100);
    assert.equal(timeline.rows[0]?.segments[0]?.startMs, 100);
  });

  it('tells the wait from the time a task was ready while the loop was busy', () => {
    const timeline = buildTimeline(readyEvents());
    const func2 = timeline.rows.find((r) => r.label.endsWith('func2()'));
    assert.deepEqual(
      func2?.segments.map((s) => [s.kind, s.startMs, s.endMs]),
      [
        ['running', 0.8, 1],
        ['waiting', 1, 101],
        ['ready', 101, 130.2],
        ['running', 130.2, 130.4],
      ],
    );
    assert.ok(hasReadyWait(timeline));
  });

  it("keeps a ready gap shorter than a blocked stretch (the loop's ordinary turn) in the wait", () => {
    const func1 = buildTimeline(readyEvents()).rows.find((r) => r.label.endsWith('func1()'));
    assert.deepEqual(
      func1?.segments.filter((s) => s.kind !== 'running').map((s) => [s.kind, s.startMs, s.endMs]),
      [
        ['waiting', 0.5, 1],
        ['waiting', 130, 130.6],
      ],
    );
    assert.equal(hasReadyWait(buildTimeline(gatherEvents())), false);
  });

  it('keeps when a wait was over, who ended it, its deadline and who made the task', () => {
    const events = semaphoreEvents().map((e) =>
      e.taskId === 3 && e.type === 'awaiting' && e.on === 'semaphore'
        ? { ...e, deadlineMs: 500 }
        : e,
    );
    const fetch1 = buildTimeline(events).rows.find((r) => r.taskId === 3);
    const inLine = fetch1?.segments.find((s) => s.on === 'semaphore');
    assert.deepEqual(
      [inLine?.startMs, inLine?.endMs, inLine?.readyAtMs, inLine?.by, inLine?.deadlineMs],
      [1, 101.1, 100.9, 2, 500],
    );
    assert.deepEqual([fetch1?.parentId, fetch1?.createdMs], [1, 0.3]);
    assert.equal(fetch1?.repr, "<Task name='Task-3' coro=<aget_data()>>");
  });

  it('draws a task made long before it started as ready (the loop was busy)', () => {
    const timeline = buildTimeline([
      ev(1, 'started', 0),
      ev(2, 'created', 1, { parentId: 1 }),
      ev(2, 'started', 50),
      ev(2, 'done', 51),
      ev(1, 'done', 52),
    ]);
    assert.deepEqual(
      timeline.rows[1]?.segments.map((s) => [s.kind, s.startMs, s.endMs]),
      [
        ['ready', 1, 50],
        ['running', 50, 51],
      ],
    );
  });
});
