import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { CancelledError, createTask, sleep, withAbortSignal } from '../../src/runtime/index.js';

describe('withAbortSignal', () => {
  it('resolves with what the function resolves', async () => {
    assert.equal(await withAbortSignal(async () => 'value'), 'value');
  });

  it('aborts the signal when the waiting task is cancelled, and rejects with CancelledError', async () => {
    let seen: AbortSignal | undefined;
    const task = createTask(() =>
      withAbortSignal((signal) => {
        seen = signal;
        return delay(10_000, 'late', { signal });
      }),
    );
    await sleep(0);
    task.cancel();
    await assert.rejects(Promise.resolve(task), CancelledError);
    assert.equal(seen?.aborted, true);
  });

  it('makes no signal for a task that never asks for one', async () => {
    let made = 0;
    const original = globalThis.AbortController;
    globalThis.AbortController = class extends original {
      constructor() {
        super();
        made++;
      }
    };
    try {
      const task = createTask(() => sleep(10));
      await sleep(0);
      task.cancel();
      await Promise.resolve(task).catch(() => {});
    } finally {
      globalThis.AbortController = original;
    }
    assert.equal(made, 0);
  });
});
