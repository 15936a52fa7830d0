import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, it } from 'node:test';
import {
  coro,
  createTask,
  gather,
  secondsToMs,
  sleep,
  TASK_EVENTS,
  type TaskEvent,
  taskGroup,
} from '../../src/runtime/index.js';
import { aget_data } from '../helpers/coros.js';
import { useTestScale } from '../helpers/time.js';

useTestScale();

async function recordEvents(fn: () => Promise<unknown>): Promise<TaskEvent[]> {
  const events: TaskEvent[] = [];
  const onEvent = (message: unknown) => events.push(message as TaskEvent);
  subscribe(TASK_EVENTS, onEvent);
  try {
    await fn().catch(() => {});
  } finally {
    unsubscribe(TASK_EVENTS, onEvent);
  }
  return events;
}

describe('task lifecycle events', () => {
  it('publishes created, started, awaiting, ready, resumed, done with monotonic timestamps', async () => {
    const events = await recordEvents(async () => {
      await createTask(coro(aget_data, 1), { name: 'ev' });
    });
    const mine = events.filter((e) => e.name === 'ev');
    assert.deepEqual(
      mine.map((e) => e.type),
      ['created', 'started', 'awaiting', 'ready', 'resumed', 'done'],
    );
    assert.equal(mine[2]?.on, 'sleep');
    // The sleep was over (ready) no earlier than its deadline, and the task ran after that.
    assert.ok((mine[3]?.atMs ?? 0) - (mine[2]?.atMs ?? 0) >= secondsToMs(1) - 0.01);
    assert.equal(mine[0]?.coro, 'aget_data');
    const times = mine.map((e) => e.atMs);
    assert.deepEqual(
      times,
      [...times].sort((a, b) => a - b),
    );
  });

  it('publishes cancelled and failed', async () => {
    const events = await recordEvents(async () => {
      const c = createTask(coro(aget_data, 5), { name: 'c' });
      const f = createTask(
        async () => {
          throw new Error('x');
        },
        { name: 'f' },
      );
      await sleep(0);
      c.cancel();
      await sleep(0);
      void f;
    });
    assert.equal(events.find((e) => e.name === 'c' && e.type === 'cancelled')?.name, 'c');
    assert.equal(events.find((e) => e.name === 'f' && e.type === 'failed')?.name, 'f');
  });

  it("names the tasks a wait is on: a task, a gather's children, a group's tasks", async () => {
    const ids: Record<string, number> = {};
    const events = await recordEvents(async () => {
      await createTask(
        async () => {
          const child = createTask(coro(aget_data, 0.1), { name: 'child' });
          ids.child = child.id;
          await child;
          await gather(coro(aget_data, 0.1), coro(aget_data, 0.2));
          await taskGroup(async (tg) => {
            ids.member = tg.createTask(coro(aget_data, 0.1), { name: 'member' }).id;
          });
        },
        { name: 'waiter' },
      );
    });
    const waits = events
      .filter((e) => e.name === 'waiter' && e.type === 'awaiting' && e.on !== 'sleep')
      .map((e) => [e.on, e.waitsFor?.length]);
    assert.deepEqual(waits, [
      ['task', 1],
      ['gather', 2],
      ['taskGroup', 1],
    ]);
    const first = events.find((e) => e.name === 'waiter' && e.type === 'awaiting');
    assert.deepEqual(first?.waitsFor, [ids.child]);
    const last = events.filter((e) => e.name === 'waiter' && e.on === 'taskGroup').at(-1);
    assert.deepEqual(last?.waitsFor, [ids.member]);
  });
});
