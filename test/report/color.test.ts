import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { wantsColor } from '../../src/report/color.js';

const tty = { isTTY: true };

describe('wantsColor', () => {
  it('colours a terminal by default', () => {
    assert.equal(wantsColor(tty, true, {}), true);
  });

  it('does not colour a pipe', () => {
    assert.equal(wantsColor({ isTTY: false }, true, {}), false);
  });

  it('honours NO_COLOR, --no-color and TERM=dumb', () => {
    assert.equal(wantsColor(tty, true, { NO_COLOR: '1' }), false);
    assert.equal(wantsColor(tty, false, {}), false);
    assert.equal(wantsColor(tty, true, { TERM: 'dumb' }), false);
  });

  it('is forced on by FORCE_COLOR, even on a pipe', () => {
    assert.equal(wantsColor({ isTTY: false }, true, { FORCE_COLOR: '1' }), true);
    assert.equal(wantsColor({ isTTY: false }, true, { FORCE_COLOR: '0' }), false);
  });
});
