import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import type { RunDocument } from '../../src/cli/explain-output.js';
import { runCli } from '../helpers/cli.js';
import { BIN, runNode } from '../helpers/spawn.js';

const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));

/** A run in virtual time with `--explain --json`: its document. */
async function explained(args: readonly string[]): Promise<RunDocument> {
  const run = await runCli([...args, '--clock', 'virtual', '--explain', '--json']);
  assert.ok([0, 1].includes(run.code), run.stderr);
  return JSON.parse(run.stdout) as RunDocument;
}

/** A file's experiment (it imports 'asyncdemo': a process of its own). */
async function explainedFile(name: string): Promise<RunDocument> {
  const child = await runNode(
    [BIN, 'run', join(examples, name), '--clock', 'virtual', '--explain', '--json'],
    { env: { NO_COLOR: '1' } },
  );
  assert.ok([0, 1].includes(child.code ?? -1), child.stderr);
  return JSON.parse(child.stdout) as RunDocument;
}

/** Each explained stretch, as `label = phrase + phrase`. */
function chains(document: RunDocument): Record<string, string> {
  return Object.fromEntries(
    (document.explain ?? []).map((e) => [e.label, e.phrases.map((p) => p.text).join(' + ')]),
  );
}

/** The kinds of wait each task's spans name, by the task's label. */
function kinds(document: RunDocument): Record<string, string[]> {
  return Object.fromEntries(
    (document.tasks ?? []).map((t) => [
      t.label,
      [...new Set(t.spans.flatMap((s) => (s.kind === 'waiting' ? [s.on ?? ''] : [])))],
    ]),
  );
}

describe('--explain on the notebook', () => {
  it('gather: the loop blocked by the sync calls, the sleeps in turn, the longest sleep', async () => {
    const document = await explained(['gather']);
    assert.deepEqual(chains(document), {
      sync: 'the loop was blocked by get_data(1), get_data(2), get_data(3): 1.00 + 2.00 + 3.00 s',
      sequential:
        'aget_data(1), aget_data(2), aget_data(3) slept one after another: 1.00 + 2.00 + 3.00 s',
      async: 'aget_data(3) slept 3.00 s',
      'the run':
        'the loop was blocked by get_data(1), get_data(2), get_data(3): 1.00 + 2.00 + 3.00 s + aget_data(1), aget_data(2), aget_data(3) slept one after another: 1.00 + 2.00 + 3.00 s + aget_data(3) slept 3.00 s',
    });
    assert.deepEqual(kinds(document)['main gather()'], ['task', 'gather']);
    assert.deepEqual(kinds(document)['Task-10 aget_data(3)'], ['sleep']);
  });

  it('cpu --yield-every 0: func2 ready from the start, func1 holding the loop', async () => {
    const document = await explained(['cpu', '--yield-every', '0']);
    const chain = chains(document);
    // func1 computes 2.5 s of real CPU time: its figures may be a few ms over, and on a loaded
    // machine the run's start too (CI on Node 22 beside two CPU hogs: ready at 0.01 s).
    assert.match(
      chain.func2 ?? '',
      /^func2\(\) was ready at 0\.0\d s and ran at 2\.5\d s: func1\(2500, 0\) held the loop 2\.5\d s$/,
    );
    const func2 = document.explain?.find((e) => e.label === 'func2');
    assert.match(
      func2?.off?.text ?? '',
      /^off its ideal by \+1\.5\d s: the loop was busy with func1\(2500, 0\) 2\.5\d s$/,
    );
    const spans = document.tasks?.find((t) => t.label === 'Task-3 func2()')?.spans ?? [];
    assert.equal(spans[0]?.kind, 'ready', 'made, it waited for the loop to start it');
  });

  it('cpu with its yields: func2 slept its second, then waited for one of func1’s chunks', async () => {
    const chain = chains(await explained(['cpu']));
    assert.match(
      chain.func2 ?? '',
      /^func2\(\) slept 1\.00 s \+ func2\(\) was ready at 1\.00 s and ran at 1\.\d\d s: func1\(2500, 100\) held the loop 0\.\d\d s$/,
    );
    // The timeout's callback waits for func1's chunk under way, and up to two more (the
    // scenario's allowance): 2.0-2.3 s.
    assert.match(chain.timeout ?? '', /^the loop was blocked by func1\(2500, 100\): 2\.[0-3]\d s$/);
  });

  it('cancel, taskgroup, timeout: the sleep that set each length, and the timeout that cut one', async () => {
    // main's sleep(3) and some_task's third sleep(1) end together, the task's later by the real
    // time its steps took. asyncio's wait for main's deadline, the time left rounded up to whole
    // milliseconds, takes the task's with it when those steps took less than a millisecond, and
    // so does the loop: both end on one turn, the task's sleep was over when main cancelled it,
    // so the chain is its three sleeps. A cold process (a loaded CI machine) can take longer
    // than that: then main cancelled it in its sleep, and main's own sleep set the length. Both
    // are the true account of that run.
    const total = chains(await explained(['cancel'])).total ?? '';
    assert.ok(
      ['some_task(1) slept 1.00 + 1.00 + 1.00 s', 'main cancel() slept 3.00 s'].includes(total),
      total,
    );
    assert.equal(chains(await explained(['taskgroup'])).total, 'aget_data(2, False) slept 2.00 s');
    const timeout = await explained(['timeout']);
    const timeoutChains = chains(timeout);
    assert.deepEqual(Object.keys(timeoutChains).sort(), ['bar', 'the run', 'timeout']);
    assert.equal(timeoutChains.bar, 'bar() slept 1.00 s');
    // foo's sleep starts a step after the timeout's entry: on a stalled runner (CI, Node 20) that
    // step took 10 ms, and foo slept 1.99 s until the deadline. Both are the true account.
    for (const label of ['timeout', 'the run'])
      assert.match(
        timeoutChains[label] ?? '',
        /^foo\(\) slept (2\.00|1\.9\d) s, until the timeout entered at 0\.00 s expired$/,
      );
    // main waits on the gather inside the timeout: its wait carries the deadline, set on entering
    // the timeout, between main's start and the wait's (a cold process can stretch that gap).
    const main = timeout.tasks?.find((t) => t.label === 'main timeout()');
    const wait = main?.spans.find((s) => s.kind === 'waiting' && s.on === 'gather');
    const deadline = wait?.deadlineMs ?? 0;
    assert.ok(
      deadline >= (main?.spans[0]?.fromMs ?? 0) + 2000 - 0.002 &&
        deadline <= (wait?.fromMs ?? 0) + 2000 + 0.002,
      JSON.stringify(wait),
    );
  });

  it('coro: microseconds, the task that ran while main yielded', async () => {
    const chain = chains(await explained(['coro']))['sleep(0)'] ?? '';
    const held =
      /main coro\(\) was ready at [\d.]+ ms and ran at [\d.]+ ms: async_coro\(\) held the loop [\d.]+ (µs|ms)/.exec(
        chain,
      );
    assert.ok(held, chain);
    // A loaded runner can stall async_coro()'s step past a millisecond (CI, Node 24: "held the
    // loop 1.0 ms", and main's own steps then came without a phrase of their own): told in ms.
    if (held[1] === 'µs') assert.match(chain, /main coro\(\) ran \d+ µs/);
  });

  it('prints the chains after the table, in Russian with --lang ru', async () => {
    const en = await runCli(['gather', '--clock', 'virtual', '--explain', '-q']);
    const table = en.stdout.indexOf('outcome');
    const explain = en.stdout.indexOf('where the time went (--explain):');
    assert.ok(table >= 0 && explain > table, en.stdout);
    // The total is the run's measured time: virtual, plus the real time its steps took (a
    // preempted process adds to it); the chain is the sleep.
    assert.match(en.stdout, /\n {2}async 3\.0\d s = aget_data\(3\) slept 3\.00 s\n/, en.stdout);
    const ru = await runCli(['gather', '--clock', 'virtual', '--explain', '-q', '--lang', 'ru']);
    assert.ok(ru.stdout.includes('куда ушло время (--explain):'), ru.stdout);
    assert.match(ru.stdout, /\n {2}async 3\.0\d s = aget_data\(3\) спала 3\.00 s\n/, ru.stdout);
    assert.match(
      ru.stdout,
      /sync 6\.0\d s = цикл был заблокирован: get_data\(1\), get_data\(2\), get_data\(3\): 1\.00 \+ 2\.00 \+ 3\.00 s/,
      ru.stdout,
    );
  });

  it('is refused with --compare: one line, exit 2', async () => {
    const run = await runCli(['cpu', '--compare', '--explain']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--compare explains no run: run one variant with it/);
  });
});

