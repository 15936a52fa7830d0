/**
 * Lazy coroutines: what calling an `async def` returns in Python.
 *
 * @module
 */
import { debugEnabled, noteCoroStarted, watchCoro } from './debug.js';
import { pyRepr } from './repr.js';

/**
 * A lazy coroutine: nothing runs until it is awaited (`await c()`) or scheduled (`createTask(c)`),
 * unlike a plain `async` call, which runs eagerly up to its first `await`.
 */
export type Coro<T> = () => PromiseLike<T>;

/**
 * Makes a named lazy coroutine from an async function and its arguments, the way calling an
 * `async def` in Python makes a coroutine object: nothing runs yet, and a task made from it
 * shows the function's name in its repr and the call (`aget_data(2)`) in timelines.
 *
 * @example
 * const c = coro(aget_data, 2);   // aget_data has not run
 * await c();                      // now it runs
 */
export function coro<A extends unknown[], T>(
  fn: (...args: A) => PromiseLike<T>,
  ...args: A
): Coro<T> {
  const lazy = debugEnabled ? watchedCall(fn, args) : () => fn(...args);
  const plain = args.filter((arg) =>
    ['number', 'string', 'boolean', 'bigint'].includes(typeof arg),
  );
  const name = fn.name || 'anonymous';
  Object.defineProperty(lazy, 'name', { value: name });
  // For timelines and traces: the call as it reads in the notebook, objects left out.
  Object.defineProperty(lazy, 'callLabel', {
    configurable: true,
    value: `${name}(${plain.map(pyRepr).join(', ')})`,
  });
  return lazy;
}

/**
 * Gives `c` the call that timelines and traces show for a task made from it (`coro()` sets
 * `aget_data(1)` by itself).
 *
 * @example
 * withCallLabel(coro(fetch_data, url), "fetch_data('/delay/1')");
 */
export function withCallLabel<T>(c: Coro<T>, label: string): Coro<T> {
  Object.defineProperty(c, 'callLabel', { configurable: true, value: label });
  return c;
}

/** Debug mode's coroutine: reported if it is collected before it was called. */
function watchedCall<A extends unknown[], T>(fn: (...args: A) => PromiseLike<T>, args: A) {
  const lazy = () => {
    noteCoroStarted(lazy);
    return fn(...args);
  };
  watchCoro(lazy, fn.name);
  return lazy;
}
