/**
 * Future: CPython 3.11's test_futures.py BaseFutureTests (the state, result, exception and repr
 * tests) and BaseFutureDoneCallbackTests, ported. asyncio's RuntimeError is a plain Error here.
 * Not ported: the loop-argument and generator tests (`test_constructor_*`, `test_iter`,
 * `test_yield_from_twice`), C-level ones (`_segfault`, `test_uninitialized`), the private
 * helpers (`_copy_future_state`, `_set_result_unless_cancelled`, `wrap_future`), and the three
 * list-mutation tests, which need a callback whose `__eq__` mutates the list (JavaScript compares
 * functions by identity).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  allTasks,
  CancelledError,
  coro,
  createTask,
  Future,
  InvalidStateError,
  waitFor,
} from '../../src/runtime/index.js';
import { pyRepr } from '../../src/runtime/repr.js';
import { runBriefly, useCPythonScale } from '../helpers/cpython.js';

useCPythonScale();

/** Python's RuntimeError. */
class RuntimeError extends Error {
  override name = 'RuntimeError';
}

describe('CPython test_futures: BaseFutureTests', () => {
  it('test_initial_state', () => {
    const f = new Future();
    assert.equal(f.cancelled(), false);
    assert.equal(f.done(), false);
    f.cancel();
    assert.equal(f.cancelled(), true);
  });

  it('test_future_cancel_message_getter', async () => {
    const f = new Future();
    f.cancel('my message');
    await assert.rejects(f, (err) => {
      assert.ok(err instanceof CancelledError);
      assert.equal(err.message, 'my message');
      return true;
    });
  });

  it('test_cancel', () => {
    const f = new Future();
    assert.equal(f.cancel(), true);
    assert.equal(f.cancelled(), true);
    assert.equal(f.done(), true);
    assert.throws(() => f.result(), CancelledError);
    assert.throws(() => f.exception(), CancelledError);
    assert.throws(() => f.setResult(undefined), InvalidStateError);
    assert.throws(() => f.setException(undefined), InvalidStateError);
    assert.equal(f.cancel(), false);
  });

  it('test_result', () => {
    const f = new Future<number>();
    assert.throws(() => f.result(), InvalidStateError);
    f.setResult(42);
    assert.equal(f.cancelled(), false);
    assert.equal(f.done(), true);
    assert.equal(f.result(), 42);
    assert.equal(f.exception(), undefined);
    assert.throws(() => f.setResult(0), InvalidStateError);
    assert.throws(() => f.setException(undefined), InvalidStateError);
    assert.equal(f.cancel(), false);
  });

  it('test_exception', () => {
    const exc = new RuntimeError();
    const f = new Future();
    assert.throws(() => f.exception(), InvalidStateError);
    f.setException(exc);
    assert.equal(f.cancelled(), false);
    assert.equal(f.done(), true);
    assert.throws(() => f.result(), RuntimeError);
    assert.equal(f.exception(), exc);
    assert.throws(() => f.setResult(undefined), InvalidStateError);
    assert.throws(() => f.setException(undefined), InvalidStateError);
    assert.equal(f.cancel(), false);
  });

  it('test_exception_class', () => {
    const f = new Future();
    f.setException(RuntimeError);
    assert.ok(f.exception() instanceof RuntimeError);
  });

  it('test_future_repr (without debug mode; a callback shows as name(), not with its file)', () => {
    const fPending = new Future();
    assert.equal(String(fPending), '<Future pending>');
    fPending.cancel();

    const fCancelled = new Future();
    fCancelled.cancel();
    assert.equal(String(fCancelled), '<Future cancelled>');

    const fResult = new Future<number>();
    fResult.setResult(4);
    assert.equal(String(fResult), '<Future finished result=4>');
    assert.equal(fResult.result(), 4);

    const exc = new RuntimeError();
    const fException = new Future();
    fException.setException(exc);
    assert.equal(String(fException), '<Future finished exception=RuntimeError()>');
    assert.equal(fException.exception(), exc);

    const _fakefunc = () => {};
    const first_cb = () => {};
    const last_cb = () => {};
    const fOne = new Future();
    fOne.addDoneCallback(_fakefunc);
    assert.equal(String(fOne), '<Future pending cb=[_fakefunc()]>');
    fOne.cancel();
    assert.equal(String(fOne), '<Future cancelled>');

    const fTwo = new Future();
    fTwo.addDoneCallback(first_cb);
    fTwo.addDoneCallback(last_cb);
    assert.equal(String(fTwo), '<Future pending cb=[first_cb(), last_cb()]>');

    const fMany = new Future();
    fMany.addDoneCallback(first_cb);
    for (let i = 0; i < 8; i++) fMany.addDoneCallback(_fakefunc);
    fMany.addDoneCallback(last_cb);
    assert.equal(String(fMany), '<Future pending cb=[first_cb(), <8 more>, last_cb()]>');
    fMany.cancel();
    assert.equal(String(fMany), '<Future cancelled>');
  });
});

