/**
 * `asyncio.to_thread`, Node's way: run CPU-bound work on a worker thread, so the loop stays free.
 *
 * @module
 */
import { Worker } from 'node:worker_threads';
import type { CancelledError } from './errors.js';
import { Waiter } from './scope.js';

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

class WorkerWaiter<R> extends Waiter<R> {
  private readonly worker: Worker;
  private stopping = false;

  constructor(fnSource: string, args: unknown[]) {
    super();
    this.worker = new Worker(WORKER_SOURCE(fnSource), { eval: true, workerData: args });
    this.worker.once('message', (reply: WorkerReply) => {
      if (reply.ok) this.finish(reply.value as R);
      else this.fail(revive(reply.error));
      void this.stop();
    });
    this.worker.once('error', (err) => this.fail(err));
    this.worker.once('exit', (code) => {
      if (!this.stopping)
        this.fail(new Error(`the worker exited with code ${code} before it answered`));
    });
  }

  private stop(): Promise<number> {
    this.stopping = true;
    return this.worker.terminate();
  }

  protected get kind(): string {
    return 'worker';
  }

  protected interrupt(err: CancelledError): void {
    // The thread is stopped, not abandoned (asyncio's to_thread cannot stop its thread): the
    // cancellation is delivered once the worker has exited, so nothing is left running.
    void this.stop().finally(() => this.fail(err));
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
  fn: (...args: A) => R | Promise<R>,
  ...args: A
): Promise<R> {
  return new WorkerWaiter<R>(fn.toString(), args).suspend();
}
