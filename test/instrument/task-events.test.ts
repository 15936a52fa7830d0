import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { recordTaskEvents } from '../../src/instrument/task-events.js';
import { createTask, sleep } from '../../src/runtime/index.js';

describe('recordTaskEvents', () => {
  it('records the events of the tasks that run, in order', async () => {
    const recording = recordTaskEvents();
    await createTask(() => sleep(0), { name: 'recorded' });
    const events = recording.stop() ?? [];
    const types = events.filter((e) => e.name === 'recorded').map((e) => e.type);
    assert.deepEqual(types, ['created', 'started', 'awaiting', 'ready', 'resumed', 'done']);
  });

  it('keeps nothing past its limit, and stops listening', async () => {
    const recording = recordTaskEvents(5);
    await createTask(() => sleep(0));
    await createTask(() => sleep(0));
    assert.equal(recording.overflowed, true);
    assert.equal(recording.stop(), undefined);
  });
});
