/**
 * asyncio's debug mode (`asyncio.run(main, debug=True)`, `PYTHONASYNCIODEBUG=1`): the loop
 * reports a callback or task step that held it longer than the slow-callback duration, a task
 * that was garbage collected while pending, and a coroutine (`coro()`) that was made but never
 * awaited or scheduled. Here `run(main, { debug: true })`, `setDebug(true)`,
 * `ASYNCDEMO_DEBUG=1` or the CLI's `--debug`.
 *
 * Off, it costs a boolean test per callback. On, every `coro()` and task is registered for
 * collection (about 100 bytes and 0.2 µs each), which is why it is not always on: asyncio
 * warns of a coroutine never awaited in any mode, but its coroutines are objects the garbage
 * collector reports on for free.
 *
 * @module
 */
import { fileURLToPath } from 'node:url';
import { callExceptionHandler } from './exception-handler.js';
import { CollectedFuture } from './unretrieved.js';

/**
 * asyncio's `loop.slow_callback_duration`: 0.1 s of the clock on the wall, not notebook seconds:
 * what holds the loop is real time, whatever the time scale (the CLI shows measured times so too).
 */
const DEFAULT_SLOW_CALLBACK_DURATION = 0.1;

/** @internal True in debug mode; read by the loop on every callback. */
export let debugEnabled = fromEnvironment(process.env.ASYNCDEMO_DEBUG);
let slowCallbackDuration = DEFAULT_SLOW_CALLBACK_DURATION;
/**
 * @internal True once debug mode watched a coroutine or task: from then on a task tells when it
 * starts and ends (debug mode may be off by then).
 */
export let watching = false;

/** `ASYNCDEMO_DEBUG`: on when set to anything but '', '0' or 'false'. */
function fromEnvironment(value: string | undefined): boolean {
  return value !== undefined && !['', '0', 'false'].includes(value.trim().toLowerCase());
}

/**
 * Turns debug mode on or off (asyncio's `loop.set_debug`).
 *
 * @example
 * setDebug(true);
 * createTask(coro(busy)); // "Executing <Task ...> took 0.250 seconds" on stderr
 */
export function setDebug(enabled: boolean): void {
  debugEnabled = enabled;
}

/** True in debug mode (asyncio's `loop.get_debug()`). */
export function getDebug(): boolean {
  return debugEnabled;
}

/**
 * Sets how long a callback or step may hold the loop before debug mode reports it, in seconds on
 * the wall clock (asyncio's `loop.slow_callback_duration`, 0.1 s by default).
 */
export function setSlowCallbackDuration(seconds: number): void {
  if (!(seconds >= 0))
    throw new RangeError(`a duration of 0 s or more was expected, got ${seconds}`);
  slowCallbackDuration = seconds;
}

/** How long a callback may hold the loop before debug mode reports it, in seconds. */
export function getSlowCallbackDuration(): number {
  return slowCallbackDuration;
}

/**
 * @internal A callback ran for `ms`: reported if that is slow, in one line as asyncio's logger
 * does. `what` is the task whose step it was, or the callback as asyncio formats a handle.
 */
export function noteCallbackDuration(ms: number, what: () => string): void {
  const seconds = ms / 1000;
  if (seconds < slowCallbackDuration) return;
  callExceptionHandler({ message: `Executing ${what()} took ${seconds.toFixed(3)} seconds` });
}

interface Unawaited {
  readonly name: string;
  readonly createdAt: string;
}

const unawaited = new FinalizationRegistry<Unawaited>(({ name, createdAt }) => {
  callExceptionHandler({
    message: `coroutine '${name}' was never awaited`,
    sourceTraceback: createdAt,
  });
});

/**
 * @internal In debug mode, watches `lazy`, a coroutine `coro()` made: reported when collected
 * unless {@link noteCoroStarted} was called first.
 */
export function watchCoro(lazy: object, name: string): void {
  watching = true;
  unawaited.register(lazy, { name, createdAt: callerStack() }, lazy);
}

/** @internal The coroutine was awaited or scheduled. */
export function noteCoroStarted(lazy: object): void {
  unawaited.unregister(lazy);
}

const destroyedPending = new FinalizationRegistry<CollectedFuture>((task) => {
  callExceptionHandler({ message: 'Task was destroyed but it is pending!', task });
});

/**
 * @internal In debug mode, a new task: reported if it is collected while pending (nothing can
 * wake it any more), with its repr as it was made.
 */
export function watchTask(task: { readonly name: string }): void {
  watching = true;
  destroyedPending.register(task, new CollectedFuture(task.name, String(task)), task);
}

/** @internal The task is done: no longer watched. */
export function unwatchTask(task: object): void {
  destroyedPending.unregister(task);
}

const RUNTIME_DIRECTORY = fileURLToPath(new URL('.', import.meta.url));

/** Where the caller of the runtime's function was, as asyncio's `source_traceback`. */
function callerStack(): string {
  const stack = new Error().stack ?? '';
  return stack
    .split('\n')
    .slice(1)
    .filter((line) => !line.includes(RUNTIME_DIRECTORY))
    .join('\n');
}
