/**
 * `--explain`: the chain of waits and runs that set a stretch's length. From the stretch's end it
 * walks back through the timeline: a task that ran, ran; a task ready while the loop was busy
 * waited for the tasks that held the loop; a wait on tasks ended when the last of them ended, so
 * the chain goes on in that task; a wait in line ended when another task released, set or put,
 * so it goes on in that one; a sleep, an I/O wait or a wait a timeout cut is the chain's own
 * time. A task's start goes back to the task that made it.
 *
 * @module
 */
import type { Segment, TaskRow, Timeline } from './segments.js';
import { kindOf } from './wait-kinds.js';

/** One link of a chain: a stretch of one task's life, in ms from the timeline's start. */
export interface ChainStep {
  /** `ran`: the task ran (held the loop); `ready`: its wait was over, the loop was busy; `waited`. */
  kind: 'ran' | 'ready' | 'waited';
  taskId: number;
  /** The task's row label: `Task-3 aget_data(1)`. */
  task: string;
  fromMs: number;
  toMs: number;
  /** For `waited`: on what (`sleep`, `semaphore`, `signal`, …). */
  on?: string;
  /** For `waited`: the wait ended because a `timeout` expired (entered at this time, ms). */
  timeoutSinceMs?: number;
  /** For `ready`: the tasks that ran meanwhile, longest first, with how long each. */
  heldBy?: Array<{ taskId: number; task: string; ms: number }>;
}

/** Why a stretch lasted as long as it did: its steps, in time order. */
export interface Chain {
  fromMs: number;
  toMs: number;
  steps: ChainStep[];
}

/** Below this, two moments are the same (ms). */
const SAME = 0.001;
/** A wake-up this much after the awaited task ended waited for a busy loop (ms). */
const GAP_MS = 1;
/** A wait that ended within this of a timeout's expiry (and not by a task) was cut by it. */
const TIMEOUT_MATCH_MS = 0.5;

/**
 * The chain that set the length of `[fromMs, toMs]` of `timeline`, walking back from `taskId` at
 * `toMs` (the task that ended the stretch).
 *
 * @example
 * const chain = explainStretch(timeline, mainRow.taskId, 0, timeline.spanMs);
 */
export function explainStretch(
  timeline: Timeline,
  taskId: number,
  fromMs: number,
  toMs: number,
): Chain {
  const rows = new Map(timeline.rows.map((row) => [row.taskId, row]));
  const steps: ChainStep[] = [];
  let row = rows.get(taskId);
  let t = toMs;
  // Each pass moves back in time or to another task at the same moment; the bound is a guard.
  for (let guard = 0; row !== undefined && t > fromMs + SAME && guard < 100_000; guard++) {
    const segment = segmentBefore(row, t);
    if (segment === undefined) {
      // Before its first step the task was made by another: the chain goes on there.
      const parent = row.parentId === undefined ? undefined : rows.get(row.parentId);
      if (parent === undefined) break;
      t = Math.min(t, row.createdMs ?? t);
      row = parent;
      continue;
    }
    const from = Math.max(segment.startMs, fromMs);
    const to = Math.min(segment.endMs, t);
    if (segment.kind === 'running') {
      steps.push(step('ran', row, from, to));
      t = from;
      continue;
    }
    if (segment.kind === 'ready') {
      steps.push({
        ...step('ready', row, from, to),
        heldBy: heldBy(timeline, row.taskId, from, to),
      });
      t = from;
      continue;
    }
    if (segment.readyAtMs !== undefined && segment.readyAtMs < to - SAME) {
      // Its wait was over before it resumed: that last part was a wait for the loop.
      const readyFrom = Math.max(segment.readyAtMs, from);
      steps.push({
        ...step('ready', row, readyFrom, to),
        heldBy: heldBy(timeline, row.taskId, readyFrom, to),
      });
      t = readyFrom;
      continue;
    }
    const over = Math.min(segment.readyAtMs ?? segment.endMs, to);
    const expiry =
      segment.by === undefined
        ? timeline.expiries.find((e) => Math.abs(e.atMs - over) <= TIMEOUT_MATCH_MS)
        : undefined;
    const next = enderOf(segment, rows, over);
    // An awaited task that ended well before a timeout cut the wait did not end it.
    const late = next === undefined ? 0 : over - next.atMs;
    if (
      next !== undefined &&
      next.atMs > from + SAME &&
      next.atMs <= t + SAME &&
      !(expiry !== undefined && late > GAP_MS)
    ) {
      // The wait was over in substance when the task ended; its wake-up waited for the loop.
      if (late > GAP_MS) {
        const gap = step('ready', row, next.atMs, over);
        steps.push({ ...gap, heldBy: heldBy(timeline, row.taskId, next.atMs, over) });
      }
      row = next.row;
      t = next.atMs;
      continue;
    }
    steps.push({
      ...step('waited', row, from, to),
      on: kindOf(segment),
      ...(expiry === undefined ? {} : { timeoutSinceMs: expiry.sinceMs }),
    });
    t = from;
  }
  steps.reverse();
  return { fromMs, toMs, steps };
}

