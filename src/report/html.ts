/**
 * `--html FILE`: one self-contained page to open in a browser or project in a classroom. Each
 * experiment with the notebook's notes, its transcript, its timing table and its timeline (with
 * `--explain`, where the time went, its chain outlined on the chart); for `check`, every check
 * with its samples against the tolerance band. No external script, style, font or image; a light
 * and a dark scheme, and a printable one. One small inline script shows a bar's details where the
 * pointer (or the keyboard focus) is; without it each bar keeps its native tooltip.
 *
 * @module
 */
import type { CheckReport } from '../check/runner.js';
import type { UiText } from '../scenarios/messages/types.js';
import type { ScenarioResult } from '../scenarios/types.js';
import { checkStripSvg } from './check-strip.js';
import { clockNote } from './check-text.js';
import type { Explained } from './explain-text.js';
import { escapeXml } from './junit.js';
import { formatDuration, offIdealText, signedMs, unitFor } from './text.js';

/** One experiment's part of the page. */
export interface HtmlExperiment {
  result: ScenarioResult;
  /** The experiment's title in the page's language. */
  title: string;
  /** The notebook's notes for it. */
  notes: readonly string[];
  /** Its timeline as SVG, when recorded. */
  timelineSvg?: string;
  /** With `--explain`: each timing's chain and the run's, in words. */
  explained?: readonly Explained[];
}

/** What the page shows. */
export interface HtmlReport {
  title: string;
  lang: string;
  ui: UiText;
  experiments: readonly HtmlExperiment[];
  checks?: CheckReport;
}

const STYLE = `
:root { color-scheme: light dark; --fg: #212529; --bg: #ffffff; --muted: #6c757d; --card: #f8f9fa;
  --line: #dee2e6; --ok: #2f9e44; --bad: #e03131; --band: #d3f9d8; --dot: #1971c2; }
@media (prefers-color-scheme: dark) {
  :root { --fg: #e9ecef; --bg: #1a1b1e; --muted: #adb5bd; --card: #25262b; --line: #373a40;
    --ok: #69db7c; --bad: #ff8787; --band: #2b8a3e55; --dot: #74c0fc; }
}
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 980px; padding: 24px; font: 16px/1.5 system-ui, sans-serif;
  color: var(--fg); background: var(--bg); }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 0 0 8px; }
.meta, .note { color: var(--muted); }
section { border: 1px solid var(--line); border-radius: 8px; padding: 16px 20px; margin: 20px 0;
  background: var(--card); break-inside: avoid; }
pre { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 10px;
  overflow-x: auto; font: 13px/1.45 ui-monospace, Menlo, Consolas, monospace; }
table { border-collapse: collapse; margin: 8px 0; font-variant-numeric: tabular-nums; }
th, td { text-align: left; padding: 3px 14px 3px 0; border-bottom: 1px solid var(--line); }
th { color: var(--muted); font-weight: 600; }
.chart { overflow-x: auto; margin-top: 10px; }
.chart svg { display: block; max-width: 100%; height: auto; border-radius: 6px;
  border: 1px solid var(--line); }
.pass { color: var(--ok); font-weight: 600; }
.fail { color: var(--bad); font-weight: 600; }
.warn { color: var(--bad); }
.strip .band { fill: var(--band); }
.strip .expected { stroke: var(--fg); stroke-width: 1.5; }
.strip circle.in { fill: var(--dot); fill-opacity: 0.75; }
.strip circle.off { fill: var(--bad); }
.strip text { fill: var(--muted); font: 10px system-ui, sans-serif; }
.explain { margin: 10px 0; }
.explain li { margin: 2px 0; }
.explain .off { color: var(--bad); }
#tip { position: fixed; z-index: 10; max-width: 420px; padding: 6px 10px; border-radius: 6px;
  border: 1px solid var(--line); background: var(--bg); color: var(--fg); pointer-events: none;
  font: 12px/1.45 ui-monospace, Menlo, Consolas, monospace; box-shadow: 0 2px 8px #0003; }
#tip div:first-child { font-weight: 600; }
.chart rect.seg:focus { outline: 2px solid var(--dot); }
@media print {
  #tip { display: none; }
  body { max-width: none; padding: 0; color: #000; background: #fff; }
  section { border-color: #999; background: #fff; }
  pre { border-color: #999; background: #fff; white-space: pre-wrap; }
  .chart { overflow: visible; }
}
`;

