import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../../', import.meta.url));
/** A published declaration file without its comments. */
const declarations = (name: string) =>
  readFileSync(join(root, 'dist/runtime', name), 'utf8').replace(/\/\*\*[\s\S]*?\*\//g, '');

describe('the published types', () => {
  it("show a Task and a Future as asyncio's, nothing of the scheduler", () => {
    const published = declarations('task.d.ts') + declarations('future.d.ts');
    for (const internal of [
      'step',
      'wakeUp',
      'suspendOn',
      'yieldStep',
      'canSuspend',
      'enterStep',
      'addCallback',
      'waitKind',
      '_state',
      '_value',
      'requestCancel',
      'runSoon',
      'onSettle',
    ]) {
      assert.doesNotMatch(published, new RegExp(`\\b${internal}\\b`), internal);
    }
    for (const api of ['cancel(', 'cancelling(', 'uncancel(', 'result(', 'exception(', 'done(']) {
      assert.ok(published.includes(api), api);
    }
  });

  it('compile in a strict project that checks library types', () => {
    const folder = mkdtempSync(join(tmpdir(), 'asyncdemo-types-'));
    try {
      const entry = join(root, 'dist/index.js');
      writeFileSync(
        join(folder, 'use.ts'),
        `import { BoundedSemaphore, createTask, defineExperiment, Event, type Experiment, gather, Lock, Queue, QueueEmpty, QueueFull, Semaphore, sleep, taskGroup, timeout, type Task } from ${JSON.stringify(entry)};
const t: Task<number> = createTask(async () => 1);
export const all: Promise<number[]> = gather(async () => 1, async () => 2);
export const grouped = taskGroup(async (tg) => tg.createTask(() => sleep(1)));
export const limited = timeout(1, async (cm) => cm.when());
const sem = new Semaphore(2);
const queue = new Queue<number>(1);
export const held: Promise<number> = sem.hold(async () => queue.get());
export const experiment: Experiment = defineExperiment({
  name: 'typed',
  title: 'types check',
  async run(ctx) {
    const n: number = await ctx.measure('nap', 1, () => sleep(1, 3));
    ctx.say(String(n));
  },
});
export { t, Event, Lock, BoundedSemaphore, QueueEmpty, QueueFull };
`,
      );
      execFileSync(
        process.execPath,
        [
          join(root, 'node_modules/typescript/bin/tsc'),
          '--strict',
          '--noEmit',
          '--skipLibCheck',
          'false',
          '--module',
          'nodenext',
          '--moduleResolution',
          'nodenext',
          '--target',
          'es2022',
          '--types',
          'node',
          '--typeRoots',
          join(root, 'node_modules/@types'),
          join(folder, 'use.ts'),
        ],
        { encoding: 'utf8' },
      );
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
