import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { atScale, findExamples, maskLines, ROOT, runExample } from '../helpers/readme.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
const examples = findExamples(readme);
const hasPython311 =
  spawnSync('python3', ['-c', 'import sys; sys.exit(sys.version_info < (3, 11))']).status === 0;

describe('the README shows real output', () => {
  it('has examples to keep true', () => {
    assert.ok(examples.length >= 6, `${examples.length} examples`);
  });

  for (const example of examples) {
    const command = example.args.join(' ');
    const skip = example.args[0] === 'compare' && !hasPython311 ? 'needs python3 3.11+' : false;
    it(`asyncdemo ${command}`, { skip }, () => {
      // A small scale (and one run for check): the same lines, numbers aside.
      const quick = atScale(example.args, '0.05');
      const args = quick[0] === 'check' ? [...quick, '--runs', '2'] : quick;
      assert.deepEqual(
        maskLines(runExample(args)),
        maskLines(example.shown),
        `README drifted from 'asyncdemo ${command}': run npm run readme`,
      );
    });
  }
});
