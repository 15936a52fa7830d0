/**
 * The timeline as a standalone SVG, for slides, docs and the HTML report: a title, the same rows
 * as the terminal chart, an axis with its unit, the timeout line labelled, and a legend.
 *
 * @module
 */

import type { UiText } from '../scenarios/messages/types.js';
import { uiEn } from '../scenarios/messages/ui-en.js';
import { describeSegment } from './describe.js';
import type { ChainStep } from './explain.js';
import { escapeXml } from './junit.js';
import { hasReadyWait, type Segment, type Timeline } from './segments.js';
import { niceStep, tickValue } from './timeline.js';
import { kindColor, kindOf, kindsShown } from './wait-kinds.js';

const ROW = 22;
const BAR = 640;
const PAD = 12;
/** Monospace at 12 px: about 7.3 px a character. */
const CHAR = 7.3;
const HEAD = 34;

/**
 * The colours of the chart (each kind of wait has its own: see `kindColor`); red is not among
 * them: red is for a failed check.
 */
export const SVG_COLORS = {
  running: '#2f9e44',
  /** A wait on a foreign promise: hatched, this grey over white. */
  foreign: '#868e96',
  /** Ready while the loop was busy: the blocked loop's amber, lighter. */
  ready: '#ffd8a8',
  blocked: '#f08c00',
  timeout: '#1971c2',
  ended: '#9c36b5',
  text: '#212529',
  axis: '#868e96',
  /** The outline of the chain `--explain` names. */
  chain: '#212529',
} as const;

/** What the chart is of: its title line. */
export interface SvgTitle {
  /** `timeout: cancelling work at a deadline`. */
  title: string;
  /** `scale 0.1`, shown after the title. */
  subtitle?: string;
}

/**
 * `timeline` as an SVG document, `ui` naming the legend and the axis.
 *
 * @example
 * writeFileSync('t.svg', renderTimelineSvg(buildTimeline(events), { title: 'gather' }));
 */
export function renderTimelineSvg(
  timeline: Timeline,
  heading: SvgTitle = { title: 'asyncdemo timeline' },
  ui: UiText = uiEn,
  chain?: readonly ChainStep[],
): string {
  const labels = [...timeline.rows.map((r) => r.label), ui.legend.blocked];
  // The label gutter fits the longest label, no wider.
  const label = PAD + Math.ceil(Math.max(...labels.map((l) => [...l].length)) * CHAR) + PAD;
  const span = Math.max(timeline.spanMs, 1e-6);
  const x = (ms: number) => label + (Math.min(Math.max(ms, 0), span) / span) * BAR;
  const loopY = HEAD + timeline.rows.length * ROW;
  const axisY = loopY + ROW + 6;
  // Below the axis caption (`time, s`), which ends at the right edge where a long legend line does.
  const legendY = axisY + 52;
  // Wide enough for the title (14 px bold: about 8.5 px a character) as well as the chart.
  const titleText = `${heading.title}${heading.subtitle === undefined ? '' : ` (${heading.subtitle})`}`;
  const width = Math.max(label + BAR + PAD * 3, PAD * 2 + Math.ceil([...titleText].length * 8.5));
  const key = legend(
    label,
    legendY,
    width - label - PAD,
    ui,
    kindsShown(timeline),
    hasReadyWait(timeline),
    chain !== undefined && chain.length > 0,
  );
  const height = legendY + key.height;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="12" fill="${SVG_COLORS.text}">`,
    `<title>${escapeXml(heading.title)}</title>`,
    // A wait on a foreign promise is hatched: the runtime cannot see into it.
    `<defs><pattern id="foreign" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#f1f3f5"/><rect width="2" height="6" fill="${SVG_COLORS.foreign}"/></pattern></defs>`,
    '<rect width="100%" height="100%" fill="#ffffff"/>',
    `<text x="${PAD}" y="20" font-size="14" font-weight="bold">${escapeXml(heading.title)}${heading.subtitle === undefined ? '' : `<tspan dx="8" font-weight="normal" fill="${SVG_COLORS.axis}">(${escapeXml(heading.subtitle)})</tspan>`}</text>`,
  ];
  const rowIndex = new Map(timeline.rows.map((row, i) => [row.taskId, i]));
  timeline.rows.forEach((row, i) => {
    const y = HEAD + i * ROW;
    parts.push(`<text x="${PAD}" y="${y + 15}">${escapeXml(row.label)}</text>`);
    for (const s of row.segments) {
      const w = Math.max(1, x(s.endMs) - x(s.startMs));
      // The tooltip is the rect's <title>: native without script, the page's own with it.
      const tip = describeSegment(timeline, row, s, ui).join('\n');
      parts.push(
        `<rect class="seg" x="${x(s.startMs).toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${fillOf(s)}"><title>${escapeXml(tip)}</title></rect>`,
      );
    }
    if (row.end !== undefined && row.end.kind !== 'done') {
      const mark = row.end.kind === 'cancelled' ? '✗' : '!';
      // Centred on its moment, kept inside the chart.
      const at = Math.min(Math.max(x(row.end.atMs), label + 4), label + BAR - 4);
      parts.push(
        `<text x="${at.toFixed(1)}" y="${y + 15}" text-anchor="middle" fill="${SVG_COLORS.ended}" font-weight="bold">${mark}<title>${escapeXml(ui.legend[row.end.kind])}</title></text>`,
      );
    }
  });
  // The chain --explain names: outlined over the bars, drawn after them so it stays on top.
  for (const step of chain ?? []) {
    const i = rowIndex.get(step.taskId);
    if (i === undefined) continue;
    const y = HEAD + i * ROW;
    parts.push(
      `<rect class="chain" x="${x(step.fromMs).toFixed(1)}" y="${y + 2}" width="${Math.max(2, x(step.toMs) - x(step.fromMs)).toFixed(1)}" height="${ROW - 4}" fill="none" stroke="${SVG_COLORS.chain}" stroke-width="1.5" pointer-events="none"/>`,
    );
  }
  parts.push(`<text x="${PAD}" y="${loopY + 15}">${escapeXml(ui.legend.blocked)}</text>`);
  for (const b of timeline.blocked) {
    parts.push(
      `<rect x="${x(b.startMs).toFixed(1)}" y="${loopY + 4}" width="${Math.max(1, x(b.endMs) - x(b.startMs)).toFixed(1)}" height="${ROW - 8}" fill="${SVG_COLORS.blocked}"/>`,
    );
  }
  for (const t of timeline.timeouts) {
    const at = x(t).toFixed(1);
    // The label ends at its line near the right edge, so it stays inside the picture.
    const anchor = x(t) > label + BAR * 0.85 ? 'end' : 'middle';
    parts.push(
      `<line x1="${at}" y1="${HEAD - 2}" x2="${at}" y2="${loopY + ROW}" stroke="${SVG_COLORS.timeout}" stroke-width="1.5" stroke-dasharray="4 3"/>`,
      `<text x="${at}" y="${HEAD - 5}" text-anchor="${anchor}" font-size="11" fill="${SVG_COLORS.timeout}">${escapeXml(ui.legend.timeout)}</text>`,
    );
  }
  parts.push(...axis(span, x, axisY, label, ui));
  parts.push(...key.parts, '</svg>', '');
  return parts.join('\n');
}

