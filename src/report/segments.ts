/**
 * From task events to what a timeline draws: per task, when it ran and when it waited; where
 * timeouts fired; where the loop was blocked.
 *
 * @module
 */
import type { TaskEvent } from '../runtime/index.js';

/** A stretch of one task's life, in ms from the timeline's start. */
export interface Segment {
  startMs: number;
  endMs: number;
  /**
   * `ready`: the wait was over (the future settled, the deadline passed) but the task had not
   * run yet: the loop was busy (drawn when it lasted {@link BLOCKED_MS} or more).
   */
  kind: 'running' | 'waiting' | 'ready';
  /**
   * For waiting: what on (`sleep`, `task`, `gather`, `taskGroup`, `worker`; `foreign` for a
   * promise that is not the runtime's, which no cancel can interrupt).
   */
  on?: string;
  /** For waiting on tasks (a task, a gather, a group): their `taskId`s, rows of the timeline. */
  waitsFor?: number[];
  /**
   * For waiting: when the wait was over (the deadline passed, the future was set), if it was
   * within the timeline. A `ready` segment follows when the task then waited 2 ms or more.
   */
  readyAtMs?: number;
  /** For waiting: the task whose step ended the wait (released, set, put, cancelled, returned). */
  by?: number;
  /** For waiting inside a `timeout` body: the innermost deadline, ms from the timeline's start. */
  deadlineMs?: number;
}

/** True when some task of `timeline` was ready while the loop was busy (the legend names it). */
export function hasReadyWait(timeline: Timeline): boolean {
  return timeline.rows.some((row) => row.segments.some((s) => s.kind === 'ready'));
}

/** One task's row. */
export interface TaskRow {
  taskId: number;
  /** `Task-3 aget_data(1)` */
  label: string;
  /** asyncio's repr of it, without its state: `<Task name='Task-3' coro=<aget_data()>>`. */
  repr: string;
  segments: Segment[];
  /** How it ended, if it did within the timeline. */
  end?: { atMs: number; kind: 'done' | 'cancelled' | 'failed' };
  /** The task whose step made it, if it was made in a task within the timeline. */
  parentId?: number;
  /** When it was made, if within the timeline. */
  createdMs?: number;
}

/** A `timeout` that expired: in which task, entered when, expired when (ms from the start). */
export interface Expiry {
  taskId: number;
  sinceMs: number;
  atMs: number;
}

/** Everything a timeline shows. */
export interface Timeline {
  /** Length in ms (the rows run from 0 to here). */
  spanMs: number;
  rows: TaskRow[];
  /** When timeouts fired, ms. */
  timeouts: number[];
  /** The same timeouts, with their tasks and when they were entered. */
  expiries: Expiry[];
  /** Where the timeline starts on the loop's clock (ms): its 0. */
  originMs: number;
  /** Stretches where a task ran without giving the loop back for at least `blockedMs`. */
  blocked: Array<{ startMs: number; endMs: number }>;
}

/** A running stretch at least this long counts as the loop being blocked. */
export const BLOCKED_MS = 2;

/**
 * Builds the timeline of `events`, from `startMs` (default: the first event) to `endMs`
 * (default: the last).
 */
