/**
 * Records the runtime's task events while a run goes on (nothing is recorded, and nothing costs,
 * unless asked).
 *
 * @module
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { TASK_EVENTS, type TaskEvent } from '../runtime/index.js';

/** A recording: `stop()` unsubscribes and returns the events in order (none if it overflowed). */
export interface Recording {
  stop(): TaskEvent[] | undefined;
  /** True once more than the limit came: the recording stopped and keeps nothing. */
  readonly overflowed: boolean;
}

/**
 * Starts recording, up to `limit` events (a run of a million tasks would otherwise hold
 * millions of them for a `--json` nobody asked to chart).
 */
export function recordTaskEvents(limit = Number.POSITIVE_INFINITY): Recording {
  let events: TaskEvent[] = [];
  let stopped = false;
  let overflowed = false;
  const onEvent = (message: unknown) => {
    events.push(message as TaskEvent);
    if (events.length <= limit) return;
    overflowed = true;
    events = [];
    stop();
  };
  const stop = () => {
    if (!stopped) unsubscribe(TASK_EVENTS, onEvent);
    stopped = true;
  };
  subscribe(TASK_EVENTS, onEvent);
  return {
    stop() {
      stop();
      return overflowed ? undefined : events;
    },
    get overflowed() {
      return overflowed;
    },
  };
}
