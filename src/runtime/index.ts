/**
 * asyncdemo's runtime: asyncio's event loop, Task, Future, gather, TaskGroup, timeout,
 * cancellation and the rest, with asyncio's semantics, on Node. Durations are notebook seconds,
 * scaled by {@link setTimeScale}.
 *
 * @example
 * import { coro, gather, sleep, taskGroup, timeout } from 'asyncdemo';
 *
 * async function aget_data(s: number) { await sleep(s); return `${s} s.`; }
 * await gather(coro(aget_data, 1), coro(aget_data, 2), coro(aget_data, 3)); // 3 s, not 6
 *
 * @module
 */

export { withAbortSignal } from './abort.js';
export { allTasks } from './all-tasks.js';
export { Barrier } from './barrier.js';
export { getTimeScale, msToSeconds, now, secondsToMs, setTimeScale } from './clock.js';
export { Condition } from './condition.js';
export {
  Context,
  ContextVar,
  type ContextVarOptions,
  copyContext,
  LookupError,
  Token,
} from './context-vars.js';
export { type Coro, coro, withCallLabel } from './coro.js';
export {
  getDebug,
  getSlowCallbackDuration,
  setDebug,
  setSlowCallbackDuration,
} from './debug.js';
export { type Awaitable, ensureFuture } from './ensure-future.js';
export {
  BrokenBarrierError,
  CancelledError,
  InvalidStateError,
  isCancelled,
  KeyboardInterrupt,
  TaskGroupError,
  TimeoutError,
} from './errors.js';
export { TASK_EVENTS, type TaskEvent, type TaskEventType } from './events.js';
export {
  callExceptionHandler,
  type ExceptionContext,
  type ExceptionHandler,
  getExceptionHandler,
  setExceptionHandler,
} from './exception-handler.js';
export { type LateCancelWarning, RUNTIME_WARNINGS } from './foreign.js';
export { type DoneCallback, Future } from './future.js';
export { type GatherOptions, type GatherResults, gather } from './gather.js';
export { callAt, callLater, callSoon, Handle, TimerHandle } from './handles.js';
export { BoundedSemaphore, Event, Lock, Semaphore } from './locks.js';
export { loopTime } from './loop.js';
export { LifoQueue, PriorityQueue, Queue, QueueEmpty, QueueFull } from './queue.js';
export { pyRepr } from './repr.js';
export { type RunOptions, run } from './run.js';
export { Runner, type RunnerOptions, type RunnerRunOptions } from './runner.js';
export { shield } from './shield.js';
export { blockingSleep, sleep } from './sleep.js';
export { createTask, currentTask, Task, type TaskCallback, type TaskOptions } from './task.js';
export { TaskGroup, taskGroup } from './task-group.js';
export { Timeout, timeout, timeoutAt } from './timeout.js';
export { CollectedFuture, reportUnretrievedErrors } from './unretrieved.js';
export { isVirtualTime, offTheClock, setVirtualTime, withVirtualClock } from './virtual-time.js';
export {
  ALL_COMPLETED,
  asCompleted,
  FIRST_COMPLETED,
  FIRST_EXCEPTION,
  type ReturnWhen,
  wait,
} from './wait.js';
export { waitFor } from './wait-for.js';
export { runInWorker } from './worker.js';

// Compile the runtime's paths before user code runs (see warm-up.ts).
await (await import('./warm-up.js')).warmUp();
