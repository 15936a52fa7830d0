/**
 * asyncio's `contextvars` on Node: a task's steps and a callback run in the async context
 * (`AsyncLocalStorage` stores) that was current when the task was created or the callback was
 * scheduled, not in whatever context armed the loop's turn.
 *
 * A promise reaction runs in the context current when `then` was called, on every Node (async
 * hooks on 20, AsyncContextFrame from 24). So capturing a context is arming a one-shot promise
 * now and resolving it later: no `AsyncLocalStorage.snapshot()` (an AsyncResource and a bound
 * function on Node 20, 13 µs each), nothing kept once it ran, and no cost at all while no
 * AsyncLocalStorage is in use beyond one promise.
 *
 * @module
 */

/**
 * Returns a function that runs `fn()` in the async context current now, in a microtask of the
 * moment it is called. Call it once. (It takes no value: a value that is a thenable, a Future
 * for one, would be adopted by the promise instead of passed.)
 *
 * @example
 * const runLater = inThisContext(() => console.log(store.getStore()));
 * setImmediate(runLater); // logs the store of the caller of inThisContext
 */
export function inThisContext(fn: () => void): () => void {
  let run!: () => void;
  new Promise<void>((resolve) => {
    run = resolve;
  }).then(fn);
  return run;
}
