/**
 * asyncio's `loop.set_exception_handler`: where the loop reports an error nobody can catch (a
 * done callback that throws, a task that fails after its group's parent finished), so that the
 * loop itself goes on.
 *
 * @module
 */

/** What the loop reports, as asyncio's context dict: `message` always, the rest when known. */
export interface ExceptionContext {
  /** One line: `Exception in callback cb(<Task finished ...>)`. */
  message: string;
  /** The error thrown. */
  exception?: unknown;
  /** asyncio's `handle`: the callback as it was called, `cb(<Task finished ...>)`. */
  handle?: string;
  /** The task or future concerned, if any. */
  task?: object;
  future?: object;
  /** In debug mode, where the object concerned was made (asyncio's `source_traceback`). */
  sourceTraceback?: string;
}

/** A replacement for the default handler, which writes the context to stderr. */
export type ExceptionHandler = (context: ExceptionContext) => void;

let handler: ExceptionHandler | undefined;

/**
 * Replaces the handler (`null` restores the default, which writes to stderr as asyncio's
 * logger does).
 *
 * @example
 * setExceptionHandler((context) => errors.push(context.exception));
 */
export function setExceptionHandler(next: ExceptionHandler | null): void {
  handler = next ?? undefined;
}

/** The handler set by {@link setExceptionHandler}, or `undefined` for the default. */
export function getExceptionHandler(): ExceptionHandler | undefined {
  return handler;
}

/**
 * Reports `context` through the handler. A handler that throws is itself reported by the
 * default one, as in asyncio; nothing propagates to the caller.
 */
export function callExceptionHandler(context: ExceptionContext): void {
  if (handler === undefined) {
    defaultExceptionHandler(context);
    return;
  }
  try {
    handler(context);
  } catch (err) {
    defaultExceptionHandler({
      message: 'Unhandled error in exception handler',
      exception: err,
      handle: context.message,
    });
  }
}

/** asyncio's `default_exception_handler`: the message, the other keys, the error's stack. */
export function defaultExceptionHandler(context: ExceptionContext): void {
  const lines = [context.message];
  if (context.handle !== undefined) lines.push(`handle: <Handle ${context.handle}>`);
  for (const key of ['task', 'future'] as const) {
    if (context[key] !== undefined) lines.push(`${key}: ${String(context[key])}`);
  }
  if (context.sourceTraceback !== undefined)
    lines.push(`Object created at (most recent call first):\n${context.sourceTraceback}`);
  const err = context.exception;
  if (err !== undefined)
    lines.push(err instanceof Error ? (err.stack ?? String(err)) : String(err));
  process.stderr.write(`${lines.join('\n')}\n`);
}
