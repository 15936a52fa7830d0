/**
 * The timeline in Chrome's Trace Event Format, which Perfetto and chrome://tracing open: one track
 * per task (named by `thread_name` metadata), complete `X` events for running and waiting, instant
 * events for cancellations, failures and timeouts.
 *
 * @module
 */
import { isForeignWait, type Timeline } from './segments.js';

/** One trace event (the subset used here). */
export interface TraceEvent {
  name: string;
  ph: 'X' | 'i' | 'M';
  /** Microseconds. */
  ts: number;
  dur?: number;
  pid: number;
  tid: number;
  s?: 'g' | 'p' | 't';
  cat?: string;
  args?: Record<string, unknown>;
}

/** The trace document. */
export interface TraceDocument {
  traceEvents: TraceEvent[];
  displayTimeUnit: 'ms';
}

const PID = 1;
/** The track of the loop's blocked stretches (task ids start at 1). */
export const LOOP_TID = 0;

const us = (ms: number) => Math.round(ms * 1000);

/** `timeline` as a trace document; `name` names the process (the scenario). */
export function toTrace(timeline: Timeline, name: string): TraceDocument {
  const events: TraceEvent[] = [
    {
      name: 'process_name',
      ph: 'M',
      ts: 0,
      pid: PID,
      tid: LOOP_TID,
      args: { name: `asyncdemo ${name}` },
    },
    {
      name: 'thread_name',
      ph: 'M',
      ts: 0,
      pid: PID,
      tid: LOOP_TID,
      args: { name: 'event loop (blocked)' },
    },
  ];
  for (const b of timeline.blocked) {
    events.push({
      name: 'blocked',
      cat: 'loop',
      ph: 'X',
      ts: us(b.startMs),
      dur: us(b.endMs) - us(b.startMs),
      pid: PID,
      tid: LOOP_TID,
    });
  }
  for (const row of timeline.rows) {
    events.push({
      name: 'thread_name',
      ph: 'M',
      ts: 0,
      pid: PID,
      tid: row.taskId,
      args: { name: row.label },
    });
    for (const s of row.segments) {
      events.push({
        name: s.kind === 'running' ? 'running' : `waiting on ${s.on ?? ''}`,
        // A foreign wait is a category of its own: the runtime cannot interrupt it.
        cat: isForeignWait(s) ? 'foreign' : s.kind,
        ph: 'X',
        ts: us(s.startMs),
        // Both ends rounded, so one stretch ends exactly where the next begins.
        dur: us(s.endMs) - us(s.startMs),
        pid: PID,
        tid: row.taskId,
      });
    }
    if (row.end !== undefined && row.end.kind !== 'done') {
      events.push({
        name: row.end.kind,
        cat: 'task',
        ph: 'i',
        s: 't',
        ts: us(row.end.atMs),
        pid: PID,
        tid: row.taskId,
      });
    }
  }
  for (const t of timeline.timeouts) {
    events.push({
      name: 'timeout',
      cat: 'timeout',
      ph: 'i',
      s: 'g',
      ts: us(t),
      pid: PID,
      tid: LOOP_TID,
    });
  }
  return { traceEvents: events, displayTimeUnit: 'ms' };
}
