/**
 * The promise a task's coroutine awaits for one wait (a sleep, a lock, a task...).
 *
 * A task watches its coroutine's own promise only once it has to (see `Task.observeEnd`): a task
 * that only ever suspends on the runtime's waits ends inside one of its steps, where the loop
 * sees it. A coroutine that passes its wait to something else (`Promise.race([sleep(5), fetch(url)])`,
 * `Promise.all`, a `.then`) may go on and end outside its steps, when that other thing settles.
 * Those all call the wait's `then`; a plain `await` does not (V8 awaits a native promise
 * directly). So `then` is where the task learns that it must watch its coroutine.
 *
 * @module
 */
import { runningStep } from './loop.js';

/** A task that can be told to watch its coroutine's end. @internal */
interface EndObserver {
  observeEnd(): void;
}

/** A native promise whose `then` tells the running task to watch its coroutine's end. @internal */
export class StepPromise<T> extends Promise<T> {
  // biome-ignore lint/suspicious/noThenProperty: a promise's own method, hooked.
  override then<R1 = T, R2 = never>(
    onFulfilled?: ((value: T) => R1 | PromiseLike<R1>) | null,
    onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null,
  ): Promise<R1 | R2> {
    (runningStep() as Partial<EndObserver> | undefined)?.observeEnd?.();
    return super.then(onFulfilled, onRejected);
  }
}

// Its `constructor` is `Promise`: `await` then takes it as a native promise, with no extra turn
// (it calls a promise's `then` only when its constructor is another), and the promises its
// `then` makes are plain ones.
Object.defineProperty(StepPromise.prototype, 'constructor', {
  value: Promise,
  writable: true,
  configurable: true,
});
