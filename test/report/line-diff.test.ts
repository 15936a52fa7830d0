import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { differingLines, diffLines } from '../../src/report/line-diff.js';

describe('line diff', () => {
  it('finds nothing between equal texts', () => {
    assert.deepEqual(diffLines(['a', 'b'], ['a', 'b']), []);
  });

  it('counts one extra line as one difference, not a shift of the rest', () => {
    const hunks = diffLines(['a', 'b', 'c', 'd'], ['a', 'x', 'b', 'c', 'd']);
    assert.deepEqual(hunks, [{ left: [], right: ['x'] }]);
    assert.equal(differingLines(hunks), 1);
  });

  it('pairs a changed line with its counterpart', () => {
    const hunks = diffLines(['a', 'b', 'c'], ['a', 'B', 'c']);
    assert.deepEqual(hunks, [{ left: ['b'], right: ['B'] }]);
    assert.equal(differingLines(hunks), 1);
  });

  it('compares through a key, keeping the original lines', () => {
    const mask = (line: string) => line.replace(/\d+\.\d+/g, '#');
    assert.deepEqual(diffLines(['took 6.01 s'], ['took 6.00 s'], mask), []);
    assert.deepEqual(diffLines(['took 6.01 s'], ['took 6 s'], mask), [
      { left: ['took 6.01 s'], right: ['took 6 s'] },
    ]);
  });

  it('handles a side with no lines', () => {
    assert.deepEqual(diffLines([], ['a']), [{ left: [], right: ['a'] }]);
    assert.deepEqual(diffLines(['a'], []), [{ left: ['a'], right: [] }]);
  });
});
