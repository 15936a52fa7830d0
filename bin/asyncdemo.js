#!/usr/bin/env node
import { setFlagsFromString } from 'node:v8';

// In virtual time the clock counts the code that runs, and V8 compiling a function on its first
// call (then interpreting it) is such code: 0.5-0.8 ms in a lesson's first run. Compiled eagerly
// and to baseline code up front (the CLI starts about 50 ms later), a first run is 0.2-0.5 ms
// off its ideal, as the later ones. The optimising tiers stay off: their work on the main thread
// (installing optimised code, deoptimising) put one run in twenty 1-2 ms off, and the runs'
// own code is too short to gain from them (CPU-bound work runs for the time it is given). A
// young generation of up to 32 MB (V8's default is 16) makes the scavenges inside a run rarer.
const clock = process.argv.indexOf('--clock');
if (
  (clock > 0 && process.argv[clock + 1] === 'virtual') ||
  process.argv.includes('--clock=virtual') ||
  process.env.ASYNCDEMO_CLOCK === 'virtual'
)
  setFlagsFromString('--no-lazy --always-sparkplug --no-opt --no-maglev --max-semi-space-size=32');

const { main } = await import('../dist/cli.js');
process.exitCode = await main(process.argv);
