/**
 * asyncio's `contextvars`: `ContextVar`, `Token`, `Context` and `copyContext`, on one
 * AsyncLocalStorage whose store is the current `Context`, a mutable map of variables to values.
 *
 * As in Python, a task runs every step in one Context (a copy of its creator's, or the one given
 * as `createTask(coro, { context })`), so what it sets stays its own and lasts across its awaits;
 * `callSoon`, `callLater`, `callAt` and done callbacks run in a copy of the context of their call.
 * Node carries the store from a step to the code after each `await`, so every step of a task sees
 * the same Context object: a `set` in one is read in the next, and by whoever shares the Context.
 * Code outside any task and any `Context.run` is in one root Context, as a thread's main one.
 *
 * An AsyncLocalStorage of your own is carried the same way; these add what it lacks: a shared,
 * mutable context to run tasks in (test_context_4 to _6), and `set` with a token to undo it.
 *
 * @example
 * const requestId = new ContextVar<string>('requestId', { default: '-' });
 * async function handle(id: string) {
 *   requestId.set(id);
 *   await gather(() => log('start'), () => log('work')); // each child reads id
 * }
 *
 * @module
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { InvalidStateError } from './errors.js';
import { pyRepr, recursiveRepr } from './repr.js';

/** Raised by `ContextVar.get()` for a variable with no value and no default (Python's LookupError). */
export class LookupError extends Error {
  override name = 'LookupError';
}

const storage = new AsyncLocalStorage<Context>();
/** The values of every empty context, never written (a write clones it first). */
const NO_VALUES = new Map<ContextVar<unknown>, unknown>();
/** Until a ContextVar exists there is nothing to copy: tasks and callbacks capture as before. */
let varsInUse = false;
/** No value: `Token.oldValue` of a variable that had none (Python's `Token.MISSING`). */
const MISSING: unique symbol = Symbol('Token.MISSING');

/**
 * A mapping of context variables to values: what `copyContext()` returns and a task runs in.
 * Mutable: `ContextVar.set` while it is current changes it for everyone that runs in it.
 */
export class Context {
  // Shared with its copies until one of them writes, which then clones it: a copy is O(1), as
  // Python's (an immutable map inside), and a task that sets nothing costs no map of its own.
  #values: Map<ContextVar<unknown>, unknown>;
  /** Its map is its own (else another context may read it too). */
  #owned: boolean;
  #entered = false;

  /** An empty context (Python's `contextvars.Context()`); see {@link copyContext} for a copy. */
  constructor(values?: Iterable<[ContextVar<unknown>, unknown]>) {
    this.#values = values === undefined ? NO_VALUES : new Map(values);
    this.#owned = values !== undefined;
  }

  /** The value of `variable` in this context, else `fallback` (undefined if none given). */
  get<T>(variable: ContextVar<T>, fallback?: T): T | undefined {
    const values = this.#values;
    return values.has(variable) ? (values.get(variable) as T) : fallback;
  }

  /** True if `variable` has a value in this context. */
  has(variable: ContextVar<unknown>): boolean {
    return this.#values.has(variable);
  }

  /** How many variables have a value. */
  get size(): number {
    return this.#values.size;
  }

  /** The variables with a value. */
  keys(): IterableIterator<ContextVar<unknown>> {
    return this.#values.keys();
  }

  /** Their values. */
  values(): IterableIterator<unknown> {
    return this.#values.values();
  }

  /** The variables with a value, and their values (Python's `items()`). */
  entries(): IterableIterator<[ContextVar<unknown>, unknown]> {
    return this.#values.entries();
  }

  [Symbol.iterator](): IterableIterator<ContextVar<unknown>> {
    return this.#values.keys();
  }

  /** A shallow copy (Python's `Context.copy()`). */
  copy(): Context {
    const copy = new Context();
    copy.#values = this.#values;
    this.#owned = false;
    return copy;
  }

  /**
   * Calls `fn(...args)` with this context current: what it sets stays in this context, and async
   * work it starts goes on in it. @throws InvalidStateError if this context is being run already.
   */
  run<A extends unknown[], R>(fn: (...args: A) => R, ...args: A): R {
    if (this.#entered)
      throw new InvalidStateError(`cannot enter context: ${this} is already entered`);
    this.#entered = true;
    try {
      return storage.run(this, fn, ...args);
    } finally {
      this.#entered = false;
    }
  }

  /** @internal The value map, to read, for ContextVar. */
  static values(context: Context): ReadonlyMap<ContextVar<unknown>, unknown> {
    return context.#values;
  }

  /** @internal The value map, to write: its own, cloned first if it shares it. */
  static writable(context: Context): Map<ContextVar<unknown>, unknown> {
    if (!context.#owned) {
      context.#values = new Map(context.#values);
      context.#owned = true;
    }
    return context.#values;
  }

  /** `<Context size=1>`. */
  toString(): string {
    return `<Context size=${this.#values.size}>`;
  }
}

/** The context of code outside every task and `Context.run`: the main thread's, in Python. */
const root = new Context();

/** The context current now. */
function currentContext(): Context {
  return storage.getStore() ?? root;
}

/** Options of {@link ContextVar}. */
export interface ContextVarOptions<T> {
  /** What `get()` returns where the variable has no value. */
  default?: T;
}

/**
 * A context variable (Python's `contextvars.ContextVar`): each task sees the value it had where
 * the task was created, and what a task sets stays its own.
 *
 * @example
 * const user = new ContextVar<string>('user', { default: 'nobody' });
 * const token = user.set('ada');
 * createTask(async () => { await sleep(1); user.get(); }); // 'ada', whatever runs meanwhile
 * user.reset(token);                                     // 'nobody' again here
 */
export class ContextVar<T> {
  readonly #default: { value: T } | undefined;

