import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import kleur from 'kleur';
import type { PythonResult } from '../../src/compare/python.js';
import { mergeResults, renderCompare } from '../../src/report/compare-python.js';
import type { ScenarioResult } from '../../src/scenarios/types.js';

kleur.enabled = false;

const cpython: PythonResult = {
  schema: 'asyncdemo.python/1',
  scenario: 'coro',
  scale: 1,
  python: '3.11.7',
  outcome: 'ok',
  timings: [
    { label: 'sync', wallMs: 6000, idealMs: 6000 },
    { label: 'async', wallMs: 3000, idealMs: 3000 },
  ],
  transcript: [
    { atMs: 0, text: 'None' },
    { atMs: 1, text: 'same' },
  ],
};

const node: ScenarioResult = {
  schema: 'asyncdemo.result/1',
  scenario: 'coro',
  scale: 1,
  options: {},
  outcome: 'ok',
  timings: [
    { label: 'sync', wallMs: 6030, idealMs: 6000 },
    { label: 'async', wallMs: 3000, idealMs: 3000 },
    { label: 'extra', wallMs: 5, idealMs: 0 },
  ],
  transcript: [
    { atMs: 0, text: 'undefined' },
    { atMs: 1, text: 'same' },
  ],
  checks: [],
};

describe('mergeResults', () => {
  it('pairs the timings by label, with the Node/CPython ratio', () => {
    const doc = mergeResults(cpython, node);
    assert.equal(doc.schema, 'asyncdemo.compare/1');
    assert.deepEqual(doc.timings[0], {
      label: 'sync',
      idealMs: 6000,
      cpythonMs: 6000,
      nodeMs: 6030,
      differenceMs: 30,
      ratio: 1.005,
    });
    assert.deepEqual(doc.timings[2], { label: 'extra', idealMs: 0, nodeMs: 5 });
    assert.equal(doc.cpython, cpython);
    assert.equal(doc.node, node);
  });

  it('shows the lines where the transcripts differ, and only those', () => {
    const lines = renderCompare(mergeResults(cpython, node));
    assert.ok(lines.includes('  transcripts differ in 1 line (measured numbers aside):'));
    assert.ok(lines.includes('  CPython None'));
    assert.ok(lines.includes('  Node    undefined'));
    assert.equal(lines.filter((l) => l.includes('same')).length, 0);
  });

  it('does not count measured numbers as differences', () => {
    const timed = (text: string) => [{ atMs: 0, text }];
    const doc = mergeResults(
      { ...cpython, transcript: timed('Run time (sync): 6.01 s') },
      { ...node, transcript: timed('Run time (sync): 6.00 s') },
    );
    assert.equal(doc.transcriptDifferences, 0);
  });

  it('aligns by a real diff: one extra line is one difference', () => {
    const lines = (...texts: string[]) => texts.map((text, atMs) => ({ atMs, text }));
    const doc = mergeResults(
      { ...cpython, transcript: lines('a', 'b', 'c') },
      { ...node, transcript: lines('a', 'extra', 'b', 'c') },
    );
    assert.equal(doc.transcriptDifferences, 1);
    const shown = renderCompare(doc);
    assert.ok(shown.includes('  Node    extra'));
    assert.ok(shown.includes('  CPython (no line)'));
  });

  it('compares sub-millisecond timings by difference, not by ratio', () => {
    const doc = mergeResults(
      { ...cpython, timings: [{ label: 'cancel', wallMs: 0.1, idealMs: 0 }] },
      { ...node, timings: [{ label: 'cancel', wallMs: 0.5, idealMs: 0 }] },
    );
    assert.equal(doc.timings[0]?.ratio, undefined);
    assert.equal(doc.timings[0]?.differenceMs, 0.4);
    assert.ok(renderCompare(doc).some((l) => /cancel.*\+0\.4 ms$/.test(l)));
  });
});
