/**
 * `--json`'s per-task spans: each task's life as the timeline has it, every wait with what it
 * was on and when it was over, on the run's clock (ms from the run's start, as the transcript).
 *
 * @module
 */
import type { Segment, Timeline } from './segments.js';

/** One task in `--json`'s `tasks`. */
export interface TaskSpans {
  id: number;
  /** `Task-3 aget_data(1)`, as the chart's row. */
  label: string;
  /** The task whose step made it. */
  parentId?: number;
  end?: { atMs: number; kind: 'done' | 'cancelled' | 'failed' };
  /**
   * Its stretches: `running`; `waiting` with `on` (its kind), `waitsFor` (tasks), `readyAtMs`
   * (the wait was over), `by` (the task that ended it), `deadlineMs` (a timeout's); `ready`.
   */
  spans: Array<Omit<Segment, 'startMs' | 'endMs'> & { fromMs: number; toMs: number }>;
}

/** The timeline's rows as spans, shifted by `offsetMs` onto the run's clock. */
export function taskSpans(timeline: Timeline, offsetMs: number): TaskSpans[] {
  const shift = (ms: number) => Math.round((ms + offsetMs) * 1000) / 1000;
  return timeline.rows.map((row) => ({
    id: row.taskId,
    label: row.label,
    ...(row.parentId === undefined ? {} : { parentId: row.parentId }),
    ...(row.end === undefined ? {} : { end: { ...row.end, atMs: shift(row.end.atMs) } }),
    spans: row.segments.map(({ startMs, endMs, readyAtMs, deadlineMs, ...rest }) => ({
      ...rest,
      fromMs: shift(startMs),
      toMs: shift(endMs),
      ...(readyAtMs === undefined ? {} : { readyAtMs: shift(readyAtMs) }),
      ...(deadlineMs === undefined ? {} : { deadlineMs: shift(deadlineMs) }),
    })),
  }));
}