/** The run's chain: from the timeline's start to its end, back from the task that ended last. */
export function explainRun(timeline: Timeline): Chain {
  const last = [...timeline.rows].sort(
    (a, b) => (b.end?.atMs ?? timeline.spanMs) - (a.end?.atMs ?? timeline.spanMs),
  )[0];
  // The run's own task (the first row) ends it, unless another outlived it.
  const main = timeline.rows[0];
  const root =
    main !== undefined && (main.end?.atMs ?? timeline.spanMs) >= (last?.end?.atMs ?? 0) - SAME
      ? main
      : last;
  if (root === undefined) return { fromMs: 0, toMs: timeline.spanMs, steps: [] };
  return explainStretch(timeline, root.taskId, 0, root.end?.atMs ?? timeline.spanMs);
}

/** The segment of `row` that holds the moment just before `t`. */
function segmentBefore(row: TaskRow, t: number): Segment | undefined {
  for (let i = row.segments.length - 1; i >= 0; i--) {
    const segment = row.segments[i] as Segment;
    if (segment.startMs < t - SAME) return segment;
  }
  return undefined;
}

/** Whose end ended a wait that was over at `overMs`: the last awaited task to end, or its `by`. */
function enderOf(
  segment: Segment,
  rows: ReadonlyMap<number, TaskRow>,
  overMs: number,
): { row: TaskRow; atMs: number } | undefined {
  let best: { row: TaskRow; atMs: number } | undefined;
  for (const id of segment.waitsFor ?? []) {
    const target = rows.get(id);
    const end = target?.end?.atMs;
    // An awaited task ends before the wait on it is over (its end settles the wait).
    if (target === undefined || end === undefined || end > overMs + SAME) continue;
    if (best === undefined || end > best.atMs) best = { row: target, atMs: end };
  }
  if (best !== undefined) return best;
  const by = segment.by === undefined ? undefined : rows.get(segment.by);
  return by === undefined ? undefined : { row: by, atMs: overMs };
}

/** The tasks that ran while `taskId` was ready over `[from, to]`, longest first. */
function heldBy(
  timeline: Timeline,
  taskId: number,
  from: number,
  to: number,
): Array<{ taskId: number; task: string; ms: number }> {
  const held: Array<{ taskId: number; task: string; ms: number }> = [];
  for (const row of timeline.rows) {
    if (row.taskId === taskId) continue;
    let ms = 0;
    for (const s of row.segments)
      if (s.kind === 'running')
        ms += Math.max(0, Math.min(s.endMs, to) - Math.max(s.startMs, from));
    if (ms > SAME) held.push({ taskId: row.taskId, task: row.label, ms });
  }
  return held.sort((a, b) => b.ms - a.ms);
}

function step(kind: ChainStep['kind'], row: TaskRow, fromMs: number, toMs: number): ChainStep {
  return { kind, taskId: row.taskId, task: row.label, fromMs, toMs };
}
