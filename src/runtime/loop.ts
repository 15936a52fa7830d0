/**
 * The event loop: asyncio's `_run_once`, on Node.
 *
 * One ready queue and one timer heap. Each turn appends the timers that are due to the ready
 * queue (after the callbacks already there, as asyncio does after its I/O), then runs exactly
 * the callbacks that were ready when the turn began, one at a time; what they schedule runs on
 * the next turn. A callback that resumed a coroutine (a task step) is followed by a full drain of
 * the microtask queue before the next callback runs, so a step ends at the coroutine's next
 * suspension, as `Task.__step` does: the next callback sees the step's whole effect.
 *
 * How the drain is detected: a `process.nextTick` queued from inside a microtask runs only once
 * V8 has drained every microtask (Node's `processTicksAndRejections` loops ticks, then
 * microtasks). So a turn is one macrotask plus a chain of ticks, and Node's timers and I/O run
 * between turns, as asyncio's select runs between its turns.
 *
 * Between turns, with nothing ready, asyncio sleeps in `epoll_wait` until the earliest deadline
 * or I/O, whichever comes first. The loop does the same through Node's: one Node timer for the
 * heap's earliest deadline ({@link WakeTimer}), never early, so Node's loop sleeps in its poll
 * phase until the first of I/O and that deadline. A turn then takes every timer due by the time
 * it starts, as asyncio's takes every timer due by the end of its `select`.
 *
 * @module
 */
import { noteJump, noteTimerSet } from './absorbed.js';
import { msToSeconds, now, resume, skipAhead, standStill } from './clock.js';
import { debugEnabled, noteCallbackDuration } from './debug.js';
import { callExceptionHandler } from './exception-handler.js';
import {
  type After,
  type ReadyCallback,
  ReadyQueue,
  THEN_MICROTASKS,
  THEN_NEXT,
  THEN_STEP_END,
} from './ready-queue.js';
import { selectorWaitMs, selectorWakeTime } from './selector-wake.js';
import { type TimerEntry, TimerHeap } from './timer-heap.js';
import { ioPending, virtualTime } from './virtual-time.js';
import { pollsToTheMoment, WakeTimer } from './wake-timer.js';

const ready = new ReadyQueue();
const timers = new TimerHeap();
const wakeTimer = new WakeTimer(wake);
const RESOLVED = Promise.resolve();

/** The task whose step is running (asyncio's `_current_tasks[loop]`). */
let current: object | undefined;
/**
 * Turns follow each other without a round of Node's loop in between for up to this long (then
 * Node's timers and I/O get their turn). asyncio goes from one turn to the next with only a
 * `select(0)`; a round of Node's loop may run a garbage collection task V8 posted meanwhile,
 * which here costs 0.5-1.5 ms, right where a timeout's cancellation is on its way to the task.
 */
const BURST_MS = 2;
let burstStart = 0;
/** Counts steps, so that a task can tell a wait of this step from one of an earlier step. */
let stepCount = 0;
/** Set when the running step ends (its task suspended or finished). */
let stepEnded = false;
/** Microtask turns waited for the end of the running step so far. */
let hops = 0;
/** Callbacks left to run in this turn. */
let remaining = 0;
let inTurn = false;
let turnScheduled = false;
/** When the loop wakes for its timers, if nothing else wakes it first; Infinity when idle. */
let wakeAt = Number.POSITIVE_INFINITY;
/**
 * When asyncio's wait for the earliest deadline, armed at the last turn's end (or the last timer
 * set from outside a turn), would end: a deadline set later, up to then, ends on the same turn.
 */
let waitEnd = Number.NEGATIVE_INFINITY;
/** The wake-up polls to its moment (a long wait): it takes those deadlines up to `waitEnd`. */
let wakePolls = false;
/** In debug mode, when the running callback began (-1: none is timed) and what it is. */
let timedSince = -1;
let timedFn: ReadyCallback<unknown, unknown> | undefined;
let timedArgument: unknown;
/** Virtual time: the turn scheduled next jumps the clock to the earliest deadline first. */
let jumpPending = false;
/** Called once the running turn has run every callback it took (see {@link atTurnEnd}). */
let turnEndHooks: (() => void)[] = [];

