/**
 * The loop's wake-up: a Node timer for the earliest deadline, never before it. Node's loop then
 * waits in its poll phase (`epoll_wait`) for the first of I/O and the deadline, as asyncio's
 * does, and a wake-up costs what a Node timer costs.
 *
 * libuv counts whole milliseconds from a loop time it floors and caches, so a timer of
 * `ceil(ms left)` fires 0-1 ms after the deadline (asyncio's `epoll_wait` timeout is likewise the
 * time left rounded up to whole milliseconds) and now and then up to a millisecond before it
 * (the cached time crossed a millisecond since the timer was set). Two things make the runtime
 * more precise than that, while I/O waits 20 µs at most:
 *
 * - A wake-up that comes early by less than a millisecond finishes by **polling**: rounds of
 *   busy-waiting of up to {@link SPIN_MS}, each in an immediate of its own, until the deadline.
 *   Node's loop goes round between them with a zero poll timeout, so I/O and Node's timers get
 *   in every 20 µs; a new timer of 1 ms would have landed up to a millisecond late.
 * - Polling that reaches the moment, or a timer that lands past it after a stall (a long wait's
 *   at all, a short wait's more than {@link STALL_MS} late), goes **one more round** of Node's
 *   loop before waking the loop's turn, so I/O that arrived before the moment (in the last
 *   round's spin, or while the thread was away) runs first, as asyncio runs the I/O
 *   `epoll_wait` returns before the timers due with it.
 * - A **long wait** (at least {@link LONG_WAIT_MS}) aims its timer {@link LANDING_MS} to 1.25 ms
 *   before the deadline and polls the rest, so it ends within microseconds of it. That costs
 *   about a millisecond of CPU per long wait (1-2 % of a core for a wait of 50 ms after
 *   another), so short waits, which come in dense runs in a busy server, do not do it.
 *
 * Measured against the designs before it (`bench:targets`, see DESIGN.md): blocking on the
 * clock for the last 3 ms was as precise but held I/O back (a server's median round trip 2.6x
 * raw Node's); a helper thread sleeping in `Atomics.wait` until the deadline did not hold I/O
 * back but cost 1.6x raw Node's CPU and a longer tail of lateness; a timer of `ceil(ms left)`
 * alone was 0.5 ms late at the median and 1-1.4 ms at the 99th percentile (CPython: 0.4 ms and
 * 0.5-0.9 ms).
 *
 * @module
 */
import { now, spinUntil } from './clock.js';

/** setTimeout's limit (2^31 - 1 ms, about 24.8 days); a longer wait wakes on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** A wait at least this long lands early and polls to its deadline. */
const LONG_WAIT_MS = 20;
/**
 * How far before the deadline a long wait's timer aims at the least: libuv wakes 0-0.2 ms after
 * the whole millisecond it counts to, so a timer aimed right at the deadline may land after it.
 */
const LANDING_MS = 0.25;
/**
 * How long one round of polling busy-waits before it lets Node's loop go round again: I/O waits
 * at most this long. A round through an immediate alone lasts 1-2 µs and leaves an `Immediate`
 * behind (about 400 bytes): the 400-500 rounds of a millisecond's polling made 90% of a sleeping
 * program's garbage, and the scavenges it caused fell on the deadlines (seven of the eight latest
 * of 400 timeouts had one starting within 0.3 ms before theirs).
 */
const SPIN_MS = 0.02;
/**
 * A short wait's Node timer that fires this much later than it was set for came after a stall
 * (the thread was away), not from libuv's usual lag of up to a millisecond: I/O may be waiting.
 */
const STALL_MS = 1;

/**
 * True if a wake-up for `at` lands its timer early and polls to the moment: it ends within
 * microseconds of it, not 0-1 ms after it as a Node timer (and asyncio's `epoll_wait`) does.
 */
export function pollsToTheMoment(at: number): boolean {
  return at - now() >= LONG_WAIT_MS;
}

/** A one-shot wake-up at a moment of the loop clock (`now()`). */
export class WakeTimer {
  #timer: NodeJS.Timeout | undefined;
  #polling: NodeJS.Immediate | undefined;
  #at = Number.POSITIVE_INFINITY;
  /** The wait is long: its timer lands before the deadline and polling ends it. */
  #landsEarly = false;
  /** Polling reached the moment: one more round of Node's loop comes before the wake-up. */
  #reached = false;
  /** When the Node timer set last should fire (`now()`), to tell a stall from its usual lag. */
  #timerDue = 0;
  readonly #fire = () => {
    const polled = this.#polling !== undefined;
    this.#timer = undefined;
    this.#polling = undefined;
    if (polled && !this.#reached) spinUntil(this.#at, SPIN_MS);
    if (now() < this.#at) {
      this.#aim(true);
      return;
    }
    const stalled = !polled && (this.#landsEarly || now() - this.#timerDue > STALL_MS);
    if ((polled || stalled) && !this.#reached) {
      // The moment came while this round spun, or the timer landed past it after the thread was
      // away (a stall, a loaded machine). I/O that arrived before it is handled first in one
      // more round, as epoll_wait returns it with the timers due and asyncio runs its callbacks
      // first; a Node timer's callback runs before the poll phase that delivers it.
      this.#reached = true;
      this.#polling = setImmediate(this.#fire);
      return;
    }
    this.#reached = false;
    this.#at = Number.POSITIVE_INFINITY;
    this.onWake(polled);
  };

  /**
   * @param onWake called once `now() >= at` for the moment last {@link set}; `inCheckPhase` says
   * it comes from a `setImmediate` (it polled to the deadline, or went one more round after a
   * stall), not from a Node timer.
   */
  constructor(private readonly onWake: (inCheckPhase: boolean) => void) {}

  /**
   * Wakes at `at` (monotonic ms, `now()`), never before; replaces the wake-up set before. A wait
   * that does not poll to its moment waits `waitMs` whole milliseconds at least (asyncio's
   * epoll_wait waits 10 for 9 left, say).
   */
  set(at: number, waitMs = 0): void {
    this.clear();
    this.#at = at;
    this.#landsEarly = pollsToTheMoment(at);
    this.#aim(false, waitMs);
  }

  /**
   * Wakes at `at`, a moment a millisecond or two away, by polling to it from now (through an
   * early timer for what is more than {@link LANDING_MS} past the next millisecond).
   */
  pollTo(at: number): void {
    this.clear();
    this.#at = at;
    this.#landsEarly = true;
    this.#polling = setImmediate(this.#fire);
  }

  /** Withdraws the wake-up, if any (and with it what keeps the process alive). */
  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    if (this.#polling !== undefined) clearImmediate(this.#polling);
    this.#timer = undefined;
    this.#polling = undefined;
    this.#reached = false;
    this.#at = Number.POSITIVE_INFINITY;
  }

  /** `woken`: the timer or the polling came before the deadline; only then it polls. */
  #aim(woken: boolean, waitMs = 0): void {
    const left = this.#at - now();
    const landing = this.#landsEarly ? LANDING_MS : 0;
    if (woken && left < 1 + landing) {
      this.#polling = setImmediate(this.#fire);
      return;
    }
    const ms = this.#landsEarly ? Math.floor(left - landing) : Math.max(Math.ceil(left), waitMs);
    const timerMs = Math.min(MAX_TIMER_MS, Math.max(1, ms));
    this.#timerDue = now() + timerMs;
    this.#timer = setTimeout(this.#fire, timerMs);
  }
}
