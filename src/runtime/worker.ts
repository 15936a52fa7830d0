/**
 * `asyncio.to_thread`, Node's way: run CPU-bound work on a worker thread, so the loop stays free.
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import { CancelledError } from './errors.js';
import { awaitFuture, CANCELLED, Future } from './future.js';
import { beginIo, endIo } from './virtual-time.js';

interface WorkerReply {
  ok: boolean;
  value?: unknown;
  error?: { name: string; message: string };
}

// The worker's side: run the function, post back its value or its error, once.
const WORKER_SOURCE = (fnSource: string) => `
// A dynamic import works whether the worker's code is read as a script or as a module (the
// worker inherits --input-type from its parent).
import('node:worker_threads').then(({ parentPort, workerData }) => {
  const fn = (${fnSource});
  Promise.resolve()
    .then(() => fn(...workerData))
    .then(
      (value) => parentPort.postMessage({ ok: true, value }),
      (error) => parentPort.postMessage({
        ok: false,
        error: { name: error?.name ?? 'Error', message: error?.message ?? String(error) },
      }),
    );
});
`;

function revive(error: WorkerReply['error']): Error {
  return Object.assign(new Error(error?.message), { name: error?.name ?? 'Error' });
}

/**
 * A future settled by a worker's reply. Cancelling it stops the thread, and the future is
 * cancelled once the thread has exited, so nothing is left running (asyncio's `to_thread`
 * cannot stop its thread); until then it is pending, as a task that is being cancelled.
 */
class WorkerFuture<R> extends Future<R> {
  private readonly worker: Worker;
  private stopping = false;

  constructor(fnSource: string, args: unknown[]) {
    super();
    this.worker = new Worker(WORKER_SOURCE(fnSource), { eval: true, workerData: args });
    // Pending until the thread has exited: virtual time follows real time meanwhile.
    beginIo();
    this.worker.once('exit', endIo);
    this.worker.once('message', (reply: WorkerReply) => {
      if (this.done() || this.stopping) return;
      if (reply.ok) this.setResult(reply.value as R);
      else this.setException(revive(reply.error));
      void this.stop();
    });
    this.worker.once('error', (err) => {
      if (!this.done() && !this.stopping) this.setException(err);
    });
    this.worker.once('exit', (code) => {
      if (!this.done() && !this.stopping)
        this.setException(new Error(`the worker exited with code ${code} before it answered`));
    });
  }

  private stop(): Promise<number> {
    this.stopping = true;
    return this.worker.terminate();
  }

  override cancel(msg?: string): boolean {
    if (this.done()) return false;
    if (!this.stopping) {
      void this.stop().finally(() => {
        if (!this.done()) this.settle(CANCELLED, new CancelledError(msg));
      });
    }
    return true;
  }

  /** @internal */

  override get waitKind(): string {
    return 'worker';
  }

  /** @internal The runtime's own future: a plain `Future` in reprs, as asyncio's is. */
  protected override get reprName(): string {
    return 'Future';
  }
}

/**
 * Runs `fn(...args)` on a worker thread and resolves to its value; the loop stays free meanwhile.
 * `fn` travels as source text, so it must be self-contained (no closures, no imports from its
 * module) and its arguments and result must be structured-cloneable. Cancelling the awaiting
 * task terminates the worker; the `CancelledError` comes once the thread has stopped.
 *
 * @example
 * const n = await runInWorker((limit: number) => { let s = 0; for (let i = 0; i < limit; i++) s += i; return s; }, 1e9);
 */
export function runInWorker<A extends unknown[], R>(
  fn: (...args: A) => R | PromiseLike<R>,
  ...args: A
): Promise<R> {
  return awaitFuture(new WorkerFuture<R>(fn.toString(), args));
}
