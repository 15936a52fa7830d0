import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  annotations,
  escapeData,
  escapeProperty,
  markdownSummary,
} from '../../src/report/github.js';
import { escapeXml, toJUnit } from '../../src/report/junit.js';
import { report, verdict } from '../helpers/check-report.js';

describe('GitHub annotations', () => {
  it('escapes %, CR and LF in the message', () => {
    assert.equal(escapeData('100% done\r\nnext'), '100%25 done%0D%0Anext');
  });

  it('also escapes : and , in a property', () => {
    assert.equal(escapeProperty('a: b, c%'), 'a%3A b%2C c%25');
  });

  it('writes one ::error line per failed check and none for passes', () => {
    const lines = annotations(
      report([verdict('gather.async', 'fail', '50% of\nit'), verdict('gather.sync', 'pass')]),
    );
    assert.equal(lines.length, 1);
    assert.equal(
      lines[0],
      '::error title=asyncdemo check gather.async::50%25 of%0Ait: expected 300.0 ms ± 25, got 420.0 ms (median of 3 runs)',
    );
  });

  it('summarises as a Markdown table', () => {
    const md = markdownSummary(
      report([verdict('gather.async', 'fail'), verdict('gather.sync', 'pass')]),
    );
    assert.match(md, /^### asyncdemo check: 1\/2 passed, 1 failed$/m);
    assert.match(md, /^\| gather\.async \| 300\.0 ms \| 420\.0 ms \| ±25 ms \| ❌ \|$/m);
  });
});

describe('JUnit XML', () => {
  it('has a testsuite per scenario and a testcase per check, failures with expected vs actual', () => {
    const xml = toJUnit(
      report([
        verdict('gather.async', 'fail'),
        verdict('gather.sync', 'pass'),
        verdict('timeout.fired', 'pass'),
      ]),
    );
    assert.match(
      xml,
      /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<testsuites name="asyncdemo check" tests="3" failures="1"/,
    );
    assert.match(xml, /<testsuite name="gather" tests="2" failures="1" errors="0" time="[\d.]+">/);
    assert.match(xml, /<testsuite name="timeout" tests="1" failures="0" errors="0" time="[\d.]+">/);
    assert.match(xml, /<testcase classname="asyncdemo\.gather" name="gather\.sync" time="[\d.]+">/);
    assert.match(
      xml,
      /<failure message="expected 300\.0 ms ± 25, got 420\.0 ms \(median of 3 runs\)" type="ms">/,
    );
  });

  it("carries each check's time and samples, which CI test views show", () => {
    const xml = toJUnit(report([{ ...verdict('gather.async', 'pass'), timeMs: 1234 }]));
    assert.match(xml, /name="gather\.async" time="1\.234">/);
    assert.match(xml, /<property name="samples" value="[^"]+ ms, [^"]+ ms, [^"]+ ms"\/>/);
    assert.match(xml, /<system-out>samples: [^<]+<\/system-out>/);
  });

  it('escapes XML', () => {
    assert.equal(
      escapeXml(`<a href="x">&'</a>`),
      '&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;',
    );
  });
});
