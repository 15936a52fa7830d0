/**
 * asyncio's `contextvars` on Node: a task's steps and a callback run in the async context
 * (`AsyncLocalStorage` stores) that was current when the task was created or the callback was
 * scheduled, not in whatever context armed the loop's turn.
 *
 * The context is captured in an `AsyncResource` (Node 24+ keeps the context frame in it; Node 20
 * and 22 copy the stores into it, when an AsyncLocalStorage is in use), run in once, then
 * dropped. Its `Context` of context variables (`context-vars.ts`) is a copy of the current one,
 * as asyncio copies the `contextvars` context for every task and callback. A task needs it for its
 * first step only: every later step resumes where the coroutine awaited, in the context of that
 * await. (A one-shot promise armed at creation does the same, at 280 bytes more per task not yet
 * started: a million tasks in a group took 1.1 GB.)
 *
 * @module
 */
import { AsyncResource } from 'node:async_hooks';
import { type Context, inContext, inCopiedContext } from './context-vars.js';

/** The async context current now, to run code in later: `context.runInAsyncScope(fn, self)`. */
export type CapturedContext = AsyncResource;

/**
 * Captures the async context current now.
 *
 * @example
 * const context = captureContext();
 * setImmediate(() => context.runInAsyncScope(() => console.log(store.getStore())));
 */
export function captureContext(): CapturedContext {
  return inCopiedContext(newResource);
}

/** Captures the async context current now, with `context` as its Context of context variables. */
export function captureContextIn(context: Context): CapturedContext {
  return inContext(context, newResource);
}

function newResource(): AsyncResource {
  return new AsyncResource('asyncdemo');
}
