/** What the runtime reports to its exception handler, caught test by test. */
import { afterEach, beforeEach } from 'node:test';
import { type ExceptionContext, setExceptionHandler } from '../../src/runtime/index.js';

/**
 * Catches, in `reports.list`, what the runtime reports during each test of the file (a fresh
 * list per test); the default handler is back after each.
 */
export function catchReports(): { list: ExceptionContext[] } {
  const reports = { list: [] as ExceptionContext[] };
  beforeEach(() => {
    reports.list = [];
    setExceptionHandler((context) => reports.list.push(context));
  });
  afterEach(() => setExceptionHandler(null));
  return reports;
}
