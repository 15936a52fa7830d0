/** The notebook's coroutines, shared by the runtime tests. */
import { sleep } from '../../src/runtime/index.js';

/** The notebook's `aget_data`: sleeps, then says how long. */
export async function aget_data(seconds: number): Promise<string> {
  await sleep(seconds);
  return `${seconds} s.`;
}

/** Sleeps, then throws `Error(message)`. */
export async function fail(seconds: number, message: string): Promise<never> {
  await sleep(seconds);
  throw new Error(message);
}
