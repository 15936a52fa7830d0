/**
 * The shape of a transcript catalog: every line a scenario prints, as a function of what it
 * reports. One catalog per language.
 *
 * @module
 */

/** What asyncdemo itself prints around a transcript (tables, outcome, charts, tour). */
export interface UiText {
  /** Each experiment's title, by name. */
  titles: Record<string, string>;
  /** ` (scale 0.1, virtual time)` after a title; '' at scale 1 in real time. */
  runNote(scale: number, virtual: boolean): string;
  /** `, compared` after the title of `--compare`'s table. */
  compared: string;
  /** `, 5 runs: this is the first` after a title. */
  firstOfRuns(runs: number): string;
  head: {
    timing: string;
    measured: string;
    /** The measured column's head in virtual time. */
    measuredVirtual: string;
    ideal: string;
    difference: string;
    medianSigma: string;
    range: string;
    variant: string;
    maxLoopLag: string;
    outcome: string;
  };
  /** `async is 2.00x faster than sync (ideal 2.00x)` */
  faster(fast: string, slow: string, measured: string, ideal: string): string;
  /** `off the ideal: gather.async 3.10 s, +100.0 ms off 3.00 s (allowed ±150 ms)` */
  offIdeal(id: string, actual: string, off: string, ideal: string, allowedMs: number): string;
  /** `off the ideal: timeout.cancelled 0, expected 1` */
  offExpected(id: string, actual: number, expected: number): string;
  loopLag(maxMs: number, p99Ms: number, busyPercent: number): string;
  /** `outcome: TimeoutError` */
  outcome: string;
  /** Said after an outcome that is the lesson's planned end, not a failure. */
  lessonEnd: string;
  /**
   * A cancellation that reached its task late, because the task awaited a promise the runtime
   * cannot interrupt: `Task-13 was cancelled at 1.50 s but awaited … until 2.00 s (+500 ms): …`.
   */
  lateCancel(task: string, askedS: number, deliveredS: number, plusMs: number): string;
  /** `(5 runs after 1 warm-up, the transcript is the first's; outcomes varied: …)` */
  runsNote(measured: number, warmup: number, varied: string): string;
  legend: {
    running: string;
    cancelled: string;
    failed: string;
    timeout: string;
    blocked: string;
    /** A wait on a promise that is not the runtime's (a bare `fetch`). */
    foreign: string;
    /** Ready, its wait over, while the loop ran something else. */
    ready: string;
    /** The outline of the chain `--explain` names, on the SVG. */
    chain: string;
    /** The families of waits: a sleep, awaiting tasks or futures, in line at a primitive, I/O. */
    families: Record<'sleep' | 'await' | 'line' | 'io' | 'foreign', string>;
    /** The chart's axis. */
    time: string;
  };
  /** The words of the chart's tooltips. */
  tip: {
    /** Before the tasks a wait was on: `awaiting Task-8 aget_data(1), …`. */
    awaiting: string;
    /** Before the task whose step ended a wait. */
    endedBy: string;
    /** Before the moment a wait was over, when the task resumed later. */
    overAt: string;
    /** Before the deadline of the timeout the task ran under. */
    deadline: string;
  };
  /** `--explain`'s words. */
  explain: ExplainText;
  /** `── 2. sync vs async (IO-bound)` */
  tourHeading(index: number, title: string): string;
  /** The tour's page title (`--html`). */
  tourTitle: string;
  /** Why `http` is not one of the tour's stops. */
  tourWithoutHttp: string;
  /**
   * A transcript line the notebook does not print, made visible as an addition where the
   * transcript is otherwise the notebook's word for word (`ru`).
   */
  addition(text: string): string;
}

/** The lines and notes of every scenario, in one language. */
export interface Messages {
  /** What asyncdemo prints around the transcript. */
  ui: UiText;
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
  /** http --limit equal to when a request ends: the two race. */
  limitRace(limit: number): string;
  /** `🔌 the server saw 2 requests closed before their answer` */
  serverClosedEarly(count: number): string;

  /** cpu --offload: what became of the worker when the timeout cancelled the wait. */
  workerTerminated(msAfterDeadline: number): string;
}

/**
 * `--explain`'s words. Names are tasks' short names (`aget_data(3)`), shares are amounts with
 * their unit (`1.00 + 2.00 + 3.00 s`), moments and durations are formatted (`1.00 s`).
 */
export interface ExplainText {
  /** The line above the explanations. */
  heading: string;
  /** The label of the whole run's explanation. */
  run: string;
  /** Tasks that ran one after another, holding the loop. */
  blocked(names: readonly string[], shares: string): string;
  /** Tasks that ran one after another, in steps too short to block the loop. */
  ran(names: readonly string[], shares: string): string;
  /** `off`'s `what`: the tasks that kept the loop busy, with how long each. */
  busyWith(holders: ReadonlyArray<{ name: string; time: string }>): string;
  /** Tasks that slept, one after another (one task: it slept). */
  slept(names: readonly string[], shares: string): string;
  /** Tasks that waited on `kind` (`semaphore`, `signal`, …), one after another. */
  waited(names: readonly string[], kind: string, shares: string): string;
  /** Appended to a wait a timeout cut: the timeout was entered at `since`. */
  cut(since: string): string;
  /** A task ready at `readyAt` that ran at `ranAt`: the tasks that held the loop meanwhile. */
  ready(
    task: string,
    readyAt: string,
    ranAt: string,
    holders: ReadonlyArray<{ name: string; time: string }>,
  ): string;
  /** What no phrase covers. */
  rest(time: string): string;
  /** A timing off its ideal by `by`: the parts of the chain that were not waiting. */
  off(by: string, what: string): string;
  /** `off`'s `what` when every part was waiting. */
  allWaiting: string;
}
