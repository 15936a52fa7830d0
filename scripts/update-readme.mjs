// Rewrites the README's example blocks (` $ npx asyncdemo ...`) with what the commands print
// now. Run with `npm run readme` (it builds first); test/cli/readme.test.ts keeps them true.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { findExamples, ROOT, runExample } from '../build/test/helpers/readme.js';

const file = join(ROOT, 'README.md');
const lines = readFileSync(file, 'utf8').split('\n');
// Last first, so earlier indexes stay right while blocks change length.
for (const example of findExamples(lines.join('\n')).reverse()) {
  process.stderr.write(`asyncdemo ${example.args.join(' ')}\n`);
  const output = runExample(example.args);
  lines.splice(example.at + 1, example.shown.length, ...output);
}
writeFileSync(file, lines.join('\n'));
