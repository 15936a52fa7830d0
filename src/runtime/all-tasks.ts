/**
 * asyncio's `all_tasks()`: the tasks not yet done, held weakly (asyncio's `_all_tasks` is a
 * `WeakSet`), so that a task nobody can wake any more (it awaits a future that was dropped) is
 * collected as in asyncio, not kept alive by the list.
 *
 * A `WeakSet` cannot be listed in JavaScript, and a `WeakRef` per task made spawn + join of
 * 100 000 tasks 40-60% slower (V8 keeps every new target alive to the end of the job and every
 * garbage collection visits each ref). So the list is generational: a new task is held strongly
 * in the young list, which is swept whenever it has doubled since its last sweep; a task that
 * ends leaves its slot at once, and a sweep gives those still pending after ten seconds a
 * `WeakRef`. Most tasks end young and cost one array slot and its index (16 bytes); an
 * abandoned task is released within ten seconds and a sweep (at once by {@link allTasks}).
 * (After one second, a burst of a million tasks that takes longer than that paid for the refs:
 * 10% slower.)
 *
 * @module
 */
import { now } from './clock.js';
import type { Task } from './task.js';

type AnyTask = Task<unknown>;

/** A task still pending this long after it was made is held weakly from the next sweep on. */
const WEAK_AFTER_MS = 10_000;
const MIN_SWEEP = 1024;

/** New tasks, in creation order, held strongly; a task's slot is emptied when it ends. */
const young: Array<AnyTask | undefined> = [];
/** Where each run of `young` made between two sweeps begins, and when that sweep was. */
let batchStarts: number[] = [0];
let batchTimes: number[] = [now()];
let youngSweepAt = MIN_SWEEP;
/** Tasks pending at a sweep ten seconds after they were made, in creation order, held weakly. */
let old: WeakRef<AnyTask>[] = [];
let oldSweepAt = MIN_SWEEP;

/** @internal Lists `task`, a new one. */
export function trackTask(task: AnyTask): void {
  task._youngIndex = young.push(task) - 1;
  if (young.length >= youngSweepAt) sweepYoung(WEAK_AFTER_MS);
}

/** @internal `task` is done: the young list lets it go (the old list only holds it weakly). */
export function untrackTask(task: AnyTask): void {
  const index = task._youngIndex;
  if (index >= 0 && young[index] === task) young[index] = undefined;
}

/**
 * Drops the done tasks from `young` and moves those at least `weakAfterMs` old to `old`,
 * compacting `young` where it is (a million pending tasks: no second array of a million).
 */
function sweepYoung(weakAfterMs: number): void {
  const time = now();
  const keptStarts: number[] = [];
  const keptTimes: number[] = [];
  let kept = 0;
  for (let batch = 0; batch < batchStarts.length; batch++) {
    const start = batchStarts[batch] as number;
    const end = batchStarts[batch + 1] ?? young.length;
    const born = batchTimes[batch] as number;
    const weak = time - born >= weakAfterMs;
    const keptBefore = kept;
    for (let i = start; i < end; i++) {
      const task = young[i];
      if (task === undefined || task.done()) continue;
      if (weak) {
        task._youngIndex = -1;
        old.push(new WeakRef(task));
      } else {
        task._youngIndex = kept;
        young[kept++] = task;
      }
    }
    if (kept > keptBefore) {
      keptStarts.push(keptBefore);
      keptTimes.push(born);
    }
  }
  young.length = kept;
  keptStarts.push(kept);
  keptTimes.push(time);
  batchStarts = keptStarts;
  batchTimes = keptTimes;
  youngSweepAt = Math.max(MIN_SWEEP, kept * 2);
  if (old.length >= oldSweepAt) sweepOld();
}

/** Drops the done and the collected tasks from `old`. */
function sweepOld(): void {
  old = old.filter((ref) => ref.deref()?.done() === false);
  oldSweepAt = Math.max(MIN_SWEEP, old.length * 2);
}

/**
 * The tasks that are not done yet (asyncio's `asyncio.all_tasks()`), the running one included,
 * in creation order. Every one of them is held weakly from then on.
 *
 * @example
 * const task = createTask(coro(aget_data, 1));
 * allTasks().has(task); // true until it is done
 */
export function allTasks(): Set<AnyTask> {
  sweepYoung(0);
  sweepOld();
  const tasks = new Set<AnyTask>();
  for (const ref of old) tasks.add(ref.deref() as AnyTask);
  return tasks;
}
