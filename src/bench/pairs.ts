/**
 * The runtime's benches, each next to its raw-Node floor: the same work without the runtime.
 *
 * @module
 */
import { createTask, gather, sleep, type Task } from '../runtime/index.js';
import {
  cancelAll,
  cancelRawSleepers,
  immediate,
  type RawSleeper,
  rawAll,
  rawSleepers,
  sleepingTasks,
  spawnJoin,
} from './workloads.js';

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

function cancelPair(size: number): BenchPair {
  let tasks: Task<void>[] = [];
  let sleepers: RawSleeper[] = [];
  return {
    name: `cancel ${size} pending sleeping tasks, all settled`,
    failAt: 1.5,
    floorName: `${size} async functions on timers, cleared and rejected by hand`,
    runtime: {
      async beforeEach() {
        tasks = sleepingTasks(size);
        await immediate(); // started and sleeping
      },
      fn: () => cancelAll(tasks),
    },
    floor: {
      async beforeEach() {
        sleepers = rawSleepers(size);
      },
      fn: () => cancelRawSleepers(sleepers),
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
      runtime: { fn: () => spawnJoin(size) },
      floor: { fn: () => rawAll(size) },
    },
    cancelPair(size),
  ];
}
