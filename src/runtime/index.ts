/**
 * asyncdemo's runtime: asyncio's Task, gather, TaskGroup, timeout and cancellation on Node.
 * Durations are notebook seconds, scaled by {@link setTimeScale}.
 *
 * @example
 * import { coro, gather, sleep, taskGroup, timeout } from 'asyncdemo';
 *
 * async function aget_data(s: number) { await sleep(s); return `${s} s.`; }
 * await gather(coro(aget_data, 1), coro(aget_data, 2), coro(aget_data, 3)); // 3 s, not 6
 *
 * @module
 */

export { withAbortSignal } from './abort.js';
export { getTimeScale, msToSeconds, now, secondsToMs, setTimeScale } from './clock.js';
export {
  CancelledError,
  InvalidStateError,
  isCancelled,
  TaskGroupError,
  TimeoutError,
} from './errors.js';
export { TASK_EVENTS, type TaskEvent, type TaskEventType } from './events.js';
export { type Awaitable, type GatherOptions, type GatherResults, gather } from './gather.js';
export { pyRepr } from './repr.js';
export { blockingSleep, sleep } from './sleep.js';
export {
  type Coro,
  coro,
  createTask,
  currentTask,
  Task,
  type TaskCallback,
  type TaskOptions,
} from './task.js';
export { TaskGroup, taskGroup } from './task-group.js';
export { timeout } from './timeout.js';
export { runInWorker } from './worker.js';