/**
 * The bars' tooltips: each bar's native `<title>` (kept for a page without script) becomes its
 * `data-tip`, shown in one box where the pointer or the focus is; Escape hides it.
 */
const TOOLTIP_SCRIPT = `
(() => {
  const tip = document.getElementById('tip');
  const bars = document.querySelectorAll('.chart rect.seg');
  for (const bar of bars) {
    const title = bar.querySelector('title');
    if (title === null) continue;
    bar.setAttribute('data-tip', title.textContent);
    bar.setAttribute('aria-label', title.textContent.replace(/\\n/g, '; '));
    bar.setAttribute('tabindex', '0');
    title.remove();
  }
  const show = (bar, x, y) => {
    tip.replaceChildren(...bar.dataset.tip.split('\\n').map((line) => {
      const div = document.createElement('div');
      div.textContent = line;
      return div;
    }));
    tip.hidden = false;
    const box = tip.getBoundingClientRect();
    tip.style.left = Math.max(4, Math.min(x + 12, innerWidth - box.width - 4)) + 'px';
    tip.style.top = Math.max(4, y + 16 + box.height > innerHeight ? y - box.height - 8 : y + 16) + 'px';
  };
  const hide = () => { tip.hidden = true; };
  document.addEventListener('pointermove', (event) => {
    const bar = event.target.closest ? event.target.closest('rect.seg') : null;
    if (bar === null) hide();
    else show(bar, event.clientX, event.clientY);
  });
  document.addEventListener('focusin', (event) => {
    const bar = event.target.closest ? event.target.closest('rect.seg') : null;
    if (bar === null) return hide();
    const box = bar.getBoundingClientRect();
    show(bar, box.left, box.bottom);
  });
  document.addEventListener('focusout', hide);
  document.addEventListener('keydown', (event) => { if (event.key === 'Escape') hide(); });
})();
`;

/** The page, as one HTML document. */
export function renderHtmlReport(report: HtmlReport): string {
  const parts = [
    '<!doctype html>',
    `<html lang="${escapeXml(report.lang)}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(report.title)}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeXml(report.title)}</h1>`,
    `<p class="meta">Node ${escapeXml(process.version)}, ${escapeXml(process.platform)} ${escapeXml(process.arch)}</p>`,
    ...report.experiments.map((e) => experimentSection(e, report.ui)),
    ...(report.checks === undefined ? [] : [checksSection(report.checks)]),
    ...(report.experiments.some((e) => e.timelineSvg !== undefined)
      ? ['<div id="tip" role="tooltip" hidden></div>', `<script>${TOOLTIP_SCRIPT}</script>`]
      : []),
    '</body>',
    '</html>',
    '',
  ];
  return parts.join('\n');
}

