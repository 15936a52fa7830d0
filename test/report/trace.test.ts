import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTimeline } from '../../src/report/segments.js';
import { toTrace } from '../../src/report/trace.js';
import {
  ev,
  foreignEvents,
  gatherEvents,
  semaphoreEvents,
  timeoutEvents,
} from '../helpers/events.js';
import { traceProblems } from '../helpers/trace.js';

describe('toTrace', () => {
  it('is a valid trace: named tracks, X events that do not overlap on a track', () => {
    assert.deepEqual(traceProblems(toTrace(buildTimeline(gatherEvents()), 'gather')), []);
    assert.deepEqual(traceProblems(toTrace(buildTimeline(timeoutEvents()), 'timeout')), []);
  });

  it('rounds both ends to microseconds, so back-to-back stretches never overlap', () => {
    const events = timeoutEvents().map((e) => ({ ...e, atMs: e.atMs + 0.0006 * (e.taskId % 2) }));
    const odd = [
      ...events,
      ev(1, 'awaiting', 200.0004, { name: 'main', coro: 'timeout', on: 'sleep' }),
      ev(1, 'resumed', 200.0016, { name: 'main', coro: 'timeout' }),
    ];
    assert.deepEqual(traceProblems(toTrace(buildTimeline(odd), 'timeout')), []);
  });

  it('gives a wait on a foreign promise a category of its own', () => {
    const trace = toTrace(buildTimeline(foreignEvents()), 'crawl');
    assert.deepEqual(traceProblems(trace), []);
    const foreign = trace.traceEvents.filter((e) => e.cat === 'foreign');
    assert.deepEqual(
      foreign.map((e) => [e.name, e.tid, e.ts, e.dur]),
      [['waiting on foreign', 2, 1200, 198_800]],
    );
  });

  it('puts concurrent tasks on separate tracks', () => {
    const trace = toTrace(buildTimeline(gatherEvents()), 'gather');
    const names = trace.traceEvents.filter((e) => e.ph === 'M' && e.name === 'thread_name');
    assert.deepEqual(
      names.map((e) => e.args?.name),
      [
        'event loop (blocked)',
        'main gather()',
        'Task-2 aget_data(1)',
        'Task-3 aget_data(2)',
        'Task-4 aget_data(3)',
      ],
    );
  });

  it('has microsecond times and instant events for the timeout and the cancellation', () => {
    const trace = toTrace(buildTimeline(timeoutEvents()), 'timeout');
    const waiting = trace.traceEvents.find((e) => e.name === 'waiting on sleep' && e.tid === 3);
    assert.deepEqual([waiting?.ts, waiting?.dur], [1300, 100_000]);
    assert.deepEqual(
      trace.traceEvents.filter((e) => e.ph === 'i').map((e) => [e.name, e.s]),
      [
        ['cancelled', 't'],
        ['timeout', 'g'],
      ],
    );
  });

  it('names each slice by its kind of wait, its family the category, and who ended it', () => {
    const trace = toTrace(buildTimeline(semaphoreEvents()), 'bounded');
    const inLine = trace.traceEvents.find((e) => e.name === 'waiting on semaphore');
    assert.equal(inLine?.cat, 'line');
    assert.deepEqual(inLine?.args, { endedBy: 'Task-2 fetch(0)', overAtMs: 100.9 });
    const gather = trace.traceEvents.find((e) => e.name === 'waiting on gather');
    assert.equal(gather?.cat, 'await');
    assert.deepEqual(gather?.args?.awaiting, ['Task-2 fetch(0)', 'Task-3 fetch(1)']);
  });
});
