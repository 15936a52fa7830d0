import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import kleur from 'kleur';
import { compareTable } from '../../src/report/compare.js';
import { renderSummary, timingTable } from '../../src/report/text.js';
import { uiRu } from '../../src/scenarios/messages/ui-ru.js';
import type { ScenarioResult } from '../../src/scenarios/types.js';

kleur.enabled = false;

const result = (over: Partial<ScenarioResult>): ScenarioResult => ({
  schema: 'asyncdemo.result/1',
  scenario: 'cancel',
  scale: 1,
  options: {},
  outcome: 'ok',
  timings: [],
  transcript: [],
  checks: [],
  ...over,
});

describe('the timing table', () => {
  it('keeps one unit per column: seconds as soon as one ideal is a second or more', () => {
    const lines = timingTable([
      { label: 'cancel', wallMs: 0.4, idealMs: 0 },
      { label: 'total', wallMs: 3001.2, idealMs: 3000 },
    ]);
    assert.match(lines[1] ?? '', /^ {2}cancel +0\.00 s +0\.00 s +\+0\.4 ms$/);
    assert.match(lines[2] ?? '', /^ {2}total +3\.00 s +3\.00 s +\+1\.2 ms$/);
  });

  it('says a check off the ideal in rounded figures, not 3003.552 ms', () => {
    const text = renderSummary(
      result({
        timings: [{ label: 'total', wallMs: 3003.552, idealMs: 3000 }],
        checks: [
          {
            id: 'cancel.total',
            metric: 'wall time',
            expected: 3000,
            actual: 3203.552,
            unit: 'ms',
            tolerance: 150,
            pass: false,
          },
        ],
      }),
    );
    assert.match(
      text,
      /off the ideal: cancel\.total 3\.20 s, \+203\.6 ms off 3\.00 s \(allowed ±150 ms\)/,
    );
    assert.doesNotMatch(text, /\d\.\d{3}/);
  });
});

describe('the outcome line', () => {
  const failedCheck = {
    id: 'cancel.total',
    metric: 'wall time',
    expected: 3000,
    actual: 3500,
    unit: 'ms' as const,
    tolerance: 150,
    pass: false,
  };

  it('calls an error the lesson ends with its planned end, not a failure (no red)', () => {
    kleur.enabled = true;
    try {
      const text = renderSummary(result({ outcome: 'CancelledError' }));
      assert.match(text, /outcome: .*CancelledError.* .*\(the lesson's planned end\)/);
      assert.ok(!text.includes('\u001b[31m'), 'no red');
    } finally {
      kleur.enabled = false;
    }
  });

  it('paints the outcome red when a check failed', () => {
    kleur.enabled = true;
    try {
      const text = renderSummary(result({ outcome: 'CancelledError', checks: [failedCheck] }));
      assert.ok(text.includes('\u001b[31mCancelledError'), text);
    } finally {
      kleur.enabled = false;
    }
  });

  it('speaks Russian with --lang ru: headers, outcome, checks off the ideal', () => {
    const text = renderSummary(
      result({
        outcome: 'TimeoutError',
        timings: [{ label: 'bar', wallMs: 1001, idealMs: 1000 }],
        checks: [failedCheck],
      }),
      uiRu,
    );
    assert.match(text, /замер +измерено +идеал +разница/);
    assert.match(text, /мимо идеала: cancel\.total/);
    assert.match(text, /итог: TimeoutError/);
    assert.doesNotMatch(text, /timing|outcome|off the ideal/);
  });
});

describe('the comparison table', () => {
  it('shows a timing that never happened as a dash, not a number', () => {
    const lines = compareTable([
      result({ variant: 'a', timings: [{ label: 'func2', wallMs: 101, idealMs: 100 }] }),
      result({ variant: 'b', timings: [] }),
    ]);
    assert.match(lines[2] ?? '', /^ {2}b +— /);
  });
});
