/**
 * asyncio's "Task exception was never retrieved": a task or future that failed and whose error
 * nobody read (not awaited, no `result()`/`exception()`, not in a gather, a group or a shield) is
 * reported through the exception handler when it is garbage collected, or, while it is still
 * alive, when {@link reportUnretrievedErrors} is called (the CLI does at the end of each run).
 *
 * Only failed futures are tracked: the cost of a task that succeeds or is cancelled is nothing.
 *
 * @module
 */
import { callExceptionHandler } from './exception-handler.js';

/** What is left to report once the future itself is gone. */
interface Failure {
  readonly message: string;
  readonly exception: unknown;
  readonly key: 'task' | 'future';
  /** Its repr when it failed, for the report after it was collected. */
  readonly repr: string;
  readonly name: string | undefined;
  readonly ref: WeakRef<object>;
}

/** Stands for a task or future that was garbage collected: its name and repr, as it failed. */
export class CollectedFuture {
  constructor(
    /** The task's name (`Task-3`), if it was a task. */
    readonly name: string | undefined,
    readonly repr: string,
  ) {}

  toString(): string {
    return this.repr;
  }
}

const failures = new WeakMap<object, Failure>();
const alive = new Set<WeakRef<object>>();
const registry = new FinalizationRegistry<Failure>((failure) => {
  alive.delete(failure.ref);
  report(failure, new CollectedFuture(failure.name, failure.repr));
});

function report(failure: Failure, subject: object): void {
  callExceptionHandler({
    message: failure.message,
    exception: failure.exception,
    [failure.key]: subject,
  });
}

/**
 * Failures noted and still unread since the last {@link trackUnread} (each future's error and
 * kind), held strongly until then: most are retrieved within a turn or two, and leave it.
 */
let unread = new Map<object, { exception: unknown; kind: string }>();

/**
 * @internal Notes that `future` failed with `exception`; `kind` names it in the message (`Task`,
 * `Future`, `_GatheringFuture`), as asyncio's `{cls} exception was never retrieved`.
 *
 * Only noted here: what tracking costs (the error's stack formatted, the repr, a WeakRef and the
 * registry) is paid in an immediate after the turn, by those still unread then. A failure its
 * awaiting task, gather, group or `waitFor` reads in the turns that follow (most of them) costs
 * nothing more. Tracked on the spot, a `waitFor`'s task failing after a sleep took 250 µs from
 * its error to the code that caught it (cold, after the loop had slept); deferred, 120.
 */
export function noteFailure(future: object, exception: unknown, kind: string): void {
  if (unread.size === 0) setImmediate(trackUnread).unref();
  unread.set(future, { exception, kind });
}

/** Tracks the failures noted since the last time and still unread. */
function trackUnread(): void {
  const batch = unread;
  unread = new Map();
  for (const [future, { exception, kind }] of batch) track(future, exception, kind);
}

function track(future: object, exception: unknown, kind: string): void {
  // An error's stack is formatted lazily from frames that hold their receivers: the task itself
  // (its #start). Formatting it now lets the task be collected while its error is kept.
  if (exception instanceof Error) void exception.stack;
  const ref = new WeakRef(future);
  const failure: Failure = {
    message: `${kind} exception was never retrieved`,
    exception,
    key: kind === 'Task' ? 'task' : 'future',
    repr: String(future),
    name: (future as { name?: string }).name,
    ref,
  };
  failures.set(future, failure);
  alive.add(ref);
  registry.register(future, failure, future);
}

/** @internal Its error was read (or it was cancelled after failing): nothing to report. */
export function noteRetrieved(future: object): void {
  if (unread.delete(future)) return;
  const failure = failures.get(future);
  if (failure === undefined) return;
  failures.delete(future);
  alive.delete(failure.ref);
  registry.unregister(future);
}

/**
 * Reports every failed task and future still alive whose error nobody retrieved, as asyncio does
 * when `asyncio.run` closes its loop; each is reported once. Returns how many there were.
 *
 * @example
 * await main();
 * reportUnretrievedErrors(); // "Task exception was never retrieved" for each one left
 */
export function reportUnretrievedErrors(): number {
  trackUnread();
  let count = 0;
  for (const ref of [...alive]) {
    const future = ref.deref();
    if (future === undefined) continue; // collected: the registry reports it
    const failure = failures.get(future) as Failure;
    noteRetrieved(future);
    report(failure, future);
    count++;
  }
  return count;
}
