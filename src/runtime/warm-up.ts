/**
 * One pass through the runtime's paths when it loads, so that a program's first steps run as
 * fast as its later ones.
 *
 * V8 compiles a function on its first call: a cold path of the loop costs 0.2-0.5 ms the first
 * time and a few microseconds after. In a program's first milliseconds that is enough to move
 * deadlines apart that asyncio (whose bytecode is compiled ahead) fires on the same turn. So the
 * runtime runs a tiny program here (tasks, sleeps, gather, groups, timeouts, cancellation,
 * virtual time), with no real waiting, and then resets its task counter, so user tasks start at `Task-1`.
 *
 * @module
 */
import { TimeoutError } from './errors.js';
import { Future } from './future.js';
import { gather } from './gather.js';
import { callLater, callSoon } from './handles.js';
import { loopTime } from './loop.js';
import { shield } from './shield.js';
import { blockingSleep, sleep } from './sleep.js';
import { createTask, resetTaskIds } from './task.js';
import { taskGroup } from './task-group.js';
import { timeout } from './timeout.js';
import { withVirtualClock } from './virtual-time.js';
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
    );
    blockingSleep(0);
  });
}

/** Runs the warm-up program in a task of its own and resets the task counter. */
export async function warmUp(): Promise<void> {
  await createTask(exercise).then(ignore, ignore);
  resetTaskIds();
}