function experimentSection(experiment: HtmlExperiment, ui: UiText): string {
  const { result } = experiment;
  const scale = escapeXml(ui.runNote(result.scale, result.clock === 'virtual'));
  const notes = experiment.notes.map((n) => `<li>${escapeXml(n)}</li>`).join('');
  const transcript = result.transcript.map((l) => escapeXml(l.text)).join('\n');
  const missed = result.checks.filter((c) => !c.pass);
  return [
    `<section class="experiment" id="${escapeXml(result.scenario)}">`,
    `<h2>${escapeXml(result.scenario)}: ${escapeXml(experiment.title)}<span class="meta">${scale}</span></h2>`,
    notes === '' ? '' : `<ul class="note">${notes}</ul>`,
    `<pre class="transcript">${transcript}</pre>`,
    timingTable(result, ui),
    ...missed.map(
      (c) =>
        `<p class="fail">${escapeXml(offIdealText(c, unitFor(result.timings), ui))}${c.reason === undefined ? '' : `<br>${escapeXml(c.reason)}`}</p>`,
    ),
    ...(result.warnings ?? []).map((w) => `<p class="warn">${escapeXml(w)}</p>`),
    result.loopLag === undefined
      ? ''
      : `<p class="meta">${escapeXml(ui.loopLag(result.loopLag.maxMs, result.loopLag.p99Ms, result.loopLag.utilization * 100))}</p>`,
    `<p>${escapeXml(ui.outcome)}: <strong>${escapeXml(result.outcome)}</strong></p>`,
    experiment.explained === undefined ? '' : explainList(experiment.explained, ui),
    experiment.timelineSvg === undefined
      ? ''
      : `<div class="chart">${experiment.timelineSvg.replace(/^<\?xml[^>]*>\s*/, '')}</div>`,
    '</section>',
  ].join('\n');
}

/** `--explain`'s lines as a list: each timing, then the run, its phrases joined by `+`. */
function explainList(explained: readonly Explained[], ui: UiText): string {
  const items = explained.map((e) => {
    const phrases = e.phrases.map((p) => escapeXml(p.text)).join(' + ');
    const off = e.off === undefined ? '' : `<br><span class="off">${escapeXml(e.off.text)}</span>`;
    return `<li><strong>${escapeXml(e.label)}</strong> ${escapeXml(formatDuration(e.totalMs, e.totalMs >= 100 ? 's' : 'ms'))} = ${phrases === '' ? escapeXml(ui.explain.rest(formatDuration(e.restMs, 'ms'))) : phrases}${off}</li>`;
  });
  return `<div class="explain"><p>${escapeXml(ui.explain.heading)}</p><ul>${items.join('')}</ul></div>`;
}

function timingTable(result: ScenarioResult, ui: UiText): string {
  const unit = unitFor(result.timings);
  const rows = result.timings.map((t) => {
    const spread =
      (t.samplesMs?.length ?? 1) > 1 ? ` ± ${formatDuration(t.stddevMs ?? 0, unit)}` : '';
    return `<tr><td>${escapeXml(t.label)}</td><td>${formatDuration(t.wallMs, unit)}${spread}</td><td>${formatDuration(t.idealMs, unit)}</td><td>${signedMs(t.wallMs - t.idealMs)}</td></tr>`;
  });
  const h = ui.head;
  return `<table class="timings"><thead><tr><th>${escapeXml(h.timing)}</th><th>${escapeXml(result.clock === 'virtual' ? h.measuredVirtual : h.measured)}</th><th>${escapeXml(h.ideal)}</th><th>${escapeXml(h.difference)}</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function checksSection(report: CheckReport): string {
  const { summary, config } = report;
  const rows = report.checks.map(
    (c) =>
      `<tr><td class="${c.status}">${c.status}</td><td>${escapeXml(c.id)}<br><span class="meta">${escapeXml(c.metric)}</span>${c.reason === undefined ? '' : `<br><span class="fail">${escapeXml(c.reason)}</span>`}</td><td>${checkStripSvg(c)}</td><td>${c.unit === 'ms' ? `${c.actual.toFixed(1)} ms` : c.actual} (${c.delta >= 0 ? '+' : '−'}${Math.abs(c.delta).toFixed(1)}, ±${Math.round(c.tolerance)})</td></tr>`,
  );
  return [
    '<section class="checks" id="checks">',
    `<h2>check: ${summary.passed} of ${summary.total} passed</h2>`,
    `<p class="meta">scale ${config.scale}${escapeXml(clockNote(report))}, ${config.runs} runs each (median), tolerance ${Math.round(config.relativeTolerance * 100)}% or ${config.toleranceFloorMs} ms; dots: the runs, line: the ideal, band: the tolerance</p>`,
    `<table class="verdicts"><tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}
