/**
 * The timeline as a Gantt chart in the terminal: one row per task over a time axis fitted to the
 * width, running and waiting in different characters (so it reads without colour too). Red is
 * not used: it is for a failed check, and a cancel or a timeout is often the lesson itself.
 *
 * @module
 */
import kleur from 'kleur';
import type { UiText } from '../scenarios/messages/types.js';
import { uiEn } from '../scenarios/messages/ui-en.js';
import { hasReadyWait, type Timeline } from './segments.js';
import { FAMILY_GLYPHS, familiesShown, familyOf, type WaitFamily } from './wait-kinds.js';

/**
 * The characters of the chart; each kind has its own, colour only adds to it. A wait is drawn
 * by its family: `·` a sleep, `-` awaiting tasks or futures, `=` in line at a lock, semaphore,
 * event, condition, barrier or queue, `≈` I/O, `░` a foreign promise.
 */
export const GLYPHS = {
  running: '█',
  foreign: FAMILY_GLYPHS.foreign,
  /** Ready, the wait over, while the loop ran something else. */
  ready: '~',
  cancelled: '✗',
  failed: '!',
  timeout: '│',
  blocked: '▓',
} as const;

const NICE_STEPS = [
  0.0001, 0.0002, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 30, 60,
  120, 300,
];

/** An axis's ticks: every `step` seconds, labelled in `unit` with `digits` decimals. */
export interface Ticks {
  step: number;
  unit: 's' | 'ms' | 'µs';
  /** Units per second (1, 1000 or 1 000 000). */
  perSecond: number;
  digits: number;
}

/**
 * A round tick step (seconds) that puts at most `maxTicks` ticks on `spanS`, labelled in the unit
 * that reads best: seconds from 0.1 s, milliseconds from 1 ms, microseconds below (a run of 0.7 ms
 * reads `0µs 100µs … 700µs`, not `0.0000s … 0.0007s`).
 */
export function niceStep(spanS: number, maxTicks: number): Ticks {
  const step = NICE_STEPS.find((s) => spanS / s <= maxTicks) ?? 600;
  const [unit, perSecond] =
    step >= 0.1
      ? (['s', 1] as const)
      : step >= 0.001
        ? (['ms', 1e3] as const)
        : (['µs', 1e6] as const);
  const inUnit = step * perSecond;
  return { step, unit, perSecond, digits: inUnit >= 1 ? 0 : Math.ceil(-Math.log10(inUnit) - 1e-9) };
}

/** The label of the tick at `seconds`, without its unit. */
export function tickValue(seconds: number, ticks: Ticks): string {
  return (seconds * ticks.perSecond).toFixed(ticks.digits);
}

function axis(spanMs: number, width: number, labelWidth: number): string[] {
  const spanS = spanMs / 1000;
  const ticks = niceStep(spanS, width / 8);
  const { step } = ticks;
  const rule = Array.from({ length: width }, () => '─');
  const labels = Array.from({ length: width }, () => ' ');
  let free = 0; // the first column a label may use: labels keep a space between them
  for (let t = 0; t <= spanS + 1e-9; t += step) {
    const col = Math.min(width - 1, Math.round((t / spanS) * (width - 1)));
    rule[col] = '┬';
    const text = `${tickValue(t, ticks)}${ticks.unit}`;
    // A label starts at its tick; one that would run off the chart ends at its edge instead.
    const at = Math.min(col, width - text.length);
    if (at < free) continue;
    for (let i = 0; i < text.length; i++) labels[at + i] = text[i] as string;
    free = at + text.length + 1;
  }
  const pad = ' '.repeat(labelWidth + 1);
  return [`${pad}${rule.join('')}`, `${pad}${labels.join('').trimEnd()}`];
}

/**
 * Draws `timeline` in `columns` characters (at least 40). Rows: one per task, then the loop's
 * blocked stretches; then the axis and a legend.
 */
