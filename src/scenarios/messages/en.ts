/**
 * English transcript lines (the default): the notebook's lines, translated.
 *
 * @module
 */
import type { Messages } from './types.js';
import { uiEn } from './ui-en.js';

/** The English catalog. */
export const en: Messages = {
  ui: uiEn,
  notes: {
    coro: [
      'A coroutine is what an async function call gives; it runs only when awaited or wrapped in a Task.',
      'A Task wraps a coroutine so that the event loop schedules it.',
      'On Node, a plain async call runs at once up to its first await; a Coro stays lazy like Python’s.',
    ],
    gather: [
      'A blocking call (time.sleep) holds the thread: three waits of 1, 2 and 3 s take 6 s,',
      'and nothing else runs meanwhile, not even the handler of Ctrl+C.',
      'Awaiting them one by one does not help either: still 6 s.',
      'gather() awaits them at once: the loop switches at each await, so they take 3 s, the longest.',
    ],
    cancel: [
      'task.cancel() throws CancelledError into the task where it awaits.',
      'Awaiting a cancelled task raises CancelledError.',
    ],
    taskgroup: [
      'A Task holds its coroutine (Task(coro=coro, ...)).',
      'Tasks in a TaskGroup start when the async with body first awaits, or when it exits.',
      'The group waits for all of them; the first failure cancels the rest.',
    ],
    timeout: [
      'asyncio.timeout(s) cancels the work inside it at the deadline and raises TimeoutError.',
      'bar() (1 s) is done by then; foo() (2 s) is cancelled.',
    ],
    cpu: [
      'CPU-bound code (or a blocking sleep) inside a coroutine blocks the thread: the loop stands still.',
      'Yielding with sleep(0) now and then lets the loop run: func2 and the timeout stay on time.',
    ],
  },
  runTime: (mode, seconds) => `Run time (${mode}): ${seconds.toFixed(2)} s`,

  eagerCall: 'a plain async call ran its body at once (eager)',
  lazyCoro: 'a Coro has not run its body yet (lazy)',
  awaitedCoro: (value) => `await c(): ${value}`,
  taskCreated: (repr) => `created: ${repr}`,
  taskAfterSleep0: (repr) => `after await sleep(0): ${repr}`,
  taskResult: (value) => `task.result(): ${value}`,

  taskRunning: 'task is running...',
  taskCancelled: 'task is cancelled',

  groupStarting: 'Starting TaskGroup()...',
  groupTaskAdded: (repr) => `📥 Task added: ${repr}`,
  groupDone: '✅ TaskGroup() done',
  groupFailed: (message) => `❌ TaskGroupError: ${message}`,
  groupTaskEnded: (repr) => `   ${repr}`,

  startingMain: (name) => `⚙️ Starting ${name}()...`,
  starting: (name) => `🚀 Starting ${name}()...`,
  returned: (name) => `✅ ${name}() returned a value`,
  ok: (name) => `✅ ${name}(): OK`,
  timeoutError: 'TimeoutError',
  httpAnswer: (path, body, seconds) => `📬 ${path}: ${body} after ${seconds.toFixed(2)} s`,
  limitRace: (limit) =>
    `⚖️ a request ends just as the ${limit} s limit does: whether it answers or is aborted depends on a few ms (a limit between two delays is no race)`,
  serverClosedEarly: (count) =>
    `🔌 the server saw ${count} request${count === 1 ? '' : 's'} closed before the answer`,
  workerTerminated: (ms) =>
    `🧵 func1()'s worker thread was terminated: TimeoutError came ${ms.toFixed(1)} ms after the deadline`,
};
