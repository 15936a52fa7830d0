import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import kleur from 'kleur';
import { buildTimeline } from '../../src/report/segments.js';
import { GLYPHS, niceStep, renderTimeline, tickValue } from '../../src/report/timeline.js';
import {
  familyEvents,
  foreignEvents,
  gatherEvents,
  readyEvents,
  timeoutEvents,
} from '../helpers/events.js';

kleur.enabled = false;

const row = (lines: string[], label: string) => lines.find((l) => l.startsWith(label)) ?? '';

describe('renderTimeline', () => {
  for (const columns of [60, 80, 120]) {
    it(`draws each family of waits with its own mark at ${columns} columns, each in the legend`, () => {
      const lines = renderTimeline(buildTimeline(familyEvents()), columns);
      for (const line of lines)
        assert.ok([...line].length <= columns, `${line} is over ${columns}`);
      const marks: Array<[string, string]> = [
        ['main main()', '-'],
        ['Task-2 nap()', '·'],
        ['Task-3 slot()', '='],
        ['Task-4 next_job()', '='],
        ['Task-5 download()', '≈'],
        ['Task-6 bare_fetch()', '░'],
      ];
      for (const [label, mark] of marks)
        assert.match(
          row(lines, label),
          new RegExp(`█${mark === '-' ? '\\-' : mark}{${Math.floor(columns / 3)},}`),
          label,
        );
      const axis = lines.findIndex((l) => l.includes('┬'));
      const legend = lines.slice(axis + 2).join('  ');
      for (const entry of [
        '· sleeping',
        '- awaiting: gather',
        '= in line: semaphore, queue.get',
        '≈ I/O: signal',
        '░ foreign promise',
      ])
        assert.ok(legend.includes(entry), `${entry} in ${legend}`);
    });
  }

  it('draws the blocking stretch and the three overlapping bars of gather', () => {
    const lines = renderTimeline(buildTimeline(gatherEvents()), 80);
    const main = row(lines, 'main gather()');
    // main awaits the gather: `-`, a wait on tasks, not a sleep's `·`.
    assert.match(main, /^main gather\(\)\s+█{40,}-+/);
    const bars = ['Task-2', 'Task-3', 'Task-4'].map((label) => row(lines, label));
    const starts = bars.map((b) => b.indexOf('█'));
    assert.equal(new Set(starts).size, 1, 'the three start together');
    const ends = bars.map((b) => b.trimEnd().length);
    assert.ok(
      (ends[0] ?? 0) < (ends[1] ?? 0) && (ends[1] ?? 0) < (ends[2] ?? 0),
      'and end one after another',
    );
    assert.match(row(lines, 'loop blocked'), /▓{40,}/);
  });

  it('marks a cancelled task and the timeout', () => {
    const lines = renderTimeline(buildTimeline(timeoutEvents()), 80);
    assert.ok(row(lines, 'Task-2 foo()').trimEnd().endsWith(GLYPHS.cancelled));
    assert.ok(row(lines, 'Task-3 bar()').includes(GLYPHS.timeout));
  });

  it('draws a wait on a foreign promise in a mark of its own, named in the legend', () => {
    const lines = renderTimeline(buildTimeline(foreignEvents()), 80);
    assert.match(
      row(lines, 'Task-2 fetch_page(1)'),
      new RegExp(`█${GLYPHS.foreign}{30,}${GLYPHS.cancelled}$`),
    );
    assert.match(row(lines, 'Task-3 aget_data(1)'), /█·+█/);
    assert.doesNotMatch(row(lines, 'loop blocked'), /▓/, 'a foreign wait is not the loop blocked');
    assert.ok(lines.some((l) => l.includes(`${GLYPHS.foreign} foreign promise`)));
  });

  it('names the foreign mark in the legend only when one is drawn', () => {
    const lines = renderTimeline(buildTimeline(gatherEvents()), 120);
    assert.ok(!lines.join('\n').includes('foreign'));
  });

  it('reads without colour: no escape codes, a distinct glyph per kind', () => {
    const text = renderTimeline(buildTimeline(timeoutEvents()), 80).join('\n');
    assert.equal(text.includes('\u001b['), false);
    assert.equal(new Set(Object.values(GLYPHS)).size, Object.keys(GLYPHS).length);
  });

  it('fits every line, legend and axis labels too, in 60 to 120 columns', () => {
    const events = gatherEvents().map((e) =>
      e.taskId === 2 ? { ...e, call: 'aget_data_with_a_very_long_name_indeed(1)' } : e,
    );
    for (let columns = 60; columns <= 120; columns++) {
      for (const timeline of [buildTimeline(events), buildTimeline(timeoutEvents())]) {
        for (const line of renderTimeline(timeline, columns))
          assert.ok([...line].length <= columns, `${[...line].length} > ${columns}: ${line}`);
      }
    }
  });

  it('cuts a long task name with an ellipsis', () => {
    const events = gatherEvents().map((e) =>
      e.taskId === 2 ? { ...e, call: 'aget_data_with_a_very_long_name_indeed(1)' } : e,
    );
    const lines = renderTimeline(buildTimeline(events), 80);
    assert.ok(lines.some((line) => /^Task-2 aget_data_with_a_ver.*… /.test(line)));
  });

  it('has a time axis in seconds', () => {
    const lines = renderTimeline(buildTimeline(gatherEvents()), 80);
    const axis = lines.find((line) => /^\s+0\.0s/.test(line)) ?? '';
    assert.match(axis, /0\.0s\s+0\.\d+s/);
  });
});

describe('renderTimeline: ready while the loop was busy', () => {
  it('draws the stretch in its own glyph, with a legend entry only then', () => {
    const lines = renderTimeline(buildTimeline(readyEvents()), 80);
    const func2 = row(lines, 'Task-2 func2()');
    assert.match(func2, /·+~+█/);
    assert.ok(lines.some((l) => l.includes(`${GLYPHS.ready} ready, the loop busy`)));
    const plain = renderTimeline(buildTimeline(gatherEvents()), 80).join('\n');
    assert.ok(!plain.includes('ready, the loop busy'));
  });
});

describe('niceStep', () => {
  it('labels an axis in the unit that reads best: µs under a millisecond, ms, then s', () => {
    const labels = (spanS: number) => {
      const ticks = niceStep(spanS, 8);
      return `${tickValue(ticks.step, ticks)}${ticks.unit}`;
    };
    assert.equal(labels(0.0007), '100µs');
    assert.equal(labels(0.15), '20ms');
    assert.equal(labels(0.6), '0.1s');
    assert.equal(labels(6), '1s');
  });
});
