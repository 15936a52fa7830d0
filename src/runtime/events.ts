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
  /** For `awaiting`: what the task waits on (`sleep`, `task`, `gather`, `taskGroup`). */
  on?: string;
  /** For `awaiting` on tasks (a task, a gather, a group's join): their `taskId`s. */
  waitsFor?: number[];
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

/** Publishes `type` for `task` if anyone listens. */
export function publishTaskEvent(
  type: TaskEventType,
  task: EventSource,
  on?: string,
  awaited?: { waitTargets(): readonly { readonly id: number }[] },
): void {
  if (!taskChannel.hasSubscribers) return;
  const event: TaskEvent = {
    type,
    taskId: task.id,
    name: task.name,
    coro: task.coroName,
    atMs: now(),
  };
  if (on !== undefined) event.on = on;
  const targets = awaited?.waitTargets();
  if (targets !== undefined && targets.length > 0) event.waitsFor = targets.map((t) => t.id);
  if (task.label !== undefined) event.call = task.label;
  taskChannel.publish(event);
}
