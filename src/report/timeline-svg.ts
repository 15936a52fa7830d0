/**
 * The timeline as a standalone SVG, for slides and docs: the same rows as the terminal chart.
 *
 * @module
 */
import { escapeXml } from './junit.js';
import type { Timeline } from './segments.js';
import { niceStep } from './timeline.js';

const ROW = 22;
const LABEL = 230;
const BAR = 760;
const TOP = 16;
const COLORS = {
  running: '#2f9e44',
  waiting: '#a5d8ff',
  blocked: '#f08c00',
  timeout: '#e03131',
  ended: '#e03131',
};

/** `timeline` as an SVG document. */
export function renderTimelineSvg(timeline: Timeline, title = 'asyncdemo timeline'): string {
  const span = Math.max(timeline.spanMs, 1e-6);
  const x = (ms: number) => LABEL + (ms / span) * BAR;
  const rows = [...timeline.rows.map((r) => r.label), 'loop blocked'];
  const height = TOP + rows.length * ROW + 40;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${LABEL + BAR + 20}" height="${height}" font-family="monospace" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    '<rect width="100%" height="100%" fill="#ffffff"/>',
  ];
  timeline.rows.forEach((row, i) => {
    const y = TOP + i * ROW;
    parts.push(`<text x="4" y="${y + 15}">${escapeXml(row.label)}</text>`);
    for (const s of row.segments) {
      const w = Math.max(1, x(s.endMs) - x(s.startMs));
      const title = s.kind === 'running' ? 'running' : `waiting on ${s.on ?? ''}`;
      parts.push(
        `<rect x="${x(s.startMs).toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${ROW - 8}" fill="${COLORS[s.kind]}"><title>${escapeXml(`${title}: ${s.startMs.toFixed(1)}-${s.endMs.toFixed(1)} ms`)}</title></rect>`,
      );
    }
    if (row.end !== undefined && row.end.kind !== 'done') {
      const mark = row.end.kind === 'cancelled' ? '✗' : '!';
      parts.push(
        `<text x="${x(row.end.atMs).toFixed(1)}" y="${y + 15}" fill="${COLORS.ended}" font-weight="bold">${mark}</text>`,
      );
    }
  });
  const loopY = TOP + timeline.rows.length * ROW;
  parts.push(`<text x="4" y="${loopY + 15}">loop blocked</text>`);
  for (const b of timeline.blocked) {
    parts.push(
      `<rect x="${x(b.startMs).toFixed(1)}" y="${loopY + 4}" width="${Math.max(1, x(b.endMs) - x(b.startMs)).toFixed(1)}" height="${ROW - 8}" fill="${COLORS.blocked}"/>`,
    );
  }
  for (const t of timeline.timeouts) {
    parts.push(
      `<line x1="${x(t).toFixed(1)}" y1="${TOP}" x2="${x(t).toFixed(1)}" y2="${loopY + ROW}" stroke="${COLORS.timeout}" stroke-dasharray="4 3"/>`,
    );
  }
  const axisY = loopY + ROW + 8;
  parts.push(
    `<line x1="${LABEL}" y1="${axisY}" x2="${LABEL + BAR}" y2="${axisY}" stroke="#868e96"/>`,
  );
  const { step, digits } = niceStep(span / 1000, 10);
  for (let t = 0; t * 1000 <= span + 1e-6; t += step) {
    parts.push(
      `<text x="${x(t * 1000).toFixed(1)}" y="${axisY + 14}" text-anchor="middle" fill="#495057">${t.toFixed(digits)}s</text>`,
    );
  }
  parts.push('</svg>', '');
  return parts.join('\n');
}