  constructor(
    readonly name: string,
    options: ContextVarOptions<T> = {},
  ) {
    if (typeof name !== 'string') throw new TypeError('context variable name must be a string');
    this.#default = 'default' in options ? { value: options.default as T } : undefined;
    varsInUse = true;
  }

  /**
   * Its value in the current context; else `fallback` if given, else its default.
   * @throws LookupError if it has none of these.
   */
  get(...fallback: [T?]): T {
    const values = Context.values(currentContext());
    if (values.has(this as ContextVar<unknown>))
      return values.get(this as ContextVar<unknown>) as T;
    if (fallback.length > 0) return fallback[0] as T;
    if (this.#default !== undefined) return this.#default.value;
    throw new LookupError(String(this));
  }

  /** Sets its value in the current context; the token undoes it ({@link reset}). */
  set(value: T): Token<T> {
    const context = currentContext();
    const values = Context.writable(context);
    const key = this as ContextVar<unknown>;
    const old = values.has(key) ? (values.get(key) as T) : MISSING;
    values.set(key, value);
    return new Token(context, this, old);
  }

  /**
   * Gives it back the value it had before `token`'s `set`, in the context that set it.
   * @throws RangeError for another variable's token or one set in another context;
   *   InvalidStateError for a token already used.
   */
  reset(token: Token<T>): void {
    if (token.used) throw new InvalidStateError(`${token} has already been used once`);
    if (token.var !== this) throw new RangeError(`${token} was created by a different ContextVar`);
    const context = currentContext();
    if (Token.context(token) !== context)
      throw new RangeError(`${token} was created in a different Context`);
    Token.use(token);
    const values = Context.writable(context);
    if (token.oldValue === MISSING) values.delete(this as ContextVar<unknown>);
    else values.set(this as ContextVar<unknown>, token.oldValue);
  }

  /** As Python's: `<ContextVar name='user' default='nobody'>`. */
  toString(): string {
    return recursiveRepr(this, () => {
      const fallback = this.#default === undefined ? '' : ` default=${pyRepr(this.#default.value)}`;
      return `<ContextVar name=${pyRepr(this.name)}${fallback}>`;
    });
  }
}

/** What `ContextVar.set` returns: the way back to the value before (Python's `Token`). */
export class Token<T> {
  /** `oldValue` of a variable that had no value before the set. */
  static readonly MISSING = MISSING;
  /** The variable that was set. */
  readonly var: ContextVar<T>;
  /** Its value before, or `Token.MISSING`. */
  readonly oldValue: T | typeof MISSING;
  #used = false;
  readonly #context: Context;

  /** @internal Made by `ContextVar.set`. */
  constructor(context: Context, variable: ContextVar<T>, oldValue: T | typeof MISSING) {
    this.#context = context;
    this.var = variable;
    this.oldValue = oldValue;
  }

  /** True once `reset` took it. */
  get used(): boolean {
    return this.#used;
  }

  /** @internal */
  static context(token: Token<unknown>): Context {
    return token.#context;
  }

  /** @internal */
  static use(token: Token<unknown>): void {
    token.#used = true;
  }

  /** As Python's: `<Token var=<ContextVar name='user'>>`, `<Token used var=...>` once reset. */
  toString(): string {
    return `<Token${this.#used ? ' used' : ''} var=${this.var}>`;
  }
}

/** A copy of the current context (Python's `contextvars.copy_context()`). */
export function copyContext(): Context {
  return currentContext().copy();
}

/** @internal True once a context variable exists: until then no task or callback copies one. */
export function contextVarsInUse(): boolean {
  return varsInUse;
}

/**
 * @internal Runs `fn` with a copy of the current context current, if any context variable
 * exists (asyncio copies the context for every task and callback); else simply runs it.
 */
export function inCopiedContext<R>(fn: () => R): R {
  return varsInUse ? storage.run(copyContext(), fn) : fn();
}

/** @internal Runs `fn` with `context` current. */
export function inContext<R>(context: Context, fn: () => R): R {
  return storage.run(context, fn);
}