describe('--explain on the examples', () => {
  it('crawl: the requests in a row through the freed slots, each I/O or a waitFor', async () => {
    const document = await explainedFile('crawl.mjs');
    // Two slots end together at 2.5 s (0.5 + 0.5 + 0.5 + 1, and the slow page's 1.5 + 1): the
    // chain follows whichever answer came last, a race of real I/O.
    assert.match(
      chains(document).crawl ?? '',
      /^(Task-\d+, ){3}Task-\d+ waited on I\/O \(an AbortSignal\) one after another: (0\.5\d|1\.0\d|1\.5\d)( \+ (0\.5\d|1\.0\d|1\.5\d)){1,3} s$|^Task-\d+ waited on waitFor 1\.5\d s \+ Task-\d+ waited on I\/O \(an AbortSignal\) 1\.0\d s$/,
    );
    const all = Object.values(kinds(document)).flat();
    for (const kind of ['gather', 'waitFor', 'semaphore', 'signal'])
      assert.ok(all.includes(kind), kind);
  });

  it('bounded: the four rounds of the semaphore', async () => {
    assert.equal(
      chains(await explainedFile('bounded.mjs')).limited,
      'fetch_one(0), fetch_one(3), fetch_one(6), fetch_one(9) slept one after another: 1.00 + 1.00 + 1.00 + 1.00 s',
    );
  });

  it('retry, mirrors, queue, barrier: the sleeps that set each', async () => {
    const [retry, mirrors, queue, barrier] = await Promise.all(
      ['retry.mjs', 'mirrors.mjs', 'queue.mjs', 'barrier.mjs'].map(explainedFile),
    );
    assert.equal(
      chains(retry as RunDocument).retried,
      'main retry() slept 1.00 + 0.50 + 1.00 + 1.00 + 1.00 s',
    );
    assert.match(
      chains(retry as RunDocument)['cut off'] ?? '',
      /until the timeout entered at 4\.50 s expired$/,
    );
    assert.equal(chains(mirrors as RunDocument).first, 'us slept 0.80 s');
    assert.deepEqual(kinds(mirrors as RunDocument)['main mirrors()'], ['wait']);
    // Two workers end together: either is the last.
    assert.match(
      chains(queue as RunDocument)['all jobs'] ?? '',
      /^Task-[23] slept 1\.00 \+ 1\.00 \+ 1\.00 s$/,
    );
    const lines = Object.values(kinds(queue as RunDocument)).flat();
    for (const kind of ['queue.get', 'taskGroup']) assert.ok(lines.includes(kind), kind);
    assert.equal(
      chains(barrier as RunDocument).race,
      'cho, ben slept one after another: 1.50 + 1.00 s',
    );
    assert.ok(kinds(barrier as RunDocument)['ana anonymous()']?.includes('barrier'));
  });
});
