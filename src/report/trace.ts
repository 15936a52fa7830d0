/**
 * The timeline in Chrome's Trace Event Format, which Perfetto and chrome://tracing open: one track
 * per task (named by `thread_name` metadata), complete `X` events for running and waiting, instant
 * events for cancellations, failures and timeouts.
 *
 * @module
 */
import type { Segment, Timeline } from './segments.js';
import { familyOf, kindOf } from './wait-kinds.js';

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
  const labels = new Map(timeline.rows.map((row) => [row.taskId, row.label]));
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
      const name =
        s.kind === 'running' ? 'running' : s.kind === 'ready' ? 'ready' : `waiting on ${kindOf(s)}`;
      events.push({
        // Perfetto colours a slice by its name: each kind of wait has its own colour.
        name,
        // A wait's category is its family (`sleep`, `await`, `line`, `io`, `foreign`: a foreign
        // wait is one of its own, the runtime cannot interrupt it).
        cat: s.kind === 'waiting' ? familyOf(s.on) : s.kind,
        ph: 'X',
        ts: us(s.startMs),
        // Both ends rounded, so one stretch ends exactly where the next begins.
        dur: us(s.endMs) - us(s.startMs),
        pid: PID,
        tid: row.taskId,
        ...(s.kind === 'waiting' ? { args: waitArgs(s, labels) } : {}),
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

/** What a wait's slice says when selected: whom it awaited, who ended it, when it was over. */
function waitArgs(s: Segment, labels: ReadonlyMap<number, string>): Record<string, unknown> {
  return {
    ...(s.waitsFor === undefined ? {} : { awaiting: s.waitsFor.map((id) => labels.get(id) ?? id) }),
    ...(s.by === undefined ? {} : { endedBy: labels.get(s.by) ?? s.by }),
    ...(s.readyAtMs === undefined ? {} : { overAtMs: s.readyAtMs }),
    ...(s.deadlineMs === undefined ? {} : { deadlineMs: s.deadlineMs }),
  };
}
