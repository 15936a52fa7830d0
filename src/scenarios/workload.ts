/**
 * The `cpu` lesson's work, `i ** i` on big integers: shared by the experiment and by `bench`'s
 * loop-lag probe. (The worker's copy in `cpu.ts` travels as source text, so it stays its own.)
 *
 * @module
 */

// Kept so the engine cannot drop the work as unused.
let lastPower = 0n;

/**
 * Computes `n ** n` for `count` values of `i` from `from`, `n = i % cycle`; returns the next
 * `i`, to go on from.
 *
 * @example
 * for (let i = 0; busy(); ) { i = powers(i, 100, 3000); await sleep(0); }
 */
export function powers(from: number, count: number, cycle: number): number {
  let i = from;
  for (const end = from + count; i < end; i++) {
    const n = BigInt(i % cycle);
    lastPower = n ** n;
  }
  return lastPower >= 0n ? i : -1;
}
