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

function cancelPair(size: number): BenchPair {
  let tasks: Task<void>[] = [];
  let timers: NodeJS.Timeout[] = [];
  return {
    name: `cancel ${size} pending sleeping tasks, all settled`,
    floorName: `${size} timers cleared by hand`,
    runtime: {
      async beforeEach() {
        tasks = Array.from({ length: size }, () => createTask(() => sleep(3600)));
        await immediate(); // started and sleeping
      },
      async fn() {
        for (const task of tasks) task.cancel();
        await immediate(); // a cancelled sleeper settles in the microtasks after the cancel
        if (!tasks.every((t) => t.cancelled())) throw new Error('a task did not settle');
      },
    },
    floor: {
      async beforeEach() {
        timers = Array.from({ length: size }, () => setTimeout(() => {}, 3_600_000));
      },
      fn() {
        for (const timer of timers) clearTimeout(timer);
        return undefined;
      },
    },
  };
}

/** The pairs, with the scale benches at `size` tasks (10 000 by default). */
export function benchPairs(size: number): BenchPair[] {
  return [
    {
      name: 'createTask + await',
      floorName: 'async function + await of a setImmediate promise',
      runtime: { fn: async () => await createTask(() => sleep(0)) },
      floor: { fn: async () => await (async () => await immediate())() },
    },
    {
      name: 'sleep(0) turn',
      floorName: 'setImmediate promise',
      runtime: { fn: () => sleep(0) },
      floor: { fn: immediate },
    },
    {
      name: `gather of ${size} coroutines doing sleep(0)`,
      floorName: `Promise.all of ${size} async functions awaiting setImmediate`,
      runtime: { fn: () => gather(...Array.from({ length: size }, () => () => sleep(0))) },
      floor: { fn: () => rawAll(size) },
    },
    {
      name: `taskGroup with ${size} tasks`,
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
