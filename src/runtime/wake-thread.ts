/**
 * A precise wake-up that does not block the loop: a helper thread sleeps until the loop's next
 * deadline and then wakes the loop through Node's poll phase. So the loop waits for the first of
 * I/O and the deadline, as asyncio's `epoll_wait` does, and a deadline is met within 0.2-0.5 ms
 * (Node's own timers fire up to 1 ms early and, here, 1-4 ms late).
 *
 * The thread and the loop share a deadline and two sequence numbers: the request (changed with
 * every request) and the last request served. The thread waits on the request number
 * (`Atomics.wait`, so a new request wakes it at once) with a timeout of the time left, then
 * writes the number it served and notifies it. The loop waits for that with `Atomics.waitAsync`,
 * whose wake-up V8 posts to Node's loop as a task (a `postMessage` costs more CPU, and 1000
 * wake-ups a second are common), and ignores a request it has since replaced. The thread is always
 * `unref()`ed: the loop keeps the process alive with a Node timer just after the deadline.
 *
 * @module
 */
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** What the thread receives: the shared numbers and the loop clock's origin on hrtime. */
interface WakeThreadData {
  shared: SharedArrayBuffer;
  originMs: number;
}

/**
 * The thread's code (sent as source: no closures, no imports). Its clock is hrtime less the
 * loop clock's origin, so it reads what the loop's `performance.now()` reads.
 */
function wakeThreadMain({ shared, originMs }: WakeThreadData): void {
  const sequence = new Int32Array(shared, 0, 2); // [request, last request served]
  const deadline = new Float64Array(shared, 8, 1);
  const now = () => {
    const [s, ns] = process.hrtime();
    return s * 1e3 + ns / 1e6 - originMs;
  };
  for (;;) {
    const seq = Atomics.load(sequence, 0);
    const at = deadline[0] as number;
    const left = at - now();
    if (seq === Atomics.load(sequence, 1) || at === Number.POSITIVE_INFINITY) {
      Atomics.wait(sequence, 0, seq); // nothing asked: sleep until the loop asks
    } else if (left > 0) Atomics.wait(sequence, 0, seq, left);
    else {
      Atomics.store(sequence, 1, seq);
      Atomics.notify(sequence, 1);
    }
  }
}

const SOURCE = `import('node:worker_threads').then(({ workerData }) =>
  (${wakeThreadMain.toString()})(workerData));`;

/** `Atomics.waitAsync` (ES2024; in every Node this package runs on). */
const waitAsync = (
  Atomics as unknown as {
    waitAsync(
      array: Int32Array,
      index: number,
      value: number,
    ): { async: false } | { async: true; value: Promise<unknown> };
  }
).waitAsync;

/** The loop's end of the wake-up thread. */
export class WakeThread {
  readonly #shared = new SharedArrayBuffer(16);
  readonly #sequence = new Int32Array(this.#shared, 0, 2);
  readonly #deadline = new Float64Array(this.#shared, 8, 1);
  #worker: Worker | undefined;
  #listening = false;
  readonly #onServed = () => {
    this.#listening = false;
    if (!this.#armed) return;
    if (Atomics.load(this.#sequence, 1) !== Atomics.load(this.#sequence, 0)) {
      this.#listen(); // an earlier request was served; this one is still to come
      return;
    }
    this.#armed = false;
    this.onWake();
  };
  #online = false;
  #armed = false;

  /** @param onWake called in Node's poll phase once the requested deadline has passed. */
  constructor(private readonly onWake: () => void) {
    this.#deadline[0] = Number.POSITIVE_INFINITY;
  }

  /** True once the thread runs (it is started on the first call); until then the loop wakes by its own means. */
  ready(): boolean {
    if (this.#worker === undefined) this.#start();
    return this.#online;
  }

  /**
   * Asks for `onWake` once `now() >= deadline`; replaces the previous request. The thread is
   * woken only when it sleeps with no deadline or with a later one: when it sleeps towards an
   * earlier one, it wakes then, reads the new one and sleeps on, which costs the loop nothing.
   */
  request(deadline: number): void {
    const previous = this.#deadline[0] as number;
    if (this.#armed && deadline === previous) return;
    this.#deadline[0] = deadline;
    // Bumped before reading what the thread served: a thread that serves meanwhile reads the
    // new request after it, so it never sleeps without a deadline while one is asked for.
    const replaced = Atomics.add(this.#sequence, 0, 1);
    const idle = !this.#armed || Atomics.load(this.#sequence, 1) === replaced;
    if (idle || deadline < previous) Atomics.notify(this.#sequence, 0);
    this.#armed = true;
    if (!this.#listening) this.#listen();
  }

  /** Withdraws the request, if any, and lets the process exit. */
  cancel(): void {
    if (!this.#armed) return;
    this.#armed = false;
    this.#deadline[0] = Number.POSITIVE_INFINITY;
    Atomics.add(this.#sequence, 0, 1);
  }

  /** Waits (without blocking) for the thread to serve a request: it notifies `sequence[1]`. */
  #listen(): void {
    const waiting = waitAsync(this.#sequence, 1, Atomics.load(this.#sequence, 1));
    if (!waiting.async) {
      this.#onServed();
      return;
    }
    this.#listening = true;
    waiting.value.then(this.#onServed);
  }

  #start(): void {
    const data: WakeThreadData = {
      shared: this.#shared,
      originMs: hrtimeMs() - performance.now(),
    };
    const worker = new Worker(SOURCE, { eval: true, workerData: data, name: 'asyncdemo wake' });
    this.#worker = worker;
    worker.unref();
    worker.once('online', () => {
      this.#online = true;
    });
    // The thread cannot fail short of the process running out of memory; if it ever stops,
    // the loop goes back to waking by its own means.
    worker.once('exit', () => {
      this.#online = false;
    });
  }
}

function hrtimeMs(): number {
  const [s, ns] = process.hrtime();
  return s * 1e3 + ns / 1e6;
}
