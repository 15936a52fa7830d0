/**
 * What `--timeline` and `--trace` make of a run's task events: a chart on the terminal, an SVG,
 * a Chrome trace.
 *
 * @module
 */
import type { Explained } from '../report/explain-text.js';
import { buildTimeline, type Timeline } from '../report/segments.js';
import { renderTimeline } from '../report/timeline.js';
import { renderTimelineSvg } from '../report/timeline-svg.js';
import { toTrace } from '../report/trace.js';
import type { TaskEvent } from '../runtime/index.js';
import { messages } from '../scenarios/messages/index.js';
import type { Scenario } from '../scenarios/types.js';
import type { GlobalOptions } from './global-options.js';
import { writeOutputFile } from './output-file.js';

/** `timeline.svg` → `timeline-gather.svg`, for a tour that writes a file per scenario. */
export function fileFor(path: string, scenario: string): string {
  const dot = path.lastIndexOf('.');
  return dot > path.lastIndexOf('/')
    ? `${path.slice(0, dot)}-${scenario}${path.slice(dot)}`
    : `${path}-${scenario}`;
}

/** The run's timeline, built once for every view of it: from the first task start to the last event. */
export function runTimeline(
  events: readonly TaskEvent[],
  startMs: number,
  endMs: number,
): Timeline {
  return buildTimeline([...events], firstMoment(events, startMs), lastMoment(events, endMs));
}

/**
 * The timeline as the SVG that `--timeline FILE.svg` writes and `--html` embeds; with
 * `--explain`, the run's chain outlined on it.
 */
export function timelineSvg(
  timeline: Timeline,
  scenario: Scenario,
  global: GlobalOptions,
  explained?: readonly Explained[],
): string {
  const { ui } = messages(global.lang);
  // ` (scale 0.1, virtual time)` without its parentheses; '' (no subtitle) at scale 1 in real time.
  const note = ui
    .runNote(global.scale, global.clock === 'virtual')
    .trim()
    .slice(1, -1);
  const heading = {
    title: `asyncdemo ${scenario.name}: ${ui.titles[scenario.name] ?? scenario.title}`,
    ...(note === '' ? {} : { subtitle: note }),
  };
  // The run's explanation is the last; its phrases hold the steps that count.
  const chain = explained?.at(-1)?.phrases.flatMap((phrase) => phrase.steps);
  return renderTimelineSvg(timeline, heading, ui, chain);
}

/** Draws or writes what `--timeline` and `--trace` asked for. */
export function showTimeline(
  timeline: Timeline,
  scenario: Scenario,
  global: GlobalOptions,
  explained?: readonly Explained[],
): void {
  if (global.trace !== undefined)
    writeOutputFile(
      '--trace',
      global.trace,
      `${JSON.stringify(toTrace(timeline, scenario.name))}\n`,
    );
  if (typeof global.timeline === 'string') {
    writeOutputFile(
      '--timeline',
      global.timeline,
      timelineSvg(timeline, scenario, global, explained),
    );
  } else if (global.timeline === true && global.silent !== true) {
    // The chart is for eyes: on stdout after the table, on stderr when stdout holds JSON.
    const out = global.json ? process.stderr : process.stdout;
    const columns = process.stdout.columns || Number(process.env.COLUMNS) || 80;
    const { ui } = messages(global.lang);
    out.write(`\n${renderTimeline(timeline, columns, ui).join('\n')}\n`);
  }
}

/** Where a chart starts: when the first task starts, not at an empty lead-in before it. */
function firstMoment(events: readonly TaskEvent[], startMs: number): number {
  const first = events.find((e) => e.type === 'started');
  return Math.max(startMs, first?.atMs ?? startMs);
}

/** Where a chart ends: at the last task event, not at the clean-up after it. */
function lastMoment(events: readonly TaskEvent[], endMs: number): number {
  return Math.min(endMs, events.at(-1)?.atMs ?? endMs);
}
