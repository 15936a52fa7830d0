/**
 * The runtime's benches, each next to its raw-Node floor: the same work without the runtime.
 *
 * @module
 */
import { createTask, gather, sleep, type Task, taskGroup } from '../runtime/index.js';

/** One bench: the runtime's way and raw Node's way to do the same thing. */
export interface BenchPair {
  name: string;
  /** What the floor is. */
  floorName: string;
  /**
   * How much worse the ratio must be to fail against a baseline: 1.3 for the micro benches,
   * whose ratio holds within a few percent from run to run; 1.5 for the benches of 10 000 tasks,
   * which a garbage collection can move by 15% either way.
   */
  failAt: number;
  runtime: BenchSide;
  floor: BenchSide;
}

/** One side of a pair: the timed function and what prepares each iteration. */
export interface BenchSide {
  fn: () => PromiseLike<unknown> | undefined;
  beforeEach?: () => Promise<void>;
}

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

/** A raw sleeper: an async function awaiting a timer, and the way to cancel it by hand. */
interface RawSleeper {
  timer: NodeJS.Timeout;
  reject: (reason: unknown) => void;
  settled: Promise<void>;
}

function rawSleeper(): RawSleeper {
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
}

function cancelPair(size: number): BenchPair {
  let tasks: Task<void>[] = [];
  let sleepers: RawSleeper[] = [];
  return {
    name: `cancel ${size} pending sleeping tasks, all settled`,
    failAt: 1.5,
    floorName: `${size} async functions on timers, cleared and rejected by hand`,
    runtime: {
      async beforeEach() {
        tasks = Array.from({ length: size }, () =>
          createTask(async () => {
            await sleep(3600);
          }),
        );
        await immediate(); // started and sleeping
      },
      async fn() {
        for (const task of tasks) task.cancel();
        while (!tasks.every((t) => t.done())) await immediate();
        if (!tasks.every((t) => t.cancelled())) throw new Error('a task was not cancelled');
      },
    },
    floor: {
      async beforeEach() {
        sleepers = Array.from({ length: size }, rawSleeper);
      },
      async fn() {
        for (const sleeper of sleepers) {
          clearTimeout(sleeper.timer);
          sleeper.reject(new Error('cancelled'));
        }
        await Promise.all(sleepers.map((s) => s.settled));
      },
    },
  };
}

/** The pairs, with the scale benches at `size` tasks (10 000 by default). */
export function benchPairs(size: number): BenchPair[] {
  return [
    {
      name: 'createTask + await',
      failAt: 1.3,
      floorName: 'async function + await of a setImmediate promise',
      runtime: { fn: async () => await createTask(() => sleep(0)) },
      floor: { fn: async () => await (async () => await immediate())() },
    },
    {
      name: 'sleep(0) turn',
      failAt: 1.3,
      floorName: 'setImmediate promise',
      runtime: { fn: () => sleep(0) },
      floor: { fn: immediate },
    },
    {
      name: `gather of ${size} coroutines doing sleep(0)`,
      failAt: 1.5,
      floorName: `Promise.all of ${size} async functions awaiting setImmediate`,
      runtime: { fn: () => gather(...Array.from({ length: size }, () => () => sleep(0))) },
      floor: { fn: () => rawAll(size) },
    },
    {
      name: `taskGroup with ${size} tasks`,
      failAt: 1.5,
      floorName: `Promise.all of ${size} async functions awaiting setImmediate`,
      runtime: {
        fn: () =>
          taskGroup(async (tg) => {
            for (let i = 0; i < size; i++) tg.createTask(() => sleep(0));
          }),
      },
      floor: { fn: () => rawAll(size) },
    },
    cancelPair(size),
  ];
}
