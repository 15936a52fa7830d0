import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderHtmlReport } from '../../src/report/html.js';
import { uiEn } from '../../src/scenarios/messages/ui-en.js';
import type { ScenarioResult } from '../../src/scenarios/types.js';
import { report, verdict } from '../helpers/check-report.js';

const result: ScenarioResult = {
  schema: 'asyncdemo.result/1',
  scenario: 'timeout',
  scale: 0.1,
  options: {},
  outcome: 'TimeoutError',
  timings: [{ label: 'bar', wallMs: 101.2, idealMs: 100 }],
  transcript: [{ atMs: 0, text: '🚀 Starting <foo>()...' }],
  checks: [],
};

const checks = report([
  { ...verdict('timeout.fired', 'pass'), expected: 200, actual: 201, samples: [201, 199.5, 240] },
]);

const page = renderHtmlReport({
  title: 'asyncdemo tour',
  lang: 'en',
  ui: uiEn,
  experiments: [
    {
      result,
      title: 'cancelling work at a deadline',
      notes: ['a note'],
      timelineSvg: '<svg xmlns="http://www.w3.org/2000/svg"></svg>',
    },
  ],
  checks,
});

describe('the HTML report', () => {
  it('is one self-contained document: no script, no external style, font or image', () => {
    assert.match(page, /^<!doctype html>\n<html lang="en">/);
    assert.doesNotMatch(page, /<script|<link|@import|url\(|src=|href=/i);
  });

  it('has each experiment with its notes, transcript (escaped), table, outcome and chart', () => {
    assert.match(page, /<section class="experiment" id="timeout">/);
    assert.ok(page.includes('<li>a note</li>'));
    assert.ok(page.includes('🚀 Starting &lt;foo&gt;()...'));
    assert.match(page, /<td>bar<\/td><td>101\.2 ms<\/td><td>100\.0 ms<\/td><td>\+1\.2 ms<\/td>/);
    assert.match(page, /outcome: <strong>TimeoutError<\/strong>/);
    assert.match(page, /<div class="chart"><svg/);
  });

  it('draws each check as a strip: a dot per run, the ideal, the tolerance band', () => {
    const strip = /<svg class="strip"[\s\S]*?<\/svg>/.exec(page)?.[0] ?? '';
    assert.equal(strip.match(/<circle/g)?.length, 3);
    assert.equal(strip.match(/class="off"/g)?.length, 1); // 240 ms is outside 200 ± 25
    assert.match(strip, /class="band"/);
    assert.match(strip, /class="expected"/);
  });

  it('follows a dark colour scheme and prints', () => {
    assert.match(page, /@media \(prefers-color-scheme: dark\)/);
    assert.match(page, /@media print/);
  });
});
