/**
 * Waits on promises that are not the runtime's (a bare `fetch`, a `setTimeout` promise,
 * `fs.promises`). The loop sees such a wait, a step that did not end at a runtime future once the
 * microtasks have settled, but cannot interrupt it: a cancellation asked for meanwhile reaches the
 * task only when its coroutine comes back. That delay is published on {@link RUNTIME_WARNINGS}.
 *
 * Only tasks in such a wait are tracked: the others cost nothing.
 *
 * @module
 */
import { channel } from 'node:diagnostics_channel';
import { now } from './clock.js';
import type { EventSource } from './events.js';

/** The channel of the runtime's warnings: `diagnostics_channel.subscribe(RUNTIME_WARNINGS, fn)`. */
export const RUNTIME_WARNINGS = 'asyncdemo:warning';

/** A cancellation that reached its task later than it was asked, published on {@link RUNTIME_WARNINGS}. */
export interface LateCancelWarning {
  type: 'lateCancel';
  taskId: number;
  /** The task's name (`Task-13`). */
  name: string;
  /** When `cancel()` was called, monotonic ms (the loop's clock, `now()`). */
  askedAtMs: number;
  /** When the task got it: its coroutine came back from the foreign promise, monotonic ms. */
  deliveredAtMs: number;
}

interface ForeignWait {
  /** When the cancel was first asked for during the wait, if it was. */
  cancelAskedAtMs?: number;
}

const waits = new WeakMap<EventSource, ForeignWait>();
/** @internal How many tasks wait on a foreign promise now: 0 spares the lookups. */
export let foreignWaits = 0;
const warnings = channel(RUNTIME_WARNINGS);

/** @internal `task` waits on a promise the runtime cannot see. */
export function beginForeignWait(task: EventSource): void {
  if (waits.has(task)) return;
  waits.set(task, {});
  foreignWaits++;
}

/** @internal A cancel of `task` was asked for and could not be delivered: it waits on a foreign promise. */
export function noteCancelAsked(task: EventSource): void {
  const wait = waits.get(task);
  if (wait !== undefined) wait.cancelAskedAtMs ??= now();
}

/**
 * @internal The coroutine of `task` came back to the runtime (it awaits a runtime future, or it
 * ended): a cancellation asked for meanwhile is delivered now, late.
 */
export function endForeignWait(task: EventSource): void {
  const wait = waits.get(task);
  if (wait === undefined) return;
  waits.delete(task);
  foreignWaits--;
  if (wait.cancelAskedAtMs === undefined || !warnings.hasSubscribers) return;
  const warning: LateCancelWarning = {
    type: 'lateCancel',
    taskId: task.id,
    name: task.name,
    askedAtMs: wait.cancelAskedAtMs,
    deliveredAtMs: now(),
  };
  warnings.publish(warning);
}
