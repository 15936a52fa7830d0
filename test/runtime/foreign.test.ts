/**
 * Waits on promises that are not the runtime's: the loop sees them (an `awaiting` event on
 * `foreign`), and a cancellation that could reach the task only when the promise settled is
 * published as a warning with when it was asked and when it arrived.
 */
import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import {
  createTask,
  type LateCancelWarning,
  RUNTIME_WARNINGS,
  sleep,
  TASK_EVENTS,
  type TaskEvent,
  waitFor,
  withAbortSignal,
} from '../../src/runtime/index.js';
import { useCPythonScale } from '../helpers/cpython.js';

useCPythonScale(); // 0.1 s = 10 ms

let events: TaskEvent[] = [];
let warnings: LateCancelWarning[] = [];
const onEvent = (e: unknown) => events.push(e as TaskEvent);
const onWarning = (w: unknown) => warnings.push(w as LateCancelWarning);
beforeEach(() => {
  events = [];
  warnings = [];
  subscribe(TASK_EVENTS, onEvent);
  subscribe(RUNTIME_WARNINGS, onWarning);
});
afterEach(() => {
  unsubscribe(TASK_EVENTS, onEvent);
  unsubscribe(RUNTIME_WARNINGS, onWarning);
});

const waitsOf = (name: string) =>
  events.filter((e) => e.name === name && e.type === 'awaiting').map((e) => e.on);

describe('a wait on a foreign promise', () => {
  it('is published as awaiting on foreign', async () => {
    await createTask(
      async () => {
        await delay(20);
      },
      { name: 'bare' },
    );
    assert.deepEqual(waitsOf('bare'), ['foreign']);
  });

  it('is not a long chain of settled awaits that ends at a runtime wait', async () => {
    const deep = async (n: number): Promise<void> => {
      if (n === 0) return sleep(0.01);
      await Promise.resolve();
      return deep(n - 1);
    };
    await createTask(() => deep(40), { name: 'deep' });
    assert.deepEqual(waitsOf('deep'), ['sleep']);
  });

  it('warns that a cancel came late, with when it was asked and when it arrived', async () => {
    const started = performance.now();
    await assert.rejects(
      waitFor(async () => {
        await delay(60); // 0.6 s, past the 0.3 s limit
      }, 0.3),
      { name: 'TimeoutError' },
    );
    assert.equal(warnings.length, 1);
    const [warning] = warnings as [LateCancelWarning];
    const asked = warning.askedAtMs - started;
    const arrived = warning.deliveredAtMs - started;
    assert.ok(asked >= 30 && asked < 45, `asked at ${asked} ms`);
    // Node's own timer (the foreign promise) may fire up to a millisecond before its time.
    assert.ok(arrived >= 58 && arrived < 80, `arrived at ${arrived} ms`);
    assert.match(warning.name, /^Task-\d+$/);
  });

  it('gives no warning through withAbortSignal: the cancel aborts it at once', async () => {
    const started = performance.now();
    await assert.rejects(
      waitFor(() => withAbortSignal((signal) => delay(60, undefined, { signal })), 0.3),
      { name: 'TimeoutError' },
    );
    assert.ok(performance.now() - started < 45);
    assert.deepEqual(warnings, []);
  });

  it('gives no warning when the promise settled before the cancel was asked for', async () => {
    const task = createTask(async () => {
      await delay(20);
      return 'answer';
    });
    await sleep(0.4);
    assert.equal(task.cancel(), false);
    assert.equal(task.result(), 'answer');
    assert.deepEqual(warnings, []);
  });

  it('leaves the task out of reach until its coroutine ends: a later sleep is not interrupted, and the late cancel is warned', async () => {
    // The coroutine goes on from a callback of Node's, outside any step of the loop: the runtime
    // cannot tell its next wait from any other code's (see DESIGN.md, foreign waits).
    const task = createTask(async () => {
      await delay(20);
      await sleep(0.5);
    });
    await sleep(0.3);
    const asked = performance.now();
    task.cancel();
    await assert.rejects(task, { name: 'CancelledError' });
    assert.ok(performance.now() - asked > 25, 'the sleep ran to its end');
    assert.equal(warnings.length, 1);
  });
});
