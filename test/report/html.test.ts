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
  it('is one self-contained document: no external script, style, font or image', () => {
    assert.match(page, /^<!doctype html>\n<html lang="en">/);
    assert.doesNotMatch(page, /<link|@import|url\(|src=|href=/i);
    // One inline script, for the chart's tooltips; a page without a chart has none.
    assert.equal(page.match(/<script>/g)?.length, 1);
    const plain = renderHtmlReport({
      title: 't',
      lang: 'en',
      ui: uiEn,
      experiments: [{ result, title: 't', notes: [] }],
    });
    assert.doesNotMatch(plain, /<script/);
  });

  it("lists --explain's chains under the table, a timing off its ideal marked", () => {
    const explained = renderHtmlReport({
      title: 't',
      lang: 'en',
      ui: uiEn,
      experiments: [
        {
          result,
          title: 't',
          notes: [],
          explained: [
            {
              label: 'bar',
              totalMs: 101.2,
              restMs: 0.2,
              phrases: [
                { text: 'bar() slept 101.0 ms', ms: 101, kind: 'waited', taskIds: [3], steps: [] },
              ],
              off: { byMs: 1.2, text: 'off its ideal by +1.2 ms: <why>' },
            },
          ],
        },
      ],
    });
    assert.ok(explained.includes('<p>where the time went (--explain):</p>'));
    assert.ok(explained.includes('<li><strong>bar</strong> 0.10 s = bar() slept 101.0 ms<br>'));
    assert.ok(explained.includes('<span class="off">off its ideal by +1.2 ms: &lt;why&gt;</span>'));
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
