/**
 * The work the benches time, each the runtime's way and raw Node's, in one place: `bench`'s
 * tinybench pairs and `bench:targets` measure the same code.
 *
 * @module
 */
import { createTask, sleep, type Task, taskGroup } from '../runtime/index.js';

/** One turn of the loop, the raw way: a `setImmediate` promise. */
export function immediate(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Raw Node's spawn and join: `Promise.all` of `size` async functions awaiting `setImmediate`. */
export async function rawAll(size: number): Promise<void> {
  const all: Promise<void>[] = [];
  for (let i = 0; i < size; i++) all.push((async () => await immediate())());
  await Promise.all(all);
}

/** The runtime's spawn and join: a `taskGroup` of `size` tasks doing `sleep(0)`. */
export async function spawnJoin(size: number): Promise<void> {
  await taskGroup(async (tg) => {
    for (let i = 0; i < size; i++) tg.createTask(() => sleep(0));
  });
}

/** `size` pending tasks as people write them: async functions sleeping for an hour. */
export function sleepingTasks(size: number): Task<void>[] {
  return Array.from({ length: size }, () =>
    createTask(async () => {
      await sleep(3600);
    }),
  );
}

/** Cancels `tasks` and waits until every one has settled; throws if one was not cancelled. */
export async function cancelAll(tasks: readonly Task<void>[]): Promise<void> {
  for (const task of tasks) task.cancel();
  while (!tasks.every((t) => t.done())) await immediate();
  if (!tasks.every((t) => t.cancelled())) throw new Error('a task was not cancelled');
}

/** A raw sleeper: an async function awaiting a timer, and the way to cancel it by hand. */
export interface RawSleeper {
  timer: NodeJS.Timeout;
  reject: (reason: unknown) => void;
  settled: Promise<void>;
}

/** `size` raw sleepers: async functions each awaiting an hour-long timer. */
export function rawSleepers(size: number): RawSleeper[] {
  return Array.from({ length: size }, () => {
    const sleeper = {} as RawSleeper;
    const wait = new Promise<void>((resolve, reject) => {
      sleeper.timer = setTimeout(resolve, 3_600_000);
      sleeper.reject = reject;
    });
    sleeper.settled = (async () => {
      try {
        await wait;
      } catch {
        // cancelled by hand
      }
    })();
    return sleeper;
  });
}

/** Cancels raw sleepers by hand (timer cleared, promise rejected) and waits for them. */
export async function cancelRawSleepers(sleepers: readonly RawSleeper[]): Promise<void> {
  for (const sleeper of sleepers) {
    clearTimeout(sleeper.timer);
    sleeper.reject(new Error('cancelled'));
  }
  await Promise.all(sleepers.map((s) => s.settled));
}
