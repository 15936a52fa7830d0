/**
 * `compare`: the notebook's cells on CPython and the same scenario on Node, in one table, and
 * their transcripts side by side where they differ.
 *
 * @module
 */
import kleur from 'kleur';
import type { PythonResult } from '../compare/python.js';
import type { ScenarioResult } from '../scenarios/types.js';

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
    ratio?: number;
  }>;
  cpython: PythonResult;
  node: ScenarioResult;
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
    if (py !== undefined && js !== undefined && py.wallMs > 0)
      row.ratio = Math.round((js.wallMs / py.wallMs) * 1000) / 1000;
    return row;
  });
  return {
    schema: 'asyncdemo.compare/1',
    scenario: node.scenario,
    scale: node.scale,
    timings,
    cpython,
    node,
  };
}

function ms(value: number | undefined, idealMs: number): string {
  if (value === undefined) return '–';
  return idealMs >= 1000 ? `${(value / 1000).toFixed(2)} s` : `${value.toFixed(1)} ms`;
}

function pad(cells: string[][]): string[] {
  const widths = (cells[0] ?? []).map((_, i) =>
    Math.max(...cells.map((r) => [...(r[i] ?? '')].length)),
  );
  return cells.map((r) =>
    `  ${r.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - [...c].length))).join('  ')}`.trimEnd(),
  );
}

/** The table and the transcript differences, as lines. */
export function renderCompare(doc: CompareDocument): string[] {
  const head = [
    'timing',
    `CPython ${doc.cpython.python}`,
    `Node ${process.version}`,
    'ideal',
    'Node/CPython',
  ];
  const rows = doc.timings.map((t) => [
    t.label,
    ms(t.cpythonMs, t.idealMs),
    ms(t.nodeMs, t.idealMs),
    ms(t.idealMs, t.idealMs),
    t.ratio === undefined ? '' : `${t.ratio.toFixed(2)}x`,
  ]);
  const [headLine = '', ...body] = pad([head, ...rows]);
  const lines = [
    kleur.dim(headLine),
    ...body,
    `  outcome: CPython ${doc.cpython.outcome}, Node ${doc.node.outcome}`,
  ];
  const py = doc.cpython.transcript.map((l) => l.text);
  const js = doc.node.transcript.map((l) => l.text);
  const differing: string[][] = [];
  for (let i = 0; i < Math.max(py.length, js.length); i++) {
    if (py[i] !== js[i]) differing.push([py[i] ?? '–', js[i] ?? '–']);
  }
  if (differing.length === 0) lines.push('', '  transcripts: the same, line for line');
  else {
    lines.push(
      '',
      `  transcripts differ in ${differing.length} line${differing.length === 1 ? '' : 's'}:`,
    );
    for (const [a = '', b = ''] of differing)
      lines.push(`  ${kleur.dim('CPython')} ${a}`, `  ${kleur.dim('Node   ')} ${b}`);
  }
  return lines;
}