/** The object whose step runs now, set by the task module; `undefined` between steps. */
export function runningStep(): object | undefined {
  return current;
}

/** Marks `task` as the one whose step runs until the microtasks after it have settled. */
export function enterStep(task: object | undefined): void {
  current = task;
  stepCount++;
}

/**
 * Called by a task when its step ends: it suspended on a future, yielded, or its coroutine
 * returned. The loop then goes on after one more microtask turn, without waiting for a full
 * drain of the microtask queue.
 */
export function endStep(task: object): void {
  if (task === current) stepEnded = true;
}

/** A number that changes with every step. */
export function stepNumber(): number {
  return stepCount;
}

/**
 * @internal Calls `fn` once the running turn has run every callback it took, before the next turn
 * begins (at once between turns): where asyncio's `run_forever` looks at `_stopping`, after
 * `_run_once`. A run ends there, as `run_until_complete` stops the loop from a done callback of
 * its task: what that turn took still runs, and what it scheduled waits for the next.
 */
export function atTurnEnd(fn: () => void): void {
  if (inTurn) turnEndHooks.push(fn);
  else fn();
}

/** asyncio's `loop.time()`: the loop's monotonic clock, in notebook seconds. */
export function loopTime(): number {
  return msToSeconds(now());
}

/**
 * asyncio's `call_soon` for the runtime's own callbacks: `fn(a, b)` runs on the next turn.
 * It returns true when microtasks must settle before the next callback (see the module doc).
 */
export function schedule<A, B>(fn: ReadyCallback<A, B>, a: A, b: B): void {
  ready.push(fn, a, b);
  // Armed at once, also in a turn: the next turn then comes before any `setImmediate` queued
  // later, as asyncio runs its ready callbacks before the I/O that comes in meanwhile. (A burst
  // may run that turn first; the immediate then finds less, or nothing, to do.)
  if (!turnScheduled) scheduleTurn();
}

/** Puts `entry` in the timer heap; it fires as a ready callback once its deadline passed. */
export function addTimer(entry: TimerEntry): void {
  timers.push(entry);
  if (virtualTime) noteTimerSet(entry);
  if (inTurn || turnScheduled) return;
  if (entry.deadline < wakeAt) armWaker();
  // Code outside a turn (a Node callback) is a turn of asyncio's, after which it waits anew for
  // the earliest deadline: a long wait's wake-up takes what that wait would take (see `wake`).
  else waitEnd = selectorWakeTime(now(), timers.peek()?.deadline ?? entry.deadline);
}

/** Tells the heap that `entry`, now cancelled, can be dropped. */
export function timerCancelled(entry: TimerEntry): void {
  if (entry.timerSeq === 0) return;
  timers.noteCancelled();
  // The wake-up armed for it would keep the process alive until a deadline nobody wants (a
  // server's pending answer cancelled on close): between turns, arm for the next one instead.
  if (!inTurn && !turnScheduled && timers.isFirst(entry)) armWaker();
}

let turnImmediate: NodeJS.Immediate | undefined;
/** The running turn began in Node's timers phase (a wake-up's timer), not in its check phase. */
let turnInTimersPhase = false;

function scheduleTurn(): void {
  turnScheduled = true;
  turnImmediate = setImmediate(runTurnInCheckPhase);
}

function runTurnInCheckPhase(): void {
  turnInTimersPhase = false;
  runTurn();
}

/**
 * The turn armed next skips this round's check phase: it follows a turn that ran in the timers
 * phase and held the loop past its burst, so Node's timers that fell due meanwhile run before it
 * (as asyncio's next turn takes the timers due by then), in the next round's timers phase.
 */
function deferPastTimersPhase(): void {
  clearImmediate(turnImmediate);
  turnImmediate = setImmediate(() => {
    turnImmediate = setImmediate(runTurnInCheckPhase);
  });
}

