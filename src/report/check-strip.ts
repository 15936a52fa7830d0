/**
 * A check's samples as a strip: one dot per run on an axis, the expected value as a line and
 * the tolerance as a band around it, so a glance says how close and how spread the runs were.
 *
 * @module
 */
import type { CheckVerdict } from '../check/verdict.js';

const WIDTH = 360;
const HEIGHT = 34;
const PAD = 10;

/**
 * The strip of `verdict` as inline SVG (it takes its colours from the page's CSS variables, so
 * it follows a light or a dark scheme).
 */
export function checkStripSvg(verdict: CheckVerdict): string {
  const { expected, tolerance, samples } = verdict;
  const margin = Math.max(tolerance * 1.5, Math.abs(expected) * 0.02, 1);
  const low = Math.min(expected - margin, ...samples);
  const high = Math.max(expected + margin, ...samples);
  const x = (v: number) => PAD + ((v - low) / (high - low || 1)) * (WIDTH - 2 * PAD);
  const band =
    tolerance > 0
      ? `<rect class="band" x="${x(expected - tolerance).toFixed(1)}" y="6" width="${(x(expected + tolerance) - x(expected - tolerance)).toFixed(1)}" height="${HEIGHT - 18}"/>`
      : '';
  const dots = samples
    .map((s, i) => {
      const off = Math.abs(s - expected) > tolerance;
      return `<circle class="${off ? 'off' : 'in'}" cx="${x(s).toFixed(1)}" cy="${(HEIGHT - 12) / 2 + 6}" r="4"><title>run ${i + 1}: ${format(s, verdict)}</title></circle>`;
    })
    .join('');
  const unit = verdict.unit === 'ms' ? ' ms' : '';
  return [
    `<svg class="strip" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${verdict.id}: ${samples.length} runs against ${format(expected, verdict)} ± ${tolerance}${unit}">`,
    band,
    `<line class="expected" x1="${x(expected).toFixed(1)}" y1="2" x2="${x(expected).toFixed(1)}" y2="${HEIGHT - 8}"/>`,
    dots,
    `<text x="${PAD}" y="${HEIGHT - 1}">${format(low, verdict)}</text>`,
    `<text x="${WIDTH - PAD}" y="${HEIGHT - 1}" text-anchor="end">${format(high, verdict)}</text>`,
    '</svg>',
  ].join('');
}

function format(value: number, verdict: CheckVerdict): string {
  return verdict.unit === 'ms' ? `${value.toFixed(1)} ms` : String(Math.round(value * 100) / 100);
}