describe('CPython test_futures: BaseFutureDoneCallbackTests', () => {
  const makeCallback = (bag: unknown[], thing: unknown) =>
    function bag_appender() {
      bag.push(thing);
    };

  /** Three callbacks added in order; `remove` takes some back; returns what ran on set_result. */
  async function withRemoved(remove: (cbs: Array<() => void>, f: Future<string>) => void) {
    const bag: number[] = [];
    const f = new Future<string>();
    const cbs = [makeCallback(bag, 42), makeCallback(bag, 17), makeCallback(bag, 100)];
    for (const cb of cbs) f.addDoneCallback(cb);
    remove(cbs, f);
    assert.deepEqual(bag, []);
    f.setResult('foo');
    await runBriefly();
    assert.equal(f.result(), 'foo');
    return bag;
  }

  it('test_callbacks_remove_first_callback', async () => {
    const bag = await withRemoved(([cb1], f) => {
      f.removeDoneCallback(cb1 as () => void);
      f.removeDoneCallback(cb1 as () => void);
    });
    assert.deepEqual(bag, [17, 100]);
  });

  it('test_callbacks_remove_first_and_second_callback', async () => {
    const bag = await withRemoved(([cb1, cb2], f) => {
      f.removeDoneCallback(cb1 as () => void);
      f.removeDoneCallback(cb2 as () => void);
      f.removeDoneCallback(cb1 as () => void);
    });
    assert.deepEqual(bag, [100]);
  });

  it('test_callbacks_remove_third_callback', async () => {
    const bag = await withRemoved(([, , cb3], f) => {
      f.removeDoneCallback(cb3 as () => void);
      f.removeDoneCallback(cb3 as () => void);
    });
    assert.deepEqual(bag, [42, 17]);
  });

  it('test_callbacks_invoked_on_set_result', async () => {
    const bag = await withRemoved(() => {});
    assert.deepEqual(bag, [42, 17, 100]);
  });

  it('test_callbacks_invoked_on_set_exception', async () => {
    const bag: number[] = [];
    const f = new Future();
    f.addDoneCallback(makeCallback(bag, 100));
    assert.deepEqual(bag, []);
    const exc = new RuntimeError();
    f.setException(exc);
    await runBriefly();
    assert.deepEqual(bag, [100]);
    assert.equal(f.exception(), exc);
  });

  it('test_remove_done_callback', async () => {
    const bag: number[] = [];
    const f = new Future<string>();
    const cb1 = makeCallback(bag, 1);
    const cb2 = makeCallback(bag, 2);
    const cb3 = makeCallback(bag, 3);
    f.addDoneCallback(cb1);
    f.addDoneCallback(cb2);
    assert.equal(f.removeDoneCallback(cb2), 1);
    assert.equal(f.removeDoneCallback(cb3), 0);
    f.addDoneCallback(cb2);
    for (let i = 0; i < 5; i++) f.addDoneCallback(cb1);
    assert.equal(f.removeDoneCallback(cb1), 6);
    assert.deepEqual(bag, []);
    f.setResult('foo');
    await runBriefly();
    assert.deepEqual(bag, [2]);
    assert.equal(f.result(), 'foo');
  });

  it('test_schedule_callbacks_list_mutation_1', async () => {
    const str = () => {};
    const mut = (f: Future<number>) => f.removeDoneCallback(str);
    const fut = new Future<number>();
    fut.addDoneCallback(mut);
    fut.addDoneCallback(str);
    fut.addDoneCallback(str);
    fut.setResult(1);
    await runBriefly();
  });
});

describe('CPython test_futures2: FutureReprTests', () => {
  it('test_recursive_repr_for_pending_tasks', async () => {
    // A task whose result holds the task: its repr says `...` where it would recurse
    // (asyncio's reprlib.recursive_repr), instead of overflowing the stack.
    const func = async () => allTasks();
    const repr = await createTask(async () => pyRepr(await waitFor(coro(func), 10)));
    assert.ok(repr.includes('...'), repr);
    assert.match(repr, /<Task finished name='Task-\d+' coro=<func\(\)> result=/);
  });
});

describe('pyRepr', () => {
  it("reads as Python's repr: a Set as a set, a Map as a dict, a list that holds itself", () => {
    const list: unknown[] = [1];
    list.push(list);
    assert.equal(pyRepr(list), '[1, [...]]');
    const dict = new Map<number, unknown>();
    dict.set(1, dict);
    assert.equal(pyRepr(dict), '{1: {...}}');
    assert.equal(pyRepr(new Set()), 'set()');
    assert.equal(pyRepr(new Set([1, 'a'])), "{1, 'a'}");
    assert.equal(pyRepr(new Map([[1, 'a']])), "{1: 'a'}");
    assert.equal(pyRepr(new Future()), '<Future pending>');
  });
});
