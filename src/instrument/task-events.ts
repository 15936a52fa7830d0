/**
 * Records the runtime's task events while a run goes on (nothing is recorded, and nothing costs,
 * unless asked).
 *
 * @module
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { TASK_EVENTS, type TaskEvent } from '../runtime/index.js';

/** Starts recording; `stop()` unsubscribes and returns the events in order. */
export function recordTaskEvents(): { stop(): TaskEvent[] } {
  const events: TaskEvent[] = [];
  const onEvent = (message: unknown) => {
    events.push(message as TaskEvent);
  };
  subscribe(TASK_EVENTS, onEvent);
  let stopped = false;
  return {
    stop() {
      if (!stopped) unsubscribe(TASK_EVENTS, onEvent);
      stopped = true;
      return events;
    },
  };
}
