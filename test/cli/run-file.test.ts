import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BIN, outputIncludes, runNode, startNode } from '../helpers/spawn.js';
import { tempFolder } from '../helpers/temp.js';

const env = { NO_COLOR: '1' };
const examples = fileURLToPath(new URL('../../../examples/', import.meta.url));
/** A folder far from the package: no node_modules up the tree resolves 'asyncdemo'. */
const away = tempFolder('files');

function file(name: string, body: string): string {
  const path = join(away, name);
  writeFileSync(path, body);
  return path;
}

const run = (...args: string[]) => runNode([BIN, ...args], { env });

const SCALE_PROBE = `import { defineExperiment, getTimeScale, createTask, sleep } from 'asyncdemo';
export default defineExperiment({
  name: 'probe',
  title: 'sees the CLI runtime',
  async run(ctx) {
    await ctx.measure('nap', 1, () => createTask(() => sleep(1)));
    ctx.say('scale ' + getTimeScale() + ' ctx ' + ctx.scale);
  },
});
`;

/** One line on stderr naming the file, exit 2, nothing on stdout. */
function assertBadFile(
  child: { code: number | null; stdout: string; stderr: string },
  pattern: RegExp,
) {
  assert.equal(child.code, 2, child.stderr);
  assert.equal(child.stdout, '');
  const lines = child.stderr.trim().split('\n');
  assert.equal(lines.length, 1, child.stderr);
  assert.match(lines[0] ?? '', pattern);
}