function runTurn(): void {
  turnScheduled = false;
  resume();
  if (jumpPending) jump();
  const start = now();
  // Nothing ready and no timer due: a burst ran this turn already. A wake-up already set stays
  // as it is (setting it again from a later now would move it).
  if (ready.size === 0 && !((timers.peek()?.deadline ?? start + 1) <= start)) {
    if (wakeAt === Number.POSITIVE_INFINITY) armWaker();
    return;
  }
  inTurn = true;
  clearWaker();
  burstStart = start;
  beginTurn(start);
  continueTurn();
}

/**
 * Virtual time: nothing was ready at the end of the last turn and no I/O was pending, so the
 * clock moves to the earliest deadline, as if the loop had slept until then; the real time the
 * hop to this turn took is skipped too. Something made ready meanwhile (a Node callback) or I/O
 * begun meanwhile cancels the jump.
 */
function jump(): void {
  jumpPending = false;
  if (ready.size > 0 || !virtualTime || ioPending()) return;
  const first = timers.peek();
  if (first === undefined) return;
  // The deadlines asyncio's wait for the first would take with it: none of them early.
  const target = timers.latestDeadlineUntil(selectorWakeTime(now(), first.deadline));
  noteJump(first);
  skipAhead(target - now());
}

/** Appends the due timers to the ready queue and takes what is ready now as this turn's work. */
function beginTurn(end: number): void {
  for (let first = timers.peek(); first !== undefined && first.deadline <= end; ) {
    timers.pop();
    ready.push(fireTimer, first, undefined);
    first = timers.peek();
  }
  remaining = ready.size;
}

function fireTimer(entry: TimerEntry): After {
  return entry.timerCancelled() ? THEN_NEXT : entry.fire();
}

/**
 * A step usually ends within a microtask turn or two (the coroutine reaches its next await); one
 * that has not after this many (it awaits a plain promise, say) is waited for by a full drain.
 */
const MAX_HOPS = 8;

function continueTurn(): void {
  if (timedSince >= 0) endTiming();
  for (;;) {
    while (remaining > 0) {
      remaining--;
      current = undefined;
      stepEnded = false;
      if (debugEnabled) startTiming();
      const after = ready.runFirst(reportCallbackError);
      if (after === THEN_STEP_END) {
        hops = 0;
        RESOLVED.then(watchStep);
        return;
      }
      if (after === THEN_MICROTASKS) {
        RESOLVED.then(afterMicrotasks);
        return;
      }
      if (timedSince >= 0) endTiming();
    }
    current = undefined;
    if (turnEndHooks.length > 0) runTurnEndHooks();
    if (ready.size === 0) break;
    const time = now();
    if (time - burstStart >= BURST_MS) break;
    // This turn runs now: the immediate armed for it goes, so that one armed later for what
    // this turn schedules keeps its place among other immediates.
    if (turnScheduled) {
      clearImmediate(turnImmediate);
      turnScheduled = false;
    }
    beginTurn(time);
  }
  inTurn = false;
  // Virtual time: the hop to the next turn is the loop's, not the program's.
  if (virtualTime && !ioPending()) standStill();
  if (!turnScheduled) armWaker();
  else if (turnInTimersPhase) deferPastTimersPhase();
}

function runTurnEndHooks(): void {
  const hooks = turnEndHooks;
  turnEndHooks = [];
  for (const hook of hooks) hook();
}

function watchStep(): void {
  if (stepEnded) {
    continueTurn();
    return;
  }
  // Not ended at a wait of the runtime within a microtask: its coroutine may have returned, so
  // its task watches it from now on (see `Task.observeEnd`).
  if (hops === 0) (current as { observeEnd?(): void } | undefined)?.observeEnd?.();
  if (++hops < MAX_HOPS) RESOLVED.then(watchStep);
  else process.nextTick(afterDrain);
}

/** Every microtask has settled and the step has still not ended: it awaits a foreign promise. */
function afterDrain(): void {
  if (!stepEnded) (current as { stepOverran?(): void } | undefined)?.stepOverran?.();
  continueTurn();
}

/** From inside a microtask: a tick queued now runs once every microtask has settled. */
function afterMicrotasks(): void {
  process.nextTick(continueTurn);
}

