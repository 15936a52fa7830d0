/**
 * A stretch of a task's life in words, for the chart's tooltips: the task, what it did or waited
 * on, for whom, and when.
 *
 * @module
 */
import type { UiText } from '../scenarios/messages/types.js';
import type { Segment, TaskRow, Timeline } from './segments.js';
import { niceStep, type Ticks } from './timeline.js';
import { familyOf, kindOf } from './wait-kinds.js';

/**
 * The tooltip of `segment` of `row`, one line each: the task's repr; running, ready or waiting
 * on what (the tasks awaited, the task that ended the wait); from, to and how long; when the
 * wait was over if it resumed later; the timeout's deadline it ran under.
 */
export function describeSegment(
  timeline: Timeline,
  row: TaskRow,
  segment: Segment,
  ui: UiText,
): string[] {
  const ticks = niceStep(Math.max(timeline.spanMs, 1e-6) / 1000, 8);
  const time = (ms: number) => formatMoment(ms, ticks);
  const labels = new Map(timeline.rows.map((r) => [r.taskId, r.label]));
  const name = (id: number) => labels.get(id) ?? `#${id}`;
  const { tip, legend } = ui;
  const lines = [row.repr];
  if (segment.kind === 'running') lines.push(legend.running);
  else if (segment.kind === 'ready') lines.push(legend.ready);
  else {
    const kind = kindOf(segment);
    const family = familyOf(kind);
    // `sleeping`, `foreign promise`; `in line: semaphore`, `awaiting: gather`.
    lines.push(family === kind ? legend.families[family] : `${legend.families[family]}: ${kind}`);
    if (segment.waitsFor !== undefined && segment.waitsFor.length > 0)
      lines.push(`${tip.awaiting} ${segment.waitsFor.map(name).join(', ')}`);
    if (segment.by !== undefined) lines.push(`${tip.endedBy} ${name(segment.by)}`);
  }
  lines.push(
    `${time(segment.startMs)} → ${time(segment.endMs)} (${formatLength(segment.endMs - segment.startMs, ticks)})`,
  );
  if (segment.readyAtMs !== undefined && segment.endMs - segment.readyAtMs > 0.001)
    lines.push(`${tip.overAt} ${time(segment.readyAtMs)}`);
  if (segment.deadlineMs !== undefined) lines.push(`${tip.deadline} ${time(segment.deadlineMs)}`);
  return lines;
}

/** A moment on the chart's axis unit: `1.25 s`, `12.5 ms`, `350 µs`. */
function formatMoment(ms: number, ticks: Ticks): string {
  if (ticks.unit === 's') return `${(ms / 1000).toFixed(2)} s`;
  if (ticks.unit === 'ms') return `${ms.toFixed(1)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}

/** A length, in the unit that reads best for it. */
function formatLength(ms: number, ticks: Ticks): string {
  if (ms >= 100 || ticks.unit === 's') return `${(ms / 1000).toFixed(ms >= 100 ? 2 : 4)} s`;
  if (ms >= 0.1) return `${ms.toFixed(1)} ms`;
  return `${(ms * 1000).toFixed(0)} µs`;
}
