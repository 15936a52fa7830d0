/**
 * What the ports of CPython's asyncio tests share: its exception names and its way of checking
 * the errors of an ExceptionGroup.
 */
import { createTask, setTimeScale, sleep, TaskGroupError } from '../../src/runtime/index.js';

/** Python's `1 / 0`. */
export class ZeroDivisionError extends Error {
  override name = 'ZeroDivisionError';
}

/** The tests' own `MyExc`. */
export class MyExc extends Error {
  override name = 'MyExc';
}

/** The tests' own `MyBaseExc` (a BaseException in Python; JavaScript has only errors). */
export class MyBaseExc extends Error {
  override name = 'MyBaseExc';
}

/** Python's ValueError. */
export class ValueError extends Error {
  override name = 'ValueError';
}

/** `1 / 0`: always throws. */
export function divideByZero(): never {
  throw new ZeroDivisionError('division by zero');
}

/** CPython's `get_error_types(eg)`: the set of the group's error class names. */
export function errorTypes(err: unknown): Set<string> {
  if (!(err instanceof TaskGroupError)) throw new Error(`not a group: ${String(err)}`);
  return new Set((err.errors as unknown[]).map((e) => (e as Error).name));
}

/** Notebook seconds as CPython's tests use them: 1 s = 100 ms, so 0.1 s = 10 ms. */
export function useCPythonScale(): void {
  setTimeScale(0.1);
}

/** Runs `body` as a task and waits for it: IsolatedAsyncioTestCase runs each test in one. */
export async function inTask<T>(body: () => Promise<T>): Promise<T> {
  return await createTask(body);
}

/**
 * unittest's `with self.assertRaises(Type):` around awaited work: an error of another type goes
 * through unchanged (unlike `assert.rejects`, which would turn it into an assertion failure).
 */
export async function assertRaises(
  work: PromiseLike<unknown>,
  type: abstract new (...args: never[]) => unknown,
): Promise<void> {
  try {
    await work;
  } catch (err) {
    if (err instanceof type) return;
    throw err;
  }
  throw new Error(`${type.name} not raised`);
}

/** asyncio's `test_utils.run_briefly(loop)`: let the loop go round a couple of turns. */
export async function runBriefly(): Promise<void> {
  await sleep(0);
  await sleep(0);
}
