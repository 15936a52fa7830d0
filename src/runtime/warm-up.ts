/**
 * One pass through the runtime's paths when it loads, so that a program's first steps run as
 * fast as its later ones.
 *
 * V8 compiles a function on its first call: a cold path of the loop costs 0.2-0.5 ms the first
 * time and a few microseconds after. In a program's first milliseconds that is enough to move
 * deadlines apart that asyncio (whose bytecode is compiled ahead) fires on the same turn. So the
 * runtime runs a tiny program here (tasks, sleeps, gather, groups, timeouts, cancellation,
 * virtual time, and the synchronization primitives, queues and `wait`), with no real waiting but
 * one wake-up of a millisecond, and then resets its task counter, so user tasks start at
 * `Task-1`. (Without the primitives, a program's first queue, condition and `wait` took 1.7 ms of
 * steps that CPython takes in 0.3 ms, and a timeout set after them fell due on a turn after one
 * set before them: the differential's seed 1558.) No context variable is made here: the first
 * one makes every task copy its context.
 *
 * @module
 */

import { Barrier } from './barrier.js';
import { Condition } from './condition.js';
import { TimeoutError } from './errors.js';
import { Future } from './future.js';
import { gather } from './gather.js';
import { callLater, callSoon } from './handles.js';
import { BoundedSemaphore, Event, Lock } from './locks.js';
import { loopTime } from './loop.js';
import { LifoQueue, PriorityQueue, Queue } from './queue.js';
import { shield } from './shield.js';
import { blockingSleep, sleep } from './sleep.js';
import { createTask, resetTaskIds } from './task.js';
import { taskGroup } from './task-group.js';
import { timeout } from './timeout.js';
import { withVirtualClock } from './virtual-time.js';
import { ALL_COMPLETED, asCompleted, FIRST_COMPLETED, FIRST_EXCEPTION, wait } from './wait.js';
import { waitFor } from './wait-for.js';

const ignore = () => {};

async function exercise(): Promise<void> {
  const sleeper = createTask(() => sleep(3600));
  await sleep(0);
  sleeper.cancel('warm-up');
  await sleeper.then(ignore, ignore);
  await gather(
    async () => 1,
    async () => Promise.reject(new Error('warm-up')),
    {
      returnExceptions: true,
    },
  );
  await gather(
    () => sleep(0),
    async () => Promise.reject(new Error('warm-up')),
  ).then(ignore, ignore);
  await taskGroup(async (tg) => {
    tg.createTask(() => sleep(0));
  });
  await taskGroup(async (tg) => {
    tg.createTask(async () => Promise.reject(new Error('warm-up')));
    await sleep(3600);
  }).then(ignore, ignore);
  await timeout(0, () => sleep(3600)).then(ignore, (err) => err instanceof TimeoutError);
  await timeout(null, async (cm) => cm.reschedule(loopTime() + 3600));
  await waitFor(() => sleep(3600), 0).then(ignore, ignore);
  await waitFor(async () => 1, 3600);
  await shield(createTask(async () => 1));
  const future = new Future<number>();
  callSoon(() => future.setResult(1));
  callLater(3600, ignore).cancel();
  await future;
  // Virtual time's jumps cost nothing to wait for (the clock moves 3 ms ahead of real time).
  await withVirtualClock(async () => {
    await gather(
      () => sleep(0.001),
      () => sleep(0.002),
      // The paths a deadline takes when it falls due: a program's first three waitFor timeouts
      // in a gather took 0.6-1.2 ms of code from the deadline to the gather's end (virtual
      // time), 0.5-0.8 with these.
      () => waitFor(() => sleep(1), 0.001),
      () => timeout(0.001, () => sleep(1)),
      { returnExceptions: true },
    );
    blockingSleep(0);
  });
}

async function exercisePrimitives(): Promise<void> {
  const lock = new Lock();
  await lock.hold(async () => lock.locked());
  const event = new Event();
  callSoon(() => event.set());
  await event.wait();
  event.clear();
  const semaphore = new BoundedSemaphore(1);
  await semaphore.hold(() => sleep(0));
  const condition = new Condition();
  let ready = false;
  const waiter = createTask(() => condition.hold(() => condition.waitFor(() => ready)));
  await sleep(0);
  await condition.hold(async () => {
    ready = true;
    condition.notifyAll();
  });
  await waiter;
  await waitFor(() => condition.hold(() => condition.wait()), 0).then(ignore, ignore);
  const barrier = new Barrier(2);
  await gather(
    () => barrier.wait(),
    () => barrier.wait(),
  );
  await barrier.reset();
  for (const queue of [
    new Queue<number>(1),
    new LifoQueue<number>(1),
    new PriorityQueue<number>(1),
  ]) {
    await queue.put(1);
    await waitFor(() => queue.put(2), 0).then(ignore, ignore);
    queue.taskDone();
    await queue.get();
    await queue.join();
    await waitFor(() => queue.get(), 0).then(ignore, ignore);
    queue.putNowait(1);
    attempt(() => queue.putNowait(2));
    queue.getNowait();
    attempt(() => queue.getNowait());
  }
  const failing = createTask(async () => Promise.reject(new Error('warm-up')));
  const sleeping = createTask(() => sleep(3600));
  await wait([failing, sleeping], { returnWhen: FIRST_EXCEPTION });
  await wait([sleeping], { returnWhen: FIRST_COMPLETED, timeout: 0 });
  sleeping.cancel();
  await wait([sleeping], { returnWhen: ALL_COMPLETED });
  for (const next of asCompleted([failing, createTask(() => sleep(0))]))
    await next.then(ignore, ignore);
}

function attempt(fn: () => unknown): void {
  try {
    fn();
  } catch {
    // QueueFull, QueueEmpty: the paths that throw are compiled too.
  }
}

/**
 * One real wake-up, a millisecond long: Node's first timer of a process fires 1.3-1.9 ms late
 * (0.2-0.5 after one has fired), and the loop's wake-up path runs only on a real timer. Without
 * it a program's first `sleep(0.01)` was 1.2-2.2 ms late, with it 0.1-0.8 (CPython 0.2-0.5).
 */
const REAL_WAKE_S = 0.001;

/** Runs the warm-up program in a task of its own and resets the task counter. */
export async function warmUp(): Promise<void> {
  await createTask(exercise).then(ignore, ignore);
  await createTask(exercisePrimitives).then(ignore, ignore);
  await createTask(() => sleep(REAL_WAKE_S));
  resetTaskIds();
}
