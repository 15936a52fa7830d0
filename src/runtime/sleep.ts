/**
 * `asyncio.sleep` and `time.sleep`.
 *
 * @module
 */
import { now, secondsToMs } from './clock.js';
import { armDeadline, type DeadlineTarget, disarmDeadline } from './deadline.js';
import type { CancelledError } from './errors.js';
import { type Runnable, schedule } from './loop.js';
import { Waiter } from './scope.js';

/**
 * The waiter is its own timer target: a pending sleep is one object, a promise and a Timeout.
 *
 * At its deadline it does not resume the task at once: the wake-up goes through the loop's
 * ready queue, as asyncio's sleep schedules the task's next step with `call_soon`. So when the
 * loop was blocked and a sleep and a timeout are both overdue, the timeout's cancellation lands
 * first and the sleeper gets `CancelledError`, as in asyncio.
 */
class TimerWaiter extends Waiter<void> implements DeadlineTarget, Runnable {
  timerHandle: DeadlineTarget['timerHandle'];
  heapIndex = -1;

  constructor(readonly deadline: number) {
    super();
    armDeadline(this);
  }

  protected get kind(): string {
    return 'sleep';
  }

  onDeadline(): void {
    schedule(this);
  }

  runSoon(): boolean {
    return this.finish(undefined);
  }

  protected interrupt(err: CancelledError): void {
    disarmDeadline(this);
    this.fail(err);
  }
}

class NextTurnWaiter extends Waiter<void> implements Runnable {
  protected get kind(): string {
    return 'sleep';
  }

  constructor() {
    super();
    schedule(this);
  }

  runSoon(): boolean {
    return this.finish(undefined);
  }

  protected interrupt(err: CancelledError): void {
    this.fail(err);
  }
}

function checkSeconds(seconds: number): void {
  if (!(seconds >= 0)) throw new RangeError(`seconds must be a number >= 0, got ${seconds}`);
}

/**
 * Suspends the current task for `seconds` (notebook seconds, scaled), giving the thread back to
 * the loop. Resumes at the deadline, never early (see `deadline.ts` for how). Cancellable: a cancel rejects it with `CancelledError`.
 *
 * `sleep(0)` yields one whole turn of the loop (`setImmediate`), not a microtask, so timers and
 * I/O that are due get to run, as asyncio's `sleep(0)` lets other ready callbacks run.
 *
 * @example
 * await sleep(1);   // 1 s at scale 1, 0.1 s at --scale 0.1
 */
export function sleep(seconds: number): Promise<void> {
  checkSeconds(seconds);
  const waiter =
    seconds === 0 ? new NextTurnWaiter() : new TimerWaiter(now() + secondsToMs(seconds));
  return waiter.suspend();
}

const blocker = new Int32Array(new SharedArrayBuffer(4));

/** How close to the end a blocking sleep stops waiting and watches the clock. */
const BLOCK_SPIN_MS = 0.5;

/**
 * Blocks the whole thread for `seconds` (scaled), like Python's `time.sleep`: no timer, no I/O,
 * no other task runs meanwhile. Only for showing what blocking does.
 */
export function blockingSleep(seconds: number): void {
  checkSeconds(seconds);
  const deadline = now() + secondsToMs(seconds);
  // Atomics.wait overruns by about 0.1% (1.5 ms in 2 s here) plus a little: wait to just short
  // of the deadline, then watch the clock for the last half millisecond, so the block is
  // neither short nor long.
  for (let left = deadline - now(); left > BLOCK_SPIN_MS; left = deadline - now()) {
    Atomics.wait(blocker, 0, 0, left - BLOCK_SPIN_MS - left / 100);
  }
  while (now() < deadline) {
    // spin: this is the blocking the notebook shows
  }
}
