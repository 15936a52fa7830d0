import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTimeline } from '../../src/report/segments.js';
import { renderTimelineSvg, SVG_COLORS } from '../../src/report/timeline-svg.js';
import { uiRu } from '../../src/scenarios/messages/ui-ru.js';
import {
  foreignEvents,
  gatherEvents,
  gatherWaitEvents,
  readyEvents,
  timeoutEvents,
} from '../helpers/events.js';

/** The x of every drawn mark (rects, lines, texts), to check they stay inside the picture. */
function xs(svg: string): number[] {
  return [...svg.matchAll(/ x1?="([\d.]+)"/g)].map((m) => Number(m[1]));
}

describe('renderTimelineSvg', () => {
  it('is one SVG document with a rect per stretch and a label per task', () => {
    const timeline = buildTimeline(gatherEvents());
    const svg = renderTimelineSvg(timeline, { title: 'gather <demo>' });
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<\/svg>\n$/);
    assert.match(svg, /<title>gather &lt;demo&gt;<\/title>/);
    const stretches = timeline.rows.reduce((n, r) => n + r.segments.length, 0);
    assert.equal(svg.match(/<rect class="seg" x=/g)?.length, stretches);
    for (const label of ['main gather()', 'Task-2 aget_data(1)', 'loop blocked'])
      assert.ok(svg.includes(`>${label}</text>`));
  });

  it('has a title with the scale, an axis with its unit and a legend of every mark', () => {
    const svg = renderTimelineSvg(buildTimeline(timeoutEvents()), {
      title: 'asyncdemo timeout',
      subtitle: 'scale 0.1',
    });
    assert.match(svg, /font-weight="bold">asyncdemo timeout<tspan[^>]*>\(scale 0\.1\)<\/tspan>/);
    assert.match(svg, />time, ms<\/text>/); // 150 ms: ticks every 20 ms
    // Each kind of wait drawn is an entry of its own: here main's gather and the tasks' sleeps.
    for (const entry of [
      'running',
      'sleep',
      'gather',
      'cancelled',
      'failed',
      'timeout',
      'loop blocked',
    ])
      assert.ok(svg.includes(`<text x="20">${entry}</text>`), entry);
  });

  it('labels the timeout line and draws the cancellation as a mark, neither in red', () => {
    const svg = renderTimelineSvg(buildTimeline(timeoutEvents()));
    assert.equal(svg.match(/<line[^>]*stroke-dasharray/g)?.length, 2); // the line and its legend
    assert.match(svg, /fill="#1971c2">timeout<\/text>/);
    assert.match(svg, />✗<title>cancelled<\/title><\/text>/);
    assert.doesNotMatch(svg, /#e03131|"red"/);
  });

  it('keeps every mark inside the picture and the label gutter no wider than its labels', () => {
    const svg = renderTimelineSvg(buildTimeline(timeoutEvents()));
    const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)?.[1]);
    for (const x of xs(svg)) assert.ok(x >= 0 && x <= width, `x=${x} outside 0..${width}`);
    const barStart = Math.min(
      ...[...svg.matchAll(/<rect class="seg" x="([\d.]+)" y/g)].map((m) => Number(m[1])),
    );
    assert.ok(barStart < 12 + 'main timeout()'.length * 7.3 + 30, `gutter ends at ${barStart}`);
  });

  it('hatches a wait on a foreign promise and names it in the legend, only when there is one', () => {
    const svg = renderTimelineSvg(buildTimeline(foreignEvents()));
    assert.match(
      svg,
      /fill="url\(#foreign\)"><title>&lt;Task name=&apos;Task-2&apos; coro=&lt;aget_data\(\)&gt;&gt;\nforeign promise\n1\.2 ms → 200\.0 ms \(0\.20 s\)<\/title>/,
    );
    assert.ok(svg.includes('<text x="20">foreign promise</text>'));
    assert.ok(!renderTimelineSvg(buildTimeline(gatherEvents())).includes('foreign promise'));
  });

  it('is as wide as its title, and wraps a legend too long for one line', () => {
    const title = 'crawl: twelve pages, four at a time, each given up after 1.5 s (wait_for)';
    const svg = renderTimelineSvg(buildTimeline(foreignEvents()), { title, subtitle: 'scale 0.2' });
    const width = Number(/viewBox="0 0 ([\d.]+) /.exec(svg)?.[1]);
    assert.ok(width >= 12 + `${title} (scale 0.2)`.length * 8.5, `${width} px for the title`);
    const [, left] = /<g transform="translate\(([\d.]+) [\d.]+\)">/.exec(svg) ?? [];
    const entries = [
      ...svg.matchAll(
        /<g transform="translate\(([\d.]+) ([\d.]+)\)">.*?<text x="20">([^<]+)<\/text><\/g>/g,
      ),
    ];
    assert.ok(new Set(entries.map((e) => e[2])).size > 1, 'the legend takes two lines');
    for (const [, at, , text] of entries) {
      const end = Number(left) + Number(at) + 20 + (text ?? '').length * 7.3;
      assert.ok(end <= width, `${text} ends at ${end} of ${width}`);
    }
  });

  it('speaks the run language', () => {
    const svg = renderTimelineSvg(buildTimeline(timeoutEvents()), { title: 't' }, uiRu);
    assert.match(svg, />время, ms<\/text>/);
    assert.ok(svg.includes('>цикл заблокирован</text>'));
  });

  it('draws a ready stretch in its own colour, with its legend entry only then', () => {
    const svg = renderTimelineSvg(buildTimeline(readyEvents()), { title: 't' });
    assert.ok(
      svg.includes(
        `fill="${SVG_COLORS.ready}"><title>&lt;Task name=&apos;Task-2&apos; coro=&lt;aget_data()&gt;&gt;\nready, the loop busy\n101.0 ms → 130.2 ms (29.2 ms)</title>`,
      ),
    );
    assert.ok(svg.includes('<text x="20">ready, the loop busy</text>'));
    const plain = renderTimelineSvg(buildTimeline(gatherEvents()), { title: 't' });
    assert.ok(!plain.includes('ready, the loop busy'));
  });

  it('names what a wait was on in its tooltip: the awaited tasks by their rows', () => {
    const svg = renderTimelineSvg(buildTimeline(gatherWaitEvents()), { title: 't' });
    assert.ok(
      svg.includes(
        '<title>&lt;Task name=&apos;main&apos; coro=&lt;main()&gt;&gt;\nawaiting: gather\nawaiting Task-2 aget_data(1), Task-3 aget_data(2)\n',
      ),
    );
  });
});
