/**
 * The loop's wake-up: a Node timer for the earliest deadline, never before it. Node's loop then
 * waits in its poll phase (`epoll_wait`) for the first of I/O and the deadline, as asyncio's
 * does, and a wake-up costs what a Node timer costs.
 *
 * libuv counts whole milliseconds from a loop time it cached at its last look, so a timer of
 * `ceil(ms left)` fires 0.1-1 ms after the deadline (asyncio's `epoll_wait` timeout is likewise
 * the time left rounded up to whole milliseconds) and, rarely (14 in 4 000 wake-ups of a busy
 * server here), a little before it: such a wake-up waits again.
 *
 * Measured against the two designs before it (`bench:targets`, see DESIGN.md): blocking on the
 * clock for the last 3 ms was as precise as CPython but held I/O back (a server's median round
 * trip 2.6x raw Node's); a helper thread sleeping in `Atomics.wait` until the deadline did not
 * hold I/O back but cost 1.6x raw Node's CPU and a longer tail of lateness.
 *
 * @module
 */
import { now } from './clock.js';

/** setTimeout's limit (2^31 - 1 ms, about 24.8 days); a longer wait wakes on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/** A one-shot wake-up at a moment of the loop clock (`now()`), in Node's timers phase. */
export class WakeTimer {
  #timer: NodeJS.Timeout | undefined;
  #at = Number.POSITIVE_INFINITY;
  readonly #fire = () => {
    this.#timer = undefined;
    if (now() < this.#at) {
      this.#aim(); // early: libuv's cached clock was behind ours
      return;
    }
    this.#at = Number.POSITIVE_INFINITY;
    this.onWake();
  };

  /** @param onWake called once `now() >= at` for the moment last {@link set}. */
  constructor(private readonly onWake: () => void) {}

  /** Wakes at `at` (monotonic ms, `now()`), never before; replaces the wake-up set before. */
  set(at: number): void {
    this.clear();
    this.#at = at;
    this.#aim();
  }

  /** Withdraws the wake-up, if any (and with it what keeps the process alive). */
  clear(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#at = Number.POSITIVE_INFINITY;
  }

  #aim(): void {
    const left = this.#at - now();
    this.#timer = setTimeout(this.#fire, Math.min(MAX_TIMER_MS, Math.max(1, Math.ceil(left))));
  }
}