function reportCallbackError(err: unknown, fn: ReadyCallback<unknown, unknown>, a: unknown): void {
  const call = describeCallback(fn, a);
  callExceptionHandler({ message: `Exception in callback ${call}`, exception: err, handle: call });
}

/** `name(argument)`; a handle's runner shows the handle (`cb(1)`). */
function describeCallback(fn: ReadyCallback<unknown, unknown>, a: unknown): string {
  if (fn === fireTimer || (fn as { runsHandle?: boolean }).runsHandle === true) return String(a);
  const name = (fn as { displayName?: string }).displayName ?? (fn.name || 'callback');
  return `${name}(${a === undefined ? '' : String(a)})`;
}

/** Debug mode: the next callback's start, to report it if it holds the loop too long. */
function startTiming(): void {
  timedFn = ready.firstFunction();
  timedArgument = ready.firstArgument();
  timedSince = now();
}

/** The timed callback (a task's step: up to its suspension) has ended. */
function endTiming(): void {
  const ms = now() - timedSince;
  timedSince = -1;
  const task = current;
  const fn = timedFn as ReadyCallback<unknown, unknown>;
  const a = timedArgument;
  timedFn = timedArgument = undefined;
  noteCallbackDuration(ms, () =>
    task !== undefined ? String(task) : `<Handle ${describeCallback(fn, a)}>`,
  );
}

/**
 * Sets the wake-up for the earliest deadline: Node's loop waits for the first of I/O and the
 * deadline, as asyncio's `select`. With no timer left, withdraws it, so the process can exit.
 */
function armWaker(): void {
  const first = timers.peek();
  if (first === undefined) {
    clearWaker();
    return;
  }
  const deadline = first.deadline;
  if (deadline <= now()) {
    scheduleTurn();
    return;
  }
  if (virtualTime && !ioPending()) {
    clearWaker();
    standStill(); // until the jump: the hop to it is the loop's time, not the program's
    jumpPending = true;
    if (!turnScheduled) scheduleTurn();
    return;
  }
  // asyncio's epoll_wait, counting whole milliseconds, takes the deadlines after the first that
  // are due when it ends (see selector-wake.ts). A long wait polls to its moment, so it polls on
  // to the last of them. A short one is a Node timer as long as that wait, which takes what is
  // due when it lands: polling on from there cost a busy server 11% more CPU (2400 rounds of
  // polling per 1600 wake-ups, against 150 per 1900).
  const time = now();
  waitEnd = selectorWakeTime(time, deadline);
  wakePolls = pollsToTheMoment(deadline);
  const target = wakePolls ? timers.latestDeadlineUntil(waitEnd) : deadline;
  if (target === wakeAt) return;
  wakeAt = target;
  wakeTimer.set(target, selectorWaitMs(deadline - time));
}

/** Forgets the wake-up. */
function clearWaker(): void {
  wakeTimer.clear();
  wakeAt = Number.POSITIVE_INFINITY;
}

/**
 * The wake-up came, never before the deadline: the turn runs at once, in whichever phase of
 * Node's loop it came (the timers phase, or the check phase after polling or a stall, see
 * wake-timer.ts). Through an immediate it would cost Node's loop one more round per wake-up (6%
 * more CPU for 200 tasks that sleep all the time). Node's timers due before the deadline ran in the rounds before, or run in this
 * timers phase before it (Node runs its timer lists by expiry); those that fall due while the
 * turn runs still come before the next turn (see {@link deferPastTimersPhase}).
 */
function wake(inCheckPhase: boolean): void {
  if (wakeAt === Number.POSITIVE_INFINITY) return; // a turn came first and took the timers
  // A deadline set from outside a turn after a long wait was armed, which asyncio's wait takes
  // with the first: polled to, as the first was.
  const last = wakePolls ? timers.latestDeadlineUntil(waitEnd) : wakeAt;
  if (last > now()) {
    wakeAt = last;
    wakeTimer.pollTo(last);
    return;
  }
  wakeAt = Number.POSITIVE_INFINITY;
  if (turnScheduled) return; // the turn armed takes the timers due
  turnInTimersPhase = !inCheckPhase;
  runTurn();
}