/** The time axis: ticks at round steps, labelled in seconds, the unit at its end. */
function axis(
  span: number,
  x: (ms: number) => number,
  y: number,
  label: number,
  ui: UiText,
): string[] {
  const parts = [
    `<line x1="${label}" y1="${y}" x2="${label + BAR}" y2="${y}" stroke="${SVG_COLORS.axis}"/>`,
  ];
  const ticks = niceStep(span / 1000, 8);
  for (let t = 0; t * 1000 <= span + 1e-6; t += ticks.step) {
    const at = x(t * 1000).toFixed(1);
    parts.push(
      `<line x1="${at}" y1="${y}" x2="${at}" y2="${y + 4}" stroke="${SVG_COLORS.axis}"/>`,
      `<text x="${at}" y="${y + 16}" text-anchor="middle" fill="${SVG_COLORS.axis}">${tickValue(t, ticks)}</text>`,
    );
  }
  parts.push(
    `<text x="${label + BAR}" y="${y + 30}" text-anchor="end" fill="${SVG_COLORS.axis}">${escapeXml(ui.legend.time)}, ${ticks.unit}</text>`,
  );
  return parts;
}

/**
 * The legend under the axis: a swatch and a word for each mark (a foreign wait's and a ready
 * stretch's only if one is drawn), in lines of at most `maxWidth`; returns its parts and the height it takes.
 */
function legend(
  left: number,
  y: number,
  maxWidth: number,
  ui: UiText,
  kinds: readonly string[],
  readyShown: boolean,
  chainShown: boolean,
): { parts: string[]; height: number } {
  const swatch = (color: string) => `<rect width="14" height="10" y="-9" fill="${color}"/>`;
  const glyph = (text: string, color: string) =>
    `<text x="7" text-anchor="middle" font-weight="bold" fill="${color}">${text}</text>`;
  const dash = `<line x1="7" y1="-12" x2="7" y2="3" stroke="${SVG_COLORS.timeout}" stroke-width="1.5" stroke-dasharray="4 3"/>`;
  const outline = `<rect width="14" height="12" y="-10" fill="none" stroke="${SVG_COLORS.chain}" stroke-width="1.5"/>`;
  const entries: Array<[string, string]> = [
    [swatch(SVG_COLORS.running), ui.legend.running],
    // Each kind of wait drawn, by its own colour: `sleep`, `semaphore`, `gather`, …
    ...kinds.map((kind): [string, string] => [
      swatch(kindColor(kind)),
      kind === 'foreign' ? ui.legend.foreign : kind,
    ]),
    ...(readyShown ? [[swatch(SVG_COLORS.ready), ui.legend.ready] as [string, string]] : []),
    ...(chainShown ? [[outline, ui.legend.chain] as [string, string]] : []),
    [glyph('✗', SVG_COLORS.ended), ui.legend.cancelled],
    [glyph('!', SVG_COLORS.ended), ui.legend.failed],
    [dash, ui.legend.timeout],
    [swatch(SVG_COLORS.blocked), ui.legend.blocked],
  ];
  const parts: string[] = [`<g transform="translate(${left} ${y})">`];
  const LINE = 20;
  let at = 0;
  let line = 0;
  for (const [mark, text] of entries) {
    const entryWidth = 20 + Math.ceil([...text].length * CHAR);
    if (at > 0 && at + entryWidth > maxWidth) {
      at = 0;
      line++;
    }
    parts.push(
      `<g transform="translate(${at} ${line * LINE})">${mark}<text x="20">${escapeXml(text)}</text></g>`,
    );
    at += entryWidth + 16;
  }
  parts.push('</g>');
  return { parts, height: 16 + line * LINE };
}

/** A stretch's fill: running green, ready amber, a wait its kind's colour. */
function fillOf(segment: Segment): string {
  if (segment.kind === 'running') return SVG_COLORS.running;
  if (segment.kind === 'ready') return SVG_COLORS.ready;
  return kindColor(kindOf(segment));
}