export function buildTimeline(
  events: readonly TaskEvent[],
  startMs?: number,
  endMs?: number,
): Timeline {
  const origin = startMs ?? events[0]?.atMs ?? 0;
  const last = endMs ?? events.at(-1)?.atMs ?? origin;
  const at = (ms: number) => Math.max(0, ms - origin);
  const rows = new Map<number, TaskRow & { open?: Segment | undefined }>();
  const timeouts: number[] = [];
  const expiries: Expiry[] = [];
  for (const event of events) {
    if (event.type === 'timeout') {
      timeouts.push(at(event.atMs));
      expiries.push({
        taskId: event.taskId,
        sinceMs: at(event.sinceMs ?? event.atMs),
        atMs: at(event.atMs),
      });
      continue;
    }
    let row = rows.get(event.taskId);
    if (row === undefined) {
      row = {
        taskId: event.taskId,
        label: rowLabel(event),
        repr: `<Task name='${event.name}' coro=<${event.coro}()>>`,
        segments: [],
      };
      rows.set(event.taskId, row);
    }
    const close = () => {
      if (row?.open === undefined) return;
      row.open.endMs = at(event.atMs);
      addSegment(row.segments, row.open);
      row.open = undefined;
    };
    switch (event.type) {
      case 'created':
        row.createdMs = at(event.atMs);
        if (event.parentId !== undefined) row.parentId = event.parentId;
        // Made, a task is ready to start: a long wait for it is the loop being busy.
        row.open = { startMs: at(event.atMs), endMs: at(event.atMs), kind: 'ready' };
        break;
      case 'started':
      case 'resumed':
        close();
        row.open = { startMs: at(event.atMs), endMs: at(event.atMs), kind: 'running' };
        break;
      case 'ready':
        if (row.open?.kind !== 'waiting') break;
        row.open.readyAtMs = at(event.atMs);
        if (event.by !== undefined) row.open.by = event.by;
        close();
        row.open = { startMs: at(event.atMs), endMs: at(event.atMs), kind: 'ready' };
        break;
      case 'awaiting':
        close();
        row.open = {
          startMs: at(event.atMs),
          endMs: at(event.atMs),
          kind: 'waiting',
          on: event.on ?? '',
          ...(event.waitsFor === undefined ? {} : { waitsFor: event.waitsFor }),
          ...(event.deadlineMs === undefined ? {} : { deadlineMs: at(event.deadlineMs) }),
        };
        break;
      case 'done':
      case 'cancelled':
      case 'failed':
        close();
        row.end = { atMs: at(event.atMs), kind: event.type };
        break;
      default:
        break;
    }
  }
  const spanMs = at(last);
  const result: TaskRow[] = [];
  for (const { open, ...row } of rows.values()) {
    if (open !== undefined) addSegment(row.segments, { ...open, endMs: spanMs });
    if (row.segments.length > 0 || row.end !== undefined) result.push(row);
  }
  return {
    spanMs,
    rows: result,
    timeouts,
    expiries,
    originMs: origin,
    blocked: blockedStretches(result),
  };
}

/**
 * Appends `segment`; a ready stretch shorter than {@link BLOCKED_MS} is the loop's ordinary
 * turn, not a busy loop: it stays part of the wait before it.
 */
function addSegment(segments: Segment[], segment: Segment): void {
  const previous = segments.at(-1);
  // A task started within the loop's ordinary turn of being made: nothing to draw before it.
  if (
    previous === undefined &&
    segment.kind === 'ready' &&
    segment.endMs - segment.startMs < BLOCKED_MS
  )
    return;
  if (
    segment.kind === 'ready' &&
    segment.endMs - segment.startMs < BLOCKED_MS &&
    previous?.kind === 'waiting'
  ) {
    previous.endMs = segment.endMs;
    return;
  }
  segments.push(segment);
}

function blockedStretches(rows: readonly TaskRow[]): Array<{ startMs: number; endMs: number }> {
  const long = rows
    .flatMap((row) => row.segments)
    .filter((s) => s.kind === 'running' && s.endMs - s.startMs >= BLOCKED_MS)
    .sort((a, b) => a.startMs - b.startMs);
  const merged: Array<{ startMs: number; endMs: number }> = [];
  for (const s of long) {
    const previous = merged.at(-1);
    if (previous !== undefined && s.startMs <= previous.endMs)
      previous.endMs = Math.max(previous.endMs, s.endMs);
    else merged.push({ startMs: s.startMs, endMs: s.endMs });
  }
  return merged;
}

/**
 * `Task-2 aget_data(1)`; a task named after its call (a plain call in the lesson, a task here
 * only to be timed) is just the call: `get_data(1)`.
 */
function rowLabel(event: TaskEvent): string {
  if (event.call !== undefined && event.name === event.call) return event.call;
  return `${event.name} ${event.call ?? `${event.coro}()`}`;
}
