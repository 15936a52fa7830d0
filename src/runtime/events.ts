/**
 * Task lifecycle events on `node:diagnostics_channel`, for timelines and traces. Publishing costs
 * one boolean check while nobody subscribes.
 *
 * @example
 * import { subscribe } from 'node:diagnostics_channel';
 * subscribe(TASK_EVENTS, (event) => console.error(event));
 *
 * @module
 */
import { channel } from 'node:diagnostics_channel';
import { now } from './clock.js';
import { offTheClock } from './virtual-time.js';

/** The channel name: `diagnostics_channel.subscribe(TASK_EVENTS, onEvent)`. */
export const TASK_EVENTS = 'asyncdemo:task';

/** What happened to a task. `awaiting` and `resumed` bracket each wait on a runtime primitive. */
export type TaskEventType =
  | 'created'
  | 'started'
  | 'awaiting'
  /** The wait is over (its future settled, its deadline passed): the task waits for the loop. */
  | 'ready'
  | 'resumed'
  | 'done'
  | 'cancelled'
  | 'failed'
  /** A `timeout` expired; published for the task it ran in (`main` outside any task). */
  | 'timeout';

/** One lifecycle event, as published on {@link TASK_EVENTS}. */
export interface TaskEvent {
  type: TaskEventType;
  /** Unique per process, in creation order. */
  taskId: number;
  /** The task's name (`Task-1` unless given). */
  name: string;
  /** The coroutine's function name, as in the task's repr. */
  coro: string;
  /** The call with its plain arguments, when `coro()` made it: `aget_data(1)`. */
  call?: string;
  /** Monotonic milliseconds (the loop's clock, `now()`). */
  atMs: number;
  /**
   * For `awaiting`: what the task waits on: `sleep`, `task`, `future`, `gather`, `taskGroup`,
   * `waitFor`, `wait`, `lock`, `semaphore`, `event`, `condition`, `barrier`, `queue.get`, `queue.put`,
   * `signal` (I/O through an AbortSignal), `worker`, `promise` (one the runtime wraps),
   * `foreign` (a bare promise no cancel reaches).
   */
  on?: string;
  /** For `awaiting` on tasks (a task, a gather, a group's join, a `waitFor`): their `taskId`s. */
  waitsFor?: number[];
  /** For `awaiting` inside a `timeout` body: the innermost deadline, on the loop's clock (ms). */
  deadlineMs?: number;
  /**
   * For `ready`: the task whose step ended the wait (released the lock, set the event, put in the
   * queue, cancelled the task, returned); absent when a timer or a callback did.
   */
  by?: number;
  /** For `created`: the task that made it (absent at the top level). */
  parentId?: number;
  /** For `timeout`: when the expired timeout was entered, on the loop's clock (ms). */
  sinceMs?: number;
}

/** The minimal view of a task the events need (keeps this module free of the Task class). */
export interface EventSource {
  readonly id: number;
  readonly name: string;
  readonly coroName: string;
  readonly label?: string | undefined;
}

/** Stands for code outside any task (the top level), for `timeout` events. */
export const TOP_LEVEL: EventSource = { id: 0, name: 'main', coroName: 'main' };

const taskChannel = channel(TASK_EVENTS);

/** The innermost `timeout` deadline (ms) of each task in a timeout body. */
const deadlines = new WeakMap<object, number>();

/** True while someone listens: the runtime then notes what the events need. */
export function eventsWanted(): boolean {
  return taskChannel.hasSubscribers;
}

/**
 * @internal `task` enters (`deadlineMs` a number) or leaves (`undefined`) a timeout body; returns
 * the deadline it had before, to be put back on leaving.
 */
export function swapDeadline(task: object, deadlineMs: number | undefined): number | undefined {
  const before = deadlines.get(task);
  if (deadlineMs === undefined) deadlines.delete(task);
  else deadlines.set(task, deadlineMs);
  return before;
}

/** What an event may say beside its type: see the fields of {@link TaskEvent}. */
export interface EventDetail {
  /** `awaiting`: the future waited on (its kind, its targets) or a kind's name. */
  on?: string;
  awaited?: { waitTargets(): readonly { readonly id: number }[] };
  /** `ready`: the wait ends now, in this step's task (if any). */
  by?: EventSource | undefined;
  /** `ready`: the wait was over earlier than now (a sleep's deadline, on the loop's clock). */
  overAtMs?: number | undefined;
  parentId?: number;
  sinceMs?: number;
}

/** Publishes `type` for `task` if anyone listens. */
export function publishTaskEvent(
  type: TaskEventType,
  task: EventSource,
  detail?: EventDetail,
): void {
  if (!taskChannel.hasSubscribers) return;
  const event: TaskEvent = {
    type,
    taskId: task.id,
    name: task.name,
    coro: task.coroName,
    atMs: now(),
  };
  if (task.label !== undefined) event.call = task.label;
  if (detail !== undefined) addDetail(event, task, detail);
  // Virtual time: the subscribers' work is not the program's time.
  offTheClock(() => taskChannel.publish(event));
}

function addDetail(event: TaskEvent, task: EventSource, detail: EventDetail): void {
  if (detail.on !== undefined) {
    event.on = detail.on;
    const deadline = deadlines.get(task);
    if (deadline !== undefined) event.deadlineMs = deadline;
  }
  const targets = detail.awaited?.waitTargets();
  if (targets !== undefined && targets.length > 0) event.waitsFor = targets.map((t) => t.id);
  if (detail.by !== undefined && detail.by.id !== task.id) event.by = detail.by.id;
  if (detail.overAtMs !== undefined && detail.overAtMs < event.atMs) event.atMs = detail.overAtMs;
  if (detail.parentId !== undefined) event.parentId = detail.parentId;
  if (detail.sinceMs !== undefined) event.sinceMs = detail.sinceMs;
}
