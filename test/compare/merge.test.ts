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
      ratio: 1.005,
    });
    assert.deepEqual(doc.timings[2], { label: 'extra', idealMs: 0, nodeMs: 5 });
    assert.equal(doc.cpython, cpython);
    assert.equal(doc.node, node);
  });

  it('shows the lines where the transcripts differ, and only those', () => {
    const lines = renderCompare(mergeResults(cpython, node));
    assert.ok(lines.includes('  transcripts differ in 1 line:'));
    assert.ok(lines.includes('  CPython None'));
    assert.ok(lines.includes('  Node    undefined'));
    assert.equal(lines.filter((l) => l.includes('same')).length, 0);
  });
});
