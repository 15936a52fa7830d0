/**
 * "Task exception was never retrieved": CPython 3.11's test_futures.py `test_tb_logger_*` and
 * `test_future_exception_never_retrieved` (and `_debug`), and test_tasks.py
 * `test_tb_logger_not_called_after_cancel`, with `setExceptionHandler` standing in
 * for the mocked logger and `collectUntil` for `del fut` + `gc_collect()`. A test that expects no
 * report also fails one future on purpose and waits for its report: the collector did run.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  coro,
  createTask,
  type ExceptionContext,
  Future,
  gather,
  getDebug,
  reportUnretrievedErrors,
  setDebug,
  shield,
  sleep,
  taskGroup,
} from '../../src/runtime/index.js';
import { inTask, runBriefly, useCPythonScale } from '../helpers/cpython.js';
import { collectUntil } from '../helpers/gc.js';
import { catchReports } from '../helpers/reports.js';

useCPythonScale();

const reports = catchReports();

/** A future failed with `canary` and dropped: its report shows that collection happened. */
function dropCanary(): void {
  new Future().setException(new Error('canary'));
}

const canaryReported = () => reports.list.some((c) => (c.exception as Error).message === 'canary');

/** Collects until the canary is reports.list; returns what else was. */
async function reportsBesidesCanary(): Promise<ExceptionContext[]> {
  dropCanary();
  assert.ok(await collectUntil(canaryReported), 'the collector never ran the finalizers');
  return reports.list.filter((c) => (c.exception as Error).message !== 'canary');
}

describe('CPython test_futures: the traceback logger', () => {
  it('test_tb_logger_abandoned', async () => {
    (() => new Future())();
    assert.deepEqual(await reportsBesidesCanary(), []);
  });

  it('test_tb_logger_not_called_after_cancel', async () => {
    (() => {
      const fut = new Future();
      fut.setException(new Error());
      fut.cancel();
    })();
    assert.deepEqual(await reportsBesidesCanary(), []);
  });

  it('test_tb_logger_result_unretrieved', async () => {
    (() => new Future().setResult(42))();
    assert.deepEqual(await reportsBesidesCanary(), []);
  });

  it('test_tb_logger_result_retrieved', async () => {
    (() => {
      const fut = new Future();
      fut.setResult(42);
      fut.result();
    })();
    assert.deepEqual(await reportsBesidesCanary(), []);
  });

  it('test_tb_logger_exception_unretrieved', async () => {
    (() => new Future().setException(new RangeError('boom')))();
    const boom = () => reports.list.find((c) => (c.exception as Error).message === 'boom');
    assert.ok(await collectUntil(() => boom() !== undefined));
    assert.equal(boom()?.message, 'Future exception was never retrieved');
    assert.match(String(boom()?.future), /^<Future finished exception=RangeError\('boom'\)>$/);
  });

  it('test_tb_logger_exception_retrieved', async () => {
    (() => {
      const fut = new Future();
      fut.setException(new RangeError('boom'));
      fut.exception();
    })();
    assert.deepEqual(await reportsBesidesCanary(), []);
  });

  it('test_tb_logger_exception_result_retrieved', async () => {
    (() => {
      const fut = new Future();
      fut.setException(new RangeError('boom'));
      assert.throws(() => fut.result(), RangeError);
    })();
    assert.deepEqual(await reportsBesidesCanary(), []);
  });
});

describe('CPython test_futures: check_future_exception_never_retrieved', () => {
  class MemoryError extends Error {
    override name = 'MemoryError';
  }
  for (const debug of [false, true]) {
    it(`test_future_exception_never_retrieved${debug ? '_debug' : ''}`, async () => {
      const debugBefore = getDebug();
      setDebug(debug);
      try {
        const exc = new MemoryError();
        (() => new Future().setException(exc))();
        await runBriefly();
        const mine = () => reports.list.filter((c) => c.exception === exc);
        assert.ok(await collectUntil(() => mine().length > 0));
        assert.equal(mine().length, 1);
        assert.match(mine()[0]?.message ?? '', /^Future exception was never retrieved/);
        assert.ok(mine()[0]?.future !== undefined);
      } finally {
        setDebug(debugBefore);
      }
    });
  }
});

