/**
 * Cancellation scopes: every task, `timeout` and `taskGroup` is one. A scope links to its parent
 * while it is active, so a cancellation reaches every wait below it, and unlinks on exit, so a
 * timeout that fired cannot touch later awaits (asyncio's cancellation is edge-triggered).
 *
 * A scope interrupts the primitive it waits on through a plain method call, as an asyncio task
 * cancels its `_fut_waiter`: no AbortController, no listeners, so a pending task stays small.
 *
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { CancelledError } from './errors.js';
import { type EventSource, publishTaskEvent } from './events.js';

/** The innermost active scope of the running code; rides along every await. */
const context = new AsyncLocalStorage<Scope>();

/** The innermost scope of the code running now, if it runs inside a task or scope. */
export function currentScope(): Scope | undefined {
  return context.getStore();
}

/** Runs `fn` with `scope` as the innermost scope of everything it starts. */
export function runInScope<R, A extends unknown[]>(
  scope: Scope,
  fn: (...args: A) => R,
  ...args: A
): R {
  return context.run(scope, fn, ...args);
}

/** A node in the cancellation tree. */
export class Scope {
  /** The scope this one is nested in, or `undefined` for a task or a top-level scope. */
  readonly parent: Scope | undefined;
  /** The task this scope belongs to; `undefined` outside any task. */
  owner: EventSource | undefined;
  private children: Set<Scope> | undefined;
  private waiters: Waiter<unknown> | Set<Waiter<unknown>> | undefined;
  /** A cancellation that found nothing to interrupt: the next wait at or below here throws it. */
  private pendingCancel: CancelledError | undefined;

  constructor(parent?: Scope) {
    this.parent = parent;
    this.owner = parent?.owner;
    if (parent === undefined) return;
    parent.children ??= new Set();
    parent.children.add(this);
  }

  /** Detaches from the parent: a later cancellation of the parent no longer reaches here. */
  unlink(): void {
    this.parent?.children?.delete(this);
    this.pendingCancel = undefined;
  }

  /**
   * Cancels this scope: interrupts every wait at or below it, or, when nothing waits, leaves the
   * error pending for the next wait.
   */
  requestCancel(err: CancelledError): void {
    if (!this.interruptWaits(err)) this.pendingCancel = err;
  }

  /** True while a cancellation of this very scope is still undelivered. */
  hasPendingCancel(): boolean {
    return this.pendingCancel !== undefined;
  }

  /** Removes and returns an undelivered cancellation of this scope or any scope above it. */
  takePendingCancel(): CancelledError | undefined {
    for (let scope: Scope | undefined = this; scope !== undefined; scope = scope.parent) {
      const err = scope.pendingCancel;
      if (err !== undefined) {
        scope.pendingCancel = undefined;
        return err;
      }
    }
    return undefined;
  }

  private interruptWaits(err: CancelledError): boolean {
    let reached = false;
    const waiters = this.waiters;
    if (waiters !== undefined) {
      this.waiters = undefined;
      reached = true;
      if (waiters instanceof Set) for (const waiter of waiters) waiter.interruptFromScope(err);
      else waiters.interruptFromScope(err);
    }
    if (this.children !== undefined) {
      for (const child of this.children) if (child.interruptWaits(err)) reached = true;
    }
    return reached;
  }

  /** @internal */
  addWaiter(waiter: Waiter<unknown>): void {
    const waiters = this.waiters;
    if (waiters === undefined) this.waiters = waiter;
    else if (waiters instanceof Set) waiters.add(waiter);
    else this.waiters = new Set([waiters, waiter]);
  }

  /** @internal */
  removeWaiter(waiter: Waiter<unknown>): void {
    const waiters = this.waiters;
    if (waiters === waiter) this.waiters = undefined;
    else if (waiters instanceof Set) waiters.delete(waiter);
  }
}

/**
 * A wait on one runtime primitive, which a cancellation can interrupt. Subclasses start the
 * operation, call `finish`/`fail` when it ends, and say in `interrupt` how to stop it.
 */
export abstract class Waiter<T> {
  readonly promise: Promise<T>;
  private resolvePromise!: (value: T) => void;
  private rejectPromise!: (reason: unknown) => void;
  private scope: Scope | undefined;
  /** The task suspended here, for its `resumed` event. */
  private task: EventSource | undefined;
  private settled = false;

  constructor() {
    this.promise = new Promise<T>((resolve, reject) => {
      this.resolvePromise = resolve;
      this.rejectPromise = reject;
    });
  }

  /** What this waits on, for `awaiting` events (`sleep`, `task`, …). */
  protected abstract get kind(): string;

  /** Stops the operation; it must end, now or later, in `finish` or `fail`. */
  protected abstract interrupt(err: CancelledError): void;

  /** @internal Called by the scope, which has already forgotten this waiter. */
  interruptFromScope(err: CancelledError): void {
    this.scope = undefined;
    if (!this.settled) this.interrupt(err);
  }

  /**
   * Registers this wait with the current scope and returns its promise. A cancellation already
   * pending there rejects at once, after `interrupt` has stopped the operation.
   */
  suspend(scope: Scope | undefined = currentScope()): Promise<T> {
    if (scope === undefined || this.settled) return this.promise;
    const pending = scope.takePendingCancel();
    if (pending !== undefined) {
      this.interrupt(pending);
      return this.promise;
    }
    this.scope = scope;
    scope.addWaiter(this as Waiter<unknown>);
    this.task = scope.owner;
    if (this.task !== undefined) publishTaskEvent('awaiting', this.task, this.kind);
    return this.promise;
  }

  protected get isSettled(): boolean {
    return this.settled;
  }

  /** Resolves the wait, unless it already ended; returns whether it did. */
  protected finish(value: T): boolean {
    if (!this.detach()) return false;
    this.resolvePromise(value);
    return true;
  }

  /** Rejects the wait, unless it already ended; returns whether it did. */
  protected fail(reason: unknown): boolean {
    if (!this.detach()) return false;
    this.rejectPromise(reason);
    return true;
  }

  private detach(): boolean {
    if (this.settled) return false;
    this.settled = true;
    const scope = this.scope;
    if (scope !== undefined) {
      this.scope = undefined;
      scope.removeWaiter(this as Waiter<unknown>);
    }
    if (this.task !== undefined) publishTaskEvent('resumed', this.task);
    return true;
  }
}
