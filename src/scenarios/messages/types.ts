/**
 * The shape of a transcript catalog: every line a scenario prints, as a function of what it
 * reports. One catalog per language.
 *
 * @module
 */

/** The lines and notes of every scenario, in one language. */
export interface Messages {
  /** The notebook's notes for each scenario, by scenario name (shown by `tour`). */
  notes: Record<string, string[]>;
  /** `Время выполнения (async): 3.00 s` */
  runTime(mode: string, seconds: number): string;

  // coro
  eagerCall: string;
  lazyCoro: string;
  awaitedCoro(value: string): string;
  taskCreated(repr: string): string;
  taskAfterSleep0(repr: string): string;
  taskResult(value: string): string;

  // cancel
  taskRunning: string;
  taskCancelled: string;

  // taskgroup
  groupStarting: string;
  groupTaskAdded(repr: string): string;
  groupDone: string;
  groupFailed(message: string): string;
  groupTaskEnded(repr: string): string;

  // timeout and cpu
  /** `⚙️ Запуск get_something()...`: the function that runs the others. */
  startingMain(name: string): string;
  starting(name: string): string;
  returned(name: string): string;
  ok(name: string): string;
  timeoutError: string;
  // http
  /** `📬 /delay/1: '1 s.' after 1.00 s` */
  httpAnswer(path: string, body: string, seconds: number): string;
  /** `🔌 the server saw 2 requests closed before their answer` */
  serverClosedEarly(count: number): string;

  /** cpu --offload: what became of the worker when the timeout cancelled the wait. */
  workerTerminated(msAfterDeadline: number): string;
}
