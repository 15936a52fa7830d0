/** CPython 3.11's test_tasks.py shield tests, ported (same names, same assertions). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CancelledError, createTask, Future, gather, shield } from '../../src/runtime/index.js';
import { inTask, runBriefly, useCPythonScale } from '../helpers/cpython.js';

useCPythonScale();

describe('CPython test_tasks: shield', () => {
  it('test_shield_result', () =>
    inTask(async () => {
      const inner = new Future<number>();
      const outer = shield(inner);
      inner.setResult(42);
      assert.equal(await outer, 42);
    }));

  it('test_shield_exception', () =>
    inTask(async () => {
      const inner = new Future();
      const outer = shield(inner);
      await runBriefly();
      const exc = new Error('expected');
      inner.setException(exc);
      await runBriefly();
      assert.equal(outer.exception(), exc);
    }));

  it('test_shield_cancel_inner', () =>
    inTask(async () => {
      const inner = new Future();
      const outer = shield(inner);
      await runBriefly();
      inner.cancel();
      await runBriefly();
      assert.ok(outer.cancelled());
    }));

  it('test_shield_cancel_outer', () =>
    inTask(async () => {
      const inner = new Future();
      const outer = shield(inner);
      await runBriefly();
      outer.cancel();
      await runBriefly();
      assert.ok(outer.cancelled());
      assert.equal(inner.cancelled(), false);
    }));

  it('test_shield_shortcut', () =>
    inTask(async () => {
      const fut = new Future<number>();
      fut.setResult(42);
      assert.equal(await shield(fut), 42);
    }));

  it('test_shield_effect', () =>
    inTask(async () => {
      // Cancelling outer() does not affect inner().
      let proof = 0;
      const waiter = new Future();
      const inner = async () => {
        await waiter;
        proof += 1;
      };
      const f = createTask(async () => {
        await shield(inner);
        proof += 100;
      });
      await runBriefly();
      f.cancel();
      await assert.rejects(f, CancelledError);
      waiter.setResult(undefined);
      await runBriefly();
      assert.equal(proof, 1);
    }));

  it('test_shield_gather', () =>
    inTask(async () => {
      const child1 = new Future<number>();
      const child2 = new Future<number>();
      const parent = gather(child1, child2);
      const outer = shield(parent);
      await runBriefly();
      outer.cancel();
      await runBriefly();
      assert.ok(outer.cancelled());
      child1.setResult(1);
      child2.setResult(2);
      await runBriefly();
      assert.deepEqual(parent.result(), [1, 2]);
    }));

  it('test_gather_shield', () =>
    inTask(async () => {
      const child1 = new Future<number>();
      const child2 = new Future<number>();
      const inner1 = shield(child1);
      const inner2 = shield(child2);
      const parent = gather(inner1, inner2);
      await runBriefly();
      parent.cancel(); // cancels inner1 and inner2 but not child1 and child2
      await runBriefly();
      assert.ok(parent.exception() instanceof CancelledError);
      assert.ok(inner1.cancelled() && inner2.cancelled());
      child1.setResult(1);
      child2.setResult(2);
      await runBriefly();
    }));
});
