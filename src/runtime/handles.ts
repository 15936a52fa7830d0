/**
 * asyncio's `call_soon`, `call_later` and `call_at`: plain callbacks on the loop, cancellable
 * through the handle they return.
 *
 * @module
 */
import { msToSeconds, secondsToMs } from './clock.js';
import { type CapturedContext, captureContext } from './context.js';
import { callExceptionHandler } from './exception-handler.js';
import { addTimer, loopTime, schedule, timerCancelled } from './loop.js';
import { type After, THEN_MICROTASKS, THEN_NEXT } from './ready-queue.js';
import { pyRepr } from './repr.js';

/** A callback scheduled on the loop (asyncio's `Handle`). */
export class Handle {
  #fn: ((...args: never[]) => unknown) | undefined;
  #args: unknown[];
  #cancelled = false;
  /** The context it was scheduled in, to run in (asyncio's `context=`). */
  readonly #context: CapturedContext | undefined;

  /** @internal Use {@link callSoon}. */
  constructor(fn: (...args: never[]) => unknown, args: unknown[], internal = false) {
    this.#fn = fn;
    this.#args = args;
    // The runtime's own callbacks only move futures: they need no context.
    if (!internal) this.#context = captureContext();
  }

  /** Stops the callback from running, if it has not run yet. */
  cancel(): void {
    this.#cancelled = true;
    this.#fn = undefined;
    this.#args = [];
  }

  /** True once {@link cancel} was called. */
  cancelled(): boolean {
    return this.#cancelled;
  }

  /** `cb(1, 'a')`, as asyncio shows a callback. */
  toString(): string {
    const name = this.#fn?.name || 'callback';
    return `${name}(${this.#args.map(pyRepr).join(', ')})`;
  }

  /**
   * @internal Runs the callback unless cancelled. An error it throws goes to the loop's
   * exception handler. Returns true when microtasks should settle before the next callback.
   */
  run(): After {
    if (this.#cancelled || this.#fn === undefined) return THEN_NEXT;
    if (this.#context === undefined) {
      this.#call();
      return THEN_NEXT;
    }
    this.#context.runInAsyncScope(this.#call, this);
    return THEN_MICROTASKS;
  }

  #call(): void {
    const fn = this.#fn;
    if (this.#cancelled || fn === undefined) return;
    try {
      fn(...(this.#args as never[]));
    } catch (err) {
      callExceptionHandler({
        message: `Exception in callback ${this}`,
        exception: err,
        handle: `${this}`,
      });
    }
  }
}

/** A callback at a deadline (asyncio's `TimerHandle`). */
export class TimerHandle extends Handle {
  /** @internal */
  timerSeq = 0;

  /** @internal Use {@link callAt} or {@link callLater}. */
  constructor(
    /** @internal In monotonic milliseconds. */
    readonly deadline: number,
    fn: (...args: never[]) => unknown,
    args: unknown[],
    internal = false,
  ) {
    super(fn, args, internal);
    addTimer(this);
  }

  /** The deadline in loop time (notebook seconds, as {@link loopTime}). */
  when(): number {
    return msToSeconds(this.deadline);
  }

  override cancel(): void {
    if (this.cancelled()) return;
    super.cancel();
    timerCancelled(this);
  }

  /** @internal */
  timerCancelled(): boolean {
    return this.cancelled();
  }

  /** @internal */
  fire(): After {
    return this.run();
  }
}

function runHandle(handle: Handle): After {
  return handle.run();
}
// The loop shows it as the handle it runs (`cb(1)`), in errors and debug mode's reports.
runHandle.runsHandle = true;

/**
 * Runs `fn(...args)` on the next turn of the loop, after what is already ready.
 *
 * @example
 * const handle = callSoon(console.log, 'later');
 * handle.cancel(); // it will not run
 */
export function callSoon<A extends unknown[]>(fn: (...args: A) => unknown, ...args: A): Handle {
  const handle = new Handle(fn as (...args: never[]) => unknown, args);
  schedule(runHandle, handle, undefined);
  return handle;
}

/** Runs `fn(...args)` once `seconds` (notebook seconds, scaled) have passed; never early. */
export function callLater<A extends unknown[]>(
  seconds: number,
  fn: (...args: A) => unknown,
  ...args: A
): TimerHandle {
  return callAt(loopTime() + seconds, fn, ...args);
}

/** Runs `fn(...args)` at loop time `when` (see {@link loopTime}); at once-ish if it has passed. */
export function callAt<A extends unknown[]>(
  when: number,
  fn: (...args: A) => unknown,
  ...args: A
): TimerHandle {
  return new TimerHandle(secondsToMs(when), fn as (...args: never[]) => unknown, args);
}

/** @internal A runtime callback that only moves futures: no microtask drain after it. */
export function callSoonInternal(fn: () => void): Handle {
  const handle = new Handle(fn, [], true);
  schedule(runHandle, handle, undefined);
  return handle;
}

/** @internal The timer twin of {@link callSoonInternal}; `when` in loop time. */
export function callAtInternal(when: number, fn: () => void): TimerHandle {
  return new TimerHandle(secondsToMs(when), fn, [], true);
}