describe('asyncdemo run FILE', () => {
  it('runs an experiment file: table, checks and --json, as a built-in', async () => {
    const child = await run('run', join(examples, 'bounded.mjs'), '--scale', '0.05', '--json');
    assert.equal(child.code, 0, child.stderr);
    const result = JSON.parse(child.stdout);
    assert.equal(result.scenario, 'bounded');
    assert.deepEqual(
      result.checks.map((c: { id: string; pass: boolean }) => [c.id, c.pass]),
      [
        ['bounded.gather', true],
        ['bounded.limited', true],
        ['bounded.order', true],
      ],
    );
    const [all, limited] = result.timings.map((t: { wallMs: number }) => t.wallMs);
    assert.ok(limited / all > 3.5 && limited / all < 4.3, `limited/all = ${limited / all}`);
  });

  it("resolves 'asyncdemo' to the CLI's own runtime from a folder without node_modules", async () => {
    const child = await run('run', file('probe.mjs', SCALE_PROBE), '--scale', '0.05', '--timeline');
    assert.equal(child.code, 0, child.stderr);
    assert.match(child.stdout, /scale 0\.05 ctx 0\.05/); // one module instance: the CLI's scale
    // and its task events (it may wait for the loop first, `~`, on a loaded machine)
    assert.match(child.stdout, /^Task-\d+ anonymous\(\) +~*█/m);
  });

  it('reports a failed task whose error nobody retrieved when the run ends, as asyncio.run', async () => {
    const path = file(
      'lost.mjs',
      `import { defineExperiment, createTask, sleep } from 'asyncdemo';
export default defineExperiment({
  name: 'lost',
  title: 'forgets a task',
  async run(ctx) {
    createTask(async function forgotten() { throw new TypeError('nobody read me'); }, { name: 'Task-lost' });
    await sleep(0.01);
    ctx.say('main done');
  },
});
`,
    );
    const child = await run('run', path, '--scale', '0.05', '--json');
    assert.equal(child.code, 0, child.stderr);
    assert.equal(JSON.parse(child.stdout).scenario, 'lost'); // stdout stays one document
    assert.match(
      child.stderr,
      /^Task exception was never retrieved\ntask: <Task finished name='Task-lost' coro=<forgotten\(\)> exception=TypeError\('nobody read me'\)>\nTypeError: nobody read me\n {4}at forgotten /m,
    );
  });

  it('crawls twelve pages four at a time through withAbortSignal: on time, no warning', async () => {
    // The median of three runs at half scale (a 1 s page answers 250 ms before the 1.5 s limit):
    // twelve fetches on a machine busy with the rest of the suite take their time.
    const child = await run(
      'run',
      join(examples, 'crawl.mjs'),
      '--scale',
      '0.5',
      '--runs',
      '3',
      '--json',
    );
    assert.equal(child.code, 0, child.stderr);
    assert.equal(child.stderr, '');
    const result = JSON.parse(child.stdout);
    const checks = new Map<string, { pass: boolean; actual: number; expected: number }>(
      result.checks.map((c: { id: string }) => [c.id, c]),
    );
    assert.deepEqual([...checks.keys()], ['crawl.crawl', 'crawl.given-up']);
    assert.equal(checks.get('crawl.given-up')?.pass, true);
    // On time within 150 ms of the 1.25 s ideal, not the check's 62 ms: twelve real fetches on a
    // loaded CI runner took longer (Node 22). A cancel that waited for the slow page's answer
    // (a bare fetch) would be 250 ms late, and warn.
    const crawl = checks.get('crawl.crawl');
    const lateMs = (crawl?.actual ?? Number.NaN) - (crawl?.expected ?? Number.NaN);
    assert.ok(lateMs > -25 && lateMs < 150, `crawl ${crawl?.actual} ms for ${crawl?.expected}`);
    assert.equal(result.warnings, undefined);
  });

  it('warns once of a cancel a bare fetch held back, on stderr and in --json, and fails the timing it spoiled', async () => {
    const child = await run(
      'run',
      join(examples, 'crawl.mjs'),
      '--scale',
      '0.1',
      '--bare',
      '--json',
    );
    const line =
      /^Task-\d+ was cancelled at 1\.\d\d s but awaited a promise the runtime cannot interrupt until 2\.\d\d s \(\+\d+ ms\): wrap it in withAbortSignal\(signal => fetch\(url, \{ signal \}\)\)$/;
    const warnings = child.stderr.trim().split('\n');
    assert.equal(warnings.length, 1, child.stderr);
    assert.match(warnings[0]?.replace(/^warning: /, '') ?? '', line);
    const result = JSON.parse(child.stdout);
    assert.equal(result.warnings.length, 1);
    assert.match(result.warnings[0], line);
    const crawl = result.checks.find((c: { id: string }) => c.id === 'crawl.crawl');
    assert.equal(crawl.pass, false);
    assert.equal(crawl.reason, result.warnings[0]);
  });

  it('run FILE --clock virtual: an hour of sleeping, reported as 3600.00 s in under a second', async () => {
    const path = file(
      'hour.mjs',
      `import { defineExperiment, sleep } from 'asyncdemo';
export default defineExperiment({
  name: 'hour',
  title: 'an hour of waiting',
  async run(ctx) {
    await ctx.measure('hour', 3600, () => sleep(3600));
  },
});
`,
    );
    const start = performance.now();
    const child = await run('run', path, '--clock', 'virtual', '--quiet');
    assert.equal(child.code, 0, child.stderr);
    assert.match(child.stdout, /^ {2}hour +3600\.00 s +3600\.00 s +\+0\.\d ms$/m);
    assert.ok(performance.now() - start < 5000);
  });

  it('check fails the timing a late cancel spoiled, with the warning as the reason', async () => {
    const path = file(
      'late.mjs',
      `import { defineExperiment, TimeoutError, waitFor } from 'asyncdemo';
export default defineExperiment({
  name: 'late',
  title: 'a timeout over a bare timer promise',
  async run(ctx) {
    await ctx.measure('limited', 1, () =>
      waitFor(() => new Promise((resolve) => setTimeout(resolve, ctx.ms(1.2))), 1).catch((err) => {
        if (!(err instanceof TimeoutError)) throw err;
      }),
    );
  },
});
`,
    );
    const child = await run('check', path, '--scale', '0.05', '--runs', '1');
    assert.equal(child.code, 1, child.stderr);
    assert.match(
      child.stdout,
      /late\.limited .* FAIL\n {4}Task-\d+ was cancelled at 1\.\d\d s but awaited a promise the runtime cannot interrupt until 1\.(19|[2-4]\d) s/,
    );
  });

  it('takes the experiment options, and refuses a bad value in one line', async () => {
    const ok = await run('run', join(examples, 'bounded.mjs'), '--limit', '5', '--scale', '0.05');
    assert.match(ok.stdout, /limited +\d+\.\d ms +100\.0 ms/); // two rounds of 0.05 s
    const bad = await run('run', join(examples, 'bounded.mjs'), '--limit', 'x');
    assertBadFile(bad, /^asyncdemo: --limit must be a whole number ≥ 1, got 'x'$/);
  });

  it('a missing file: one line, exit 2', async () => {
    assertBadFile(await run('run', join(away, 'nope.mjs')), /nope\.mjs: no such file$/);
  });

  it('a folder: one line, exit 2', async () => {
    assertBadFile(await run('run', `${away}/`), /: not a file$/);
  });

  it('a syntax error: its line and column', async () => {
    const path = file('syntax.mjs', "import { defineExperiment } from 'asyncdemo';\nconst = 3;\n");
    assertBadFile(await run('run', path), /syntax\.mjs:2:7: SyntaxError: Unexpected token '='$/);
  });

  it('no default export', async () => {
    const path = file('nodefault.mjs', 'export const x = 1;\n');
    assertBadFile(await run('run', path), /nodefault\.mjs: no default export/);
  });

  it('a default export that is not an experiment', async () => {
    const path = file('plain.mjs', 'export default { name: "x", run() {} };\n');
    assertBadFile(await run('run', path), /plain\.mjs: the default export is not an experiment/);
  });

  it('an invalid definition', async () => {
    const path = file(
      'invalid.mjs',
      "import { defineExperiment } from 'asyncdemo';\nexport default defineExperiment({ name: 'Bad Name', title: 't', run() {} });\n",
    );
    assertBadFile(
      await run('run', path),
      /invalid\.mjs(:\d+)?: TypeError: defineExperiment: name must be one lower-case word/,
    );
  });

  it('a run that throws before measuring: one line, exit 2, nothing on stdout', async () => {
    const path = file(
      'throws.mjs',
      "import { defineExperiment } from 'asyncdemo';\nexport default defineExperiment({ name: 'throws', title: 't', async run(ctx) { ctx.say('hello'); throw new Error('no config'); } });\n",
    );
    assertBadFile(
      await run('run', path),
      /throws\.mjs: run\(\) threw before measuring: Error: no config$/,
    );
  });

  it('a run that throws after measuring fails the experiment: exit 1', async () => {
    const path = file(
      'late.mjs',
      "import { defineExperiment, sleep } from 'asyncdemo';\nexport default defineExperiment({ name: 'late', title: 't', async run(ctx) { await ctx.measure('nap', 0.1, () => sleep(0.1)); throw new Error('broke'); } });\n",
    );
    const child = await run('run', path, '--scale', '0.1');
    assert.equal(child.code, 1);
    assert.match(child.stderr, /late\.mjs: run\(\) threw: Error: broke/);
  });

  it('a .ts file: runs where Node strips types, else one line saying so', async () => {
    const path = file(
      'typed.ts',
      SCALE_PROBE.replace(
        'async run(ctx)',
        'async run(ctx: { measure: Function; say: Function; scale: number })',
      ),
    );
    const child = await run('run', path, '--scale', '0.05');
    if ((process.features as { typescript?: unknown }).typescript) {
      assert.equal(child.code, 0, child.stderr);
      assert.match(child.stdout, /scale 0\.05/);
    } else {
      assertBadFile(child, /typed\.ts: TypeScript needs a Node that strips types .*this is Node v/);
    }
  });

  it('Ctrl+C cancels the run and exits 130', async () => {
    const running = startNode([BIN, 'run', join(examples, 'bounded.mjs')], { env });
    await outputIncludes(running, 'gather: 10 waits');
    running.child.kill('SIGINT');
    const ended = await running.ended;
    assert.equal(ended.code, 130, ended.stderr);
  });
});

