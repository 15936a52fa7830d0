/**
 * `compare`: the notebook's cells on CPython and the same scenario on Node, in one table, and
 * their transcripts side by side where they differ.
 *
 * @module
 */
import kleur from 'kleur';
import type { PythonResult } from '../compare/python.js';
import type { ScenarioResult } from '../scenarios/types.js';
import { differingLines, diffLines, type Hunk } from './line-diff.js';
import { alignTable } from './table.js';

/** The `asyncdemo.compare/1` document: both results, merged by timing label. */
export interface CompareDocument {
  schema: 'asyncdemo.compare/1';
  scenario: string;
  scale: number;
  timings: Array<{
    label: string;
    idealMs: number;
    cpythonMs?: number;
    nodeMs?: number;
    /** Node − CPython, ms. */
    differenceMs?: number;
    /** Node / CPython, when both took at least {@link RATIO_FLOOR_MS}. */
    ratio?: number;
  }>;
  /** How many transcript lines differ (measured numbers masked; a real line diff). */
  transcriptDifferences: number;
  cpython: PythonResult;
  node: ScenarioResult;
}

/**
 * Below a millisecond a ratio says nothing (`0.1 ms / 0.3 ms` is 3x of timer noise): such
 * timings are compared by their difference.
 */
export const RATIO_FLOOR_MS = 1;

/** Measured numbers (`6.01 s`, `0.6`) do not count as differences between the transcripts. */
export function maskMeasured(line: string): string {
  return line.replace(/\d+[.,]\d+/g, '#');
}

function transcriptHunks(cpython: PythonResult, node: ScenarioResult): Hunk[] {
  return diffLines(
    cpython.transcript.map((l) => l.text),
    node.transcript.map((l) => l.text),
    maskMeasured,
  );
}

/** Merges the two results by timing label (in Node's order, then CPython's extra ones). */
export function mergeResults(cpython: PythonResult, node: ScenarioResult): CompareDocument {
  const labels = [
    ...new Set([...node.timings.map((t) => t.label), ...cpython.timings.map((t) => t.label)]),
  ];
  const timings = labels.map((label) => {
    const py = cpython.timings.find((t) => t.label === label);
    const js = node.timings.find((t) => t.label === label);
    const row: CompareDocument['timings'][number] = {
      label,
      idealMs: js?.idealMs ?? py?.idealMs ?? 0,
    };
    if (py !== undefined) row.cpythonMs = py.wallMs;
    if (js !== undefined) row.nodeMs = js.wallMs;
    if (py !== undefined && js !== undefined) {
      row.differenceMs = Math.round((js.wallMs - py.wallMs) * 1000) / 1000;
      if (Math.min(py.wallMs, js.wallMs) >= RATIO_FLOOR_MS)
        row.ratio = Math.round((js.wallMs / py.wallMs) * 1000) / 1000;
    }
    return row;
  });
  return {
    schema: 'asyncdemo.compare/1',
    scenario: node.scenario,
    scale: node.scale,
    timings,
    transcriptDifferences: differingLines(transcriptHunks(cpython, node)),
    cpython,
    node,
  };
}

function ms(value: number | undefined, idealMs: number): string {
  if (value === undefined) return '—';
  return idealMs >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

/** The table and the transcript differences, as lines. */
export function renderCompare(doc: CompareDocument): string[] {
  const head = [
    'timing',
    `CPython ${doc.cpython.python}`,
    `Node ${process.version}`,
    'ideal',
    'Node vs CPython',
  ];
  const rows = doc.timings.map((t) => [
    t.label,
    ms(t.cpythonMs, t.idealMs),
    ms(t.nodeMs, t.idealMs),
    ms(t.idealMs, t.idealMs),
    versus(t),
  ]);
  const lines = [
    ...alignTable(head, rows),
    `  outcome: CPython ${doc.cpython.outcome}, Node ${doc.node.outcome}`,
  ];
  const hunks = transcriptHunks(doc.cpython, doc.node);
  if (hunks.length === 0) {
    lines.push('', '  transcripts: the same, line for line (measured numbers aside)');
    return lines;
  }
  const n = differingLines(hunks);
  lines.push(
    '',
    `  transcripts differ in ${n} line${n === 1 ? '' : 's'} (measured numbers aside):`,
  );
  for (const hunk of hunks) {
    for (let i = 0; i < Math.max(hunk.left.length, hunk.right.length); i++) {
      lines.push(
        `  ${kleur.dim('CPython')} ${hunk.left[i] ?? kleur.dim('(no line)')}`,
        `  ${kleur.dim('Node   ')} ${hunk.right[i] ?? kleur.dim('(no line)')}`,
      );
    }
  }
  return lines;
}

/** `1.02x`, or for sub-millisecond timings the difference: `+0.2 ms`. */
function versus(t: CompareDocument['timings'][number]): string {
  if (t.ratio !== undefined) return `${t.ratio.toFixed(2)}x`;
  if (t.differenceMs === undefined) return '—';
  return `${t.differenceMs >= 0 ? '+' : '−'}${Math.abs(t.differenceMs).toFixed(1)} ms`;
}
