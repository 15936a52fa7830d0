/**
 * Garbage collection on demand for tests of what happens when an object is collected (V8's
 * `gc`, exposed at run time: the test runner does not pass `--expose-gc`).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Collects garbage and lets FinalizationRegistry callbacks run, round after round, until
 * `done()` is true or `rounds` have passed; returns `done()`.
 */
export async function collectUntil(done: () => boolean, rounds = 30): Promise<boolean> {
  for (let i = 0; i < rounds && !done(); i++) {
    gc();
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return done();
}