export function renderTimeline(timeline: Timeline, columns = 80, ui: UiText = uiEn): string[] {
  const width = Math.max(40, columns);
  const labels = [...timeline.rows.map((r) => r.label), ui.legend.blocked];
  const labelWidth = Math.min(32, Math.max(...labels.map((l) => l.length)));
  const barWidth = width - labelWidth - 1;
  const span = Math.max(timeline.spanMs, 1e-6);
  const col = (ms: number) =>
    Math.min(barWidth - 1, Math.max(0, Math.floor((ms / span) * barWidth)));
  type Cell = { glyph: string; paint: (s: string) => string };
  const blank = (): Cell[] =>
    Array.from({ length: barWidth }, () => ({ glyph: ' ', paint: (s: string) => s }));
  const fill = (
    cells: Cell[],
    startMs: number,
    endMs: number,
    glyph: string,
    paint: (s: string) => string,
  ) => {
    for (let c = col(startMs); c <= col(Math.max(startMs, endMs - 1e-9)); c++) {
      const cell = cells[c] as Cell;
      // Running wins over waiting when both fall in one column: the loop was busy then.
      if (glyph !== GLYPHS.running && cell.glyph === GLYPHS.running) continue;
      cells[c] = { glyph, paint };
    }
  };
  const lines: string[] = [];
  const rows = timeline.rows.map((row) => {
    const cells = blank();
    for (const s of row.segments) {
      if (s.kind === 'running') fill(cells, s.startMs, s.endMs, GLYPHS.running, kleur.green);
      else if (s.kind === 'ready') fill(cells, s.startMs, s.endMs, GLYPHS.ready, kleur.yellow);
      else {
        const family = familyOf(s.on);
        fill(cells, s.startMs, s.endMs, FAMILY_GLYPHS[family], FAMILY_PAINT[family]);
      }
    }
    if (row.end?.kind === 'cancelled')
      cells[col(row.end.atMs)] = { glyph: GLYPHS.cancelled, paint: kleur.magenta };
    if (row.end?.kind === 'failed')
      cells[col(row.end.atMs)] = { glyph: GLYPHS.failed, paint: kleur.magenta };
    return { label: row.label, cells };
  });
  const loop = blank();
  for (const b of timeline.blocked) fill(loop, b.startMs, b.endMs, GLYPHS.blocked, kleur.yellow);
  rows.push({ label: ui.legend.blocked, cells: loop });
  for (const { cells } of rows) {
    for (const t of timeline.timeouts) {
      const cell = cells[col(t)] as Cell;
      if (cell.glyph === ' ' || WAIT_GLYPHS.has(cell.glyph))
        cells[col(t)] = { glyph: GLYPHS.timeout, paint: kleur.cyan };
    }
  }
  for (const { label, cells } of rows) {
    const name =
      label.length > labelWidth ? `${label.slice(0, labelWidth - 1)}…` : label.padEnd(labelWidth);
    lines.push(
      `${name} ${cells
        .map((c) => c.paint(c.glyph))
        .join('')
        .trimEnd()}`,
    );
  }
  lines.push(...axis(timeline.spanMs, barWidth, labelWidth));
  lines.push(
    ...legend(barWidth, ui, familiesShown(timeline), hasReadyWait(timeline)).map((line) =>
      kleur.dim(`${' '.repeat(labelWidth + 1)}${line}`),
    ),
  );
  return lines;
}

/** How each family of waits is painted (dim but for I/O: the runtime does not own it). */
const FAMILY_PAINT: Record<WaitFamily, (s: string) => string> = {
  sleep: kleur.dim,
  await: kleur.dim,
  line: kleur.dim,
  io: kleur.blue,
  foreign: kleur.blue,
};

const WAIT_GLYPHS = new Set(Object.values(FAMILY_GLYPHS));

/**
 * The legend's entries, wrapped to `width` columns: each family of waits drawn, with its kinds
 * (`- awaiting: gather, task`), and a ready stretch's only if one is drawn.
 */
function legend(
  width: number,
  ui: UiText,
  families: ReadonlyArray<[WaitFamily, string[]]>,
  readyShown: boolean,
): string[] {
  const { running, ready, cancelled, failed, timeout, blocked } = ui.legend;
  const entries = [
    `${GLYPHS.running} ${running}`,
    ...families.map(
      ([family, kinds]) => `${FAMILY_GLYPHS[family]} ${familyLabel(ui, family, kinds)}`,
    ),
    ...(readyShown ? [`${GLYPHS.ready} ${ready}`] : []),
    `${GLYPHS.cancelled} ${cancelled}`,
    `${GLYPHS.failed} ${failed}`,
    `${GLYPHS.timeout} ${timeout}`,
    `${GLYPHS.blocked} ${blocked}`,
  ];
  const lines: string[] = [];
  for (const entry of entries) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 2 + entry.length <= width)
      lines[lines.length - 1] = `${last}  ${entry}`;
    else lines.push(entry);
  }
  return lines;
}

/** `awaiting: gather, task`; a family of one kind of its own name is just its label. */
function familyLabel(ui: UiText, family: WaitFamily, kinds: readonly string[]): string {
  const label = ui.legend.families[family];
  return kinds.length === 0 || (kinds.length === 1 && kinds[0] === family)
    ? label
    : `${label}: ${kinds.join(', ')}`;
}