describe('CPython test_tasks: the traceback logger', () => {
  it('test_tb_logger_not_called_after_cancel', async () => {
    await inTask(async () => {
      let task: unknown = createTask(async () => {
        throw new TypeError();
      });
      await sleep(0.05);
      (task as { cancel(): boolean }).cancel();
      task = undefined;
    });
    assert.deepEqual(await reportsBesidesCanary(), []);
  });
});

describe('CPython test_tasks: GatherTests', () => {
  it('test_exception_marking (a child failing after the gather failed is marked retrieved)', async () => {
    const a = new Future<void>();
    const b = new Future<void>();
    const inner = async (f: Future<void>) => {
      await f;
      throw new RangeError('should not be ignored');
    };
    const outer = createTask(async () => {
      await gather(coro(inner, a), coro(inner, b));
    });
    await runBriefly();
    a.setResult(undefined);
    await runBriefly();
    b.setResult(undefined);
    await runBriefly();
    assert.ok(outer.exception() instanceof RangeError);
    assert.equal(reportUnretrievedErrors(), 0);
    assert.deepEqual(reports.list, []);
  });
});

describe('errors nobody retrieved', () => {
  it('reports a failed task that was collected, with its repr and error', async () => {
    await inTask(async () => {
      createTask(
        async function lost() {
          throw new TypeError('nobody awaits me');
        },
        { name: 'lost-1' },
      );
      await sleep(0.01);
    });
    const lost = () =>
      reports.list.find((c) => (c.exception as Error).message === 'nobody awaits me');
    assert.ok(await collectUntil(() => lost() !== undefined));
    assert.equal(lost()?.message, 'Task exception was never retrieved');
    assert.equal(
      String(lost()?.task),
      "<Task finished name='lost-1' coro=<lost()> exception=TypeError('nobody awaits me')>",
    );
    assert.match(String((lost()?.exception as Error | undefined)?.stack), /at lost /);
  });

  it('reports one still alive when asked (the end of a run), once, with the task itself', async () => {
    const task = createTask(async () => {
      throw new TypeError('alive');
    });
    await sleep(0.01);
    assert.equal(reportUnretrievedErrors(), 1);
    assert.equal(reportUnretrievedErrors(), 0);
    assert.equal(reports.list.length, 1);
    assert.equal(reports.list[0]?.task, task);
    assert.equal(reports.list[0]?.message, 'Task exception was never retrieved');
  });

  it('reports one that failed in the turn it is asked in, before the failures are tracked', async () => {
    const future = new Future<void>();
    future.setException(new TypeError('just now'));
    assert.equal(reportUnretrievedErrors(), 1);
    assert.equal(reports.list[0]?.message, 'Future exception was never retrieved');
    assert.equal(reports.list[0]?.future, future);
  });

  it('does not report one read after the turn it failed in', async () => {
    const future = new Future<void>();
    future.setException(new TypeError('read later'));
    await sleep(0.01); // the failures noted were tracked meanwhile
    assert.ok(future.exception() instanceof TypeError);
    assert.equal(reportUnretrievedErrors(), 0);
    assert.deepEqual(reports.list, []);
  });

  it('does not report errors read by await, gather, a group or a shield', async () => {
    const failing = () =>
      createTask(async () => {
        await sleep(0);
        throw new TypeError('read');
      });
    await inTask(async () => {
      await failing().catch(() => {});
      await gather(failing(), failing()).catch(() => {});
      await gather(failing(), { returnExceptions: true });
      await taskGroup(async (tg) => {
        tg.createTask(() => failing());
      }).catch(() => {});
      await shield(failing()).catch(() => {});
      await sleep(0.01);
    });
    assert.equal(reportUnretrievedErrors(), 0);
    assert.deepEqual(reports.list, []);
  });

  it('reports a failed gather nobody awaited', async () => {
    const outer = gather(
      createTask(async () => {
        throw new TypeError('in a gather');
      }),
    );
    await sleep(0.01);
    assert.equal(reportUnretrievedErrors(), 1);
    assert.equal(reports.list[0]?.future, outer);
    assert.equal(reports.list[0]?.message, '_GatheringFuture exception was never retrieved');
  });
});