describe('asyncdemo check FILE...', () => {
  it('checks the examples next to a built-in one', async () => {
    // Not crawl: at this scale its twelve real fetches add 15-50 ms to a 125 ms ideal, at the
    // 25 ms floor; it is checked on its own above, at half scale.
    const child = await runNode(
      [
        BIN,
        'check',
        join(examples, 'bounded.mjs'),
        join(examples, 'queue.mjs'),
        join(examples, 'retry.mjs'),
        join(examples, 'mirrors.mjs'),
        join(examples, 'barrier.mjs'),
        'coro',
        '--scale',
        '0.05',
        '--runs',
        '2',
        '--json',
      ],
      { env },
    );
    const report = JSON.parse(child.stdout);
    const failed = (report.checks as { status: string }[]).filter((c) => c.status !== 'pass');
    assert.equal(child.code, 0, JSON.stringify(failed, null, 1) + child.stderr);
    assert.deepEqual(report.config.scenarios, [
      'bounded',
      'queue',
      'retry',
      'mirrors',
      'barrier',
      'coro',
    ]);
    assert.equal(report.summary.failed, 0);
  });

  it('exits 1 when a file experiment fails its checks', async () => {
    const path = file(
      'slow.mjs',
      "import { defineExperiment, blockingSleep } from 'asyncdemo';\nexport default defineExperiment({ name: 'slow', title: 't', async run(ctx) { await ctx.measure('quick', 0.1, async () => blockingSleep(1)); } });\n",
    );
    const child = await runNode([BIN, 'check', path, '--scale', '0.1', '--runs', '1'], { env });
    assert.equal(child.code, 1, child.stderr);
    assert.match(child.stdout, /slow\.quick .* FAIL/);
  });

  it('a bad file in check: one line, exit 2', async () => {
    const child = await runNode([BIN, 'check', join(away, 'missing.mjs')], { env });
    assertBadFile(child, /missing\.mjs: no such file$/);
  });
});
