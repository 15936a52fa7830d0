import assert from 'node:assert/strict';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { describe, it } from 'node:test';
import {
  Barrier,
  blockingSleep,
  coro,
  createTask,
  ensureFuture,
  gather,
  Lock,
  Queue,
  secondsToMs,
  sleep,
  TASK_EVENTS,
  type TaskEvent,
  taskGroup,
  timeout,
  wait,
  waitFor,
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
    // The sleep was over (ready) at its deadline, which its call set between the task's start
    // and the wait's event: a preempted process can stretch that gap, never move the deadline
    // out of it.
    const [started, awaiting, ready] = [mine[1]?.atMs ?? 0, mine[2]?.atMs ?? 0, mine[3]?.atMs ?? 0];
    const delay = secondsToMs(1);
    assert.ok(
      ready >= started + delay - 1e-6 && ready <= awaiting + delay + 1e-6,
      `ready ${ready - awaiting} ms after the wait began, ${ready - started} ms after the start`,
    );
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

  it('says which task ended a wait in line: the one that released the lock', async () => {
    const lock = new Lock();
    const ids: Record<string, number> = {};
    const events = await recordEvents(async () => {
      const holder = createTask(
        () =>
          lock.hold(async () => {
            await sleep(0.05);
          }),
        { name: 'holder' },
      );
      ids.holder = holder.id;
      await sleep(0);
      await createTask(() => lock.hold(async () => {}), { name: 'next' });
    });
    const over = events.find((e) => e.name === 'next' && e.type === 'ready');
    assert.equal(events.find((e) => e.name === 'next' && e.type === 'awaiting')?.on, 'lock');
    assert.equal(over?.by, ids.holder);
  });

  it('says which task made each task, and a timeout body’s deadline on its waits', async () => {
    const events = await recordEvents(async () => {
      await createTask(
        async () => {
          await createTask(() => sleep(0.01), { name: 'child' });
          await timeout(1, () => sleep(0.01));
        },
        { name: 'parent' },
      );
    });
    const parent = events.find((e) => e.name === 'parent' && e.type === 'created');
    const child = events.find((e) => e.name === 'child' && e.type === 'created');
    assert.equal(child?.parentId, parent?.taskId);
    const [outside, inside] = events.filter((e) => e.name === 'parent' && e.type === 'awaiting');
    assert.equal(outside?.deadlineMs, undefined);
    // The timeout's deadline was set on entering it: after the parent resumed from the child,
    // before its body's wait began (a preempted process can stretch that gap, nothing more).
    const resumed = events
      .filter((e) => e.name === 'parent' && e.type === 'resumed' && e.atMs <= (inside?.atMs ?? 0))
      .at(-1);
    const deadline = inside?.deadlineMs ?? 0;
    assert.ok(
      deadline >= (resumed?.atMs ?? 0) + secondsToMs(1) - 1e-6 &&
        deadline <= (inside?.atMs ?? 0) + secondsToMs(1) + 1e-6,
      `deadline ${deadline - (inside?.atMs ?? 0)} ms after the wait began`,
    );
  });

  it('says when an expired timeout was entered', async () => {
    const events = await recordEvents(() =>
      createTask(async () => {
        await sleep(0.01);
        await timeout(0.02, () => sleep(1));
      }),
    );
    const expired = events.find((e) => e.type === 'timeout');
    assert.ok(expired?.sinceMs !== undefined);
    assert.ok(Math.abs((expired?.atMs ?? 0) - expired.sinceMs - secondsToMs(0.02)) < 5);
  });

  it('names each kind of wait: waitFor, wait, a promise, a barrier, a queue', async () => {
    const events = await recordEvents(() =>
      createTask(
        async () => {
          await waitFor(coro(aget_data, 0.01), 1);
          await wait([createTask(coro(aget_data, 0.01))]);
          await ensureFuture(new Promise((resolve) => setTimeout(resolve, 1)));
          const barrier = new Barrier(2);
          await gather(
            () => barrier.wait(),
            () => barrier.wait(),
          );
          const queue = new Queue<number>();
          await gather(
            () => queue.get(),
            async () => queue.putNowait(1),
          );
        },
        { name: 'kinds' },
      ),
    );
    const on = events.filter((e) => e.type === 'awaiting' && e.on !== 'sleep').map((e) => e.on);
    for (const kind of ['waitFor', 'wait', 'promise', 'barrier', 'queue.get'])
      assert.ok(on.includes(kind), `${kind} in ${on.join(', ')}`);
    const waitForEvent = events.find((e) => e.on === 'waitFor');
    assert.equal(waitForEvent?.waitsFor?.length, 1, 'waitFor names the task it watches');
  });

  it("puts a sleep's ready at its deadline, even when the loop reached it late", async () => {
    const events = await recordEvents(() =>
      createTask(
        async () => {
          const sleeper = createTask(() => sleep(0.01), { name: 'sleeper' });
          await sleep(0);
          blockingSleep(0.05); // the loop is held past the sleeper's deadline
          await sleeper;
        },
        { name: 'hog' },
      ),
    );
    const started = events.find((e) => e.name === 'sleeper' && e.type === 'started');
    const waited = events.find((e) => e.name === 'sleeper' && e.type === 'awaiting');
    const ready = events.find((e) => e.name === 'sleeper' && e.type === 'ready');
    const resumed = events.find((e) => e.name === 'sleeper' && e.type === 'resumed');
    // Ready at the sleep's deadline, which its call set between the start and the wait's event.
    const [from, to] = [started?.atMs ?? 0, waited?.atMs ?? 0].map((t) => t + secondsToMs(0.01));
    const readyAt = ready?.atMs ?? 0;
    assert.ok(readyAt >= (from ?? 0) - 1e-6 && readyAt <= (to ?? 0) + 1e-6, `ready at ${readyAt}`);
    assert.ok((resumed?.atMs ?? 0) - (ready?.atMs ?? 0) >= secondsToMs(0.04) - 1, 'ran late');
  });
});
