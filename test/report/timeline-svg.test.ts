import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { buildTimeline } from '../../src/report/segments.js';
import { renderTimelineSvg } from '../../src/report/timeline-svg.js';
import { gatherEvents, timeoutEvents } from '../helpers/events.js';

describe('renderTimelineSvg', () => {
  it('is one SVG document with a rect per stretch and a label per task', () => {
    const timeline = buildTimeline(gatherEvents());
    const svg = renderTimelineSvg(timeline, 'gather <demo>');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.match(svg, /<\/svg>\n$/);
    assert.match(svg, /<title>gather &lt;demo&gt;<\/title>/);
    const stretches =
      timeline.rows.reduce((n, r) => n + r.segments.length, 0) + timeline.blocked.length;
    assert.equal(svg.match(/<rect x=/g)?.length, stretches);
    for (const label of ['main gather()', 'Task-2 aget_data(1)', 'loop blocked'])
      assert.ok(svg.includes(`>${label}</text>`));
  });

  it('draws the timeout as a dashed line and the cancellation as a mark', () => {
    const svg = renderTimelineSvg(buildTimeline(timeoutEvents()));
    assert.equal(svg.match(/stroke-dasharray/g)?.length, 1);
    assert.match(svg, />✗<\/text>/);
  });
});
