/**
 * Context variables: CPython 3.11's test_context.py (ContextTest), what `contextvars` itself
 * promises, ported test by test with the same names. `@isolated_context` is a run in a new
 * `Context`. Python's `ctx[var]` (KeyError when unset) is `ctx.get(var)` and `ctx.has(var)`;
 * ValueError is RangeError and RuntimeError is InvalidStateError, as elsewhere in the runtime.
 * Not ported: the `hamt` tests (CPython's map inside), the thread and subclassing tests, and
 * test_context_run_1 and typerrors_1 (argument checks that TypeScript makes).
 * How tasks use contexts is in context.cpython.test.ts (test_tasks's test_context_1 to _6).
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  Context,
  ContextVar,
  copyContext,
  InvalidStateError,
  LookupError,
  Token,
} from '../../src/runtime/index.js';
import { ZeroDivisionError } from '../helpers/cpython.js';

/** CPython's `@isolated_context`: the test runs in a Context of its own. */
function isolated(test: () => void): () => void {
  return () => new Context().run(test);
}

describe('CPython test_context: ContextTest', () => {
  it('test_context_var_new_1', () => {
    assert.throws(() => new ContextVar(1 as never), {
      name: 'TypeError',
      message: /must be a str/,
    });
    const c = new ContextVar('aaa');
    assert.equal(c.name, 'aaa');
  });

  it(
    'test_context_var_repr_1',
    isolated(() => {
      let c = new ContextVar('a');
      assert.match(String(c), /a/);
      c = new ContextVar('a', { default: 123 });
      assert.match(String(c), /123/);
      const lst: unknown[] = [];
      c = new ContextVar<unknown>('a', { default: lst }) as ContextVar<number>;
      lst.push(c);
      assert.match(String(c), /\.\.\./);
      const t = c.set(1);
      assert.ok(String(t).includes(String(c)));
      assert.ok(!String(t).includes(' used '));
      c.reset(t);
    }),
  );

  it('test_context_get_context_1', () => {
    assert.ok(copyContext() instanceof Context);
  });

  it('test_context_run_2', () => {
    const ctx = new Context();
    const func = (...args: unknown[]) => [...args, 'bar'];
    assert.deepEqual(ctx.run(func), ['bar']);
    assert.deepEqual(ctx.run(func, 1), [1, 'bar']);
    assert.deepEqual(ctx.run(func, 11, 2), [11, 2, 'bar']);
  });

  it('test_context_run_3', () => {
    const ctx = new Context();
    const func = (..._args: unknown[]) => {
      throw new ZeroDivisionError('division by zero');
    };
    assert.throws(() => ctx.run(func), ZeroDivisionError);
    assert.throws(() => ctx.run(func, 1, 2), ZeroDivisionError);
  });

  it(
    'test_context_run_4',
    isolated(() => {
      const ctx1 = new Context();
      const ctx2 = new Context();
      const v = new ContextVar<string>('var');
      const func2 = () => assert.equal(v.get(undefined), undefined);
      const func1 = () => {
        assert.equal(v.get(undefined), undefined);
        v.set('spam');
        ctx2.run(func2);
        assert.equal(v.get(undefined), 'spam');
        const cur = copyContext();
        assert.equal(cur.size, 1);
        assert.equal(cur.get(v), 'spam');
        return cur;
      };
      const returned = ctx1.run(func1);
      assert.deepEqual([...returned.entries()], [...ctx1.entries()]);
      assert.equal(returned.get(v), 'spam');
      assert.ok(returned.has(v));
    }),
  );

  it(
    'test_context_run_5',
    isolated(() => {
      const ctx = new Context();
      const v = new ContextVar<string>('var');
      const func = () => {
        assert.equal(v.get(undefined), undefined);
        v.set('spam');
        throw new ZeroDivisionError('division by zero');
      };
      assert.throws(() => ctx.run(func), ZeroDivisionError);
      assert.equal(v.get(undefined), undefined);
    }),
  );

  it('test_context_run_6', () => {
    const ctx = new Context();
    const c = new ContextVar('a', { default: 0 });
    ctx.run(() => {
      assert.equal(c.get(), 0);
      assert.equal(ctx.get(c), undefined);
      c.set(42);
      assert.equal(c.get(), 42);
      assert.equal(ctx.get(c), 42);
    });
  });

  it('test_context_run_7', () => {
    const ctx = new Context();
    const fun = (): void => {
      assert.throws(() => ctx.run(fun), {
        name: 'InvalidStateError',
        message: /is already entered/,
      });
    };
    ctx.run(fun);
  });

  it(
    'test_context_getset_1',
    isolated(() => {
      const c = new ContextVar<unknown>('c');
      assert.throws(() => c.get(), LookupError);
      assert.equal(c.get(undefined), undefined);

      const t0 = c.set(42);
      assert.equal(c.get(), 42);
      assert.equal(c.get(undefined), 42);
      assert.equal(t0.oldValue, Token.MISSING);
      assert.equal(t0.var, c);

      const t = c.set('spam');
      assert.equal(c.get(), 'spam');
      assert.equal(t.oldValue, 42);
      c.reset(t);
      assert.equal(c.get(), 42);

      c.set('spam2');
      assert.throws(() => c.reset(t), {
        name: 'InvalidStateError',
        message: /has already been used/,
      });
      assert.equal(c.get(), 'spam2');

      const ctx1 = copyContext();
      assert.ok(ctx1.has(c));

      c.reset(t0);
      assert.throws(() => c.reset(t0), InvalidStateError);
      assert.equal(c.get(undefined), undefined);

      assert.ok(ctx1.has(c));
      assert.equal(ctx1.get(c), 'spam2');
      assert.equal(ctx1.get(c, 'aa'), 'spam2');
      assert.equal(ctx1.size, 1);
      assert.deepEqual([...ctx1.entries()], [[c, 'spam2']]);
      assert.deepEqual([...ctx1.values()], ['spam2']);
      assert.deepEqual([...ctx1.keys()], [c]);
      assert.deepEqual([...ctx1], [c]);

      const ctx2 = copyContext();
      assert.ok(!ctx2.has(c));
      assert.equal(ctx2.get(c, 'aa'), 'aa');
      assert.equal(ctx2.size, 0);
      assert.deepEqual([...ctx2], []);
    }),
  );

  it(
    'test_context_getset_2',
    isolated(() => {
      const v1 = new ContextVar<number>('v1');
      const v2 = new ContextVar<number>('v2');
      const t1 = v1.set(42);
      assert.throws(() => v2.reset(t1), { name: 'RangeError', message: /by a different/ });
    }),
  );

  it(
    'test_context_getset_3',
    isolated(() => {
      const c = new ContextVar('c', { default: 42 });
      const ctx = new Context();
      ctx.run(() => {
        assert.equal(c.get(), 42);
        assert.equal(ctx.get(c), undefined);
        assert.equal(ctx.get(c, 'spam' as never), 'spam');
        assert.ok(!ctx.has(c));
        assert.deepEqual([...ctx.keys()], []);
        const t = c.set(1);
        assert.deepEqual([...ctx.keys()], [c]);
        assert.equal(ctx.get(c), 1);
        c.reset(t);
        assert.deepEqual([...ctx.keys()], []);
        assert.ok(!ctx.has(c));
      });
    }),
  );

  it(
    'test_context_getset_4',
    isolated(() => {
      const c = new ContextVar('c', { default: 42 });
      const ctx = new Context();
      const tok = ctx.run(() => c.set(1));
      assert.throws(() => c.reset(tok), { name: 'RangeError', message: /different Context/ });
    }),
  );

  it(
    'test_context_getset_5',
    isolated(() => {
      const c = new ContextVar<number[]>('c', { default: [42] });
      c.set([]);
      copyContext().run(() => {
        c.set([]);
        c.get().push(42);
        assert.deepEqual(c.get(), [42]);
      });
      assert.deepEqual(c.get(), []);
    }),
  );

  it('test_context_copy_1', () => {
    const ctx1 = new Context();
    const c = new ContextVar('c', { default: 42 });
    const ctx2Fun = () => {
      assert.equal(c.get(), 10);
      c.set(30);
      assert.equal(c.get(), 30);
    };
    ctx1.run(() => {
      c.set(10);
      const ctx2 = ctx1.copy();
      assert.equal(ctx2.get(c), 10);
      c.set(20);
      assert.equal(ctx1.get(c), 20);
      assert.equal(ctx2.get(c), 10);
      ctx2.run(ctx2Fun);
      assert.equal(ctx1.get(c), 20);
      assert.equal(ctx2.get(c), 30);
    });
  });
});
