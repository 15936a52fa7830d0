import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runCli } from '../helpers/cli.js';
import { BIN, outputIncludes, runNode, startNode } from '../helpers/spawn.js';
import { tempFolder } from '../helpers/temp.js';
import { traceProblems } from '../helpers/trace.js';

const STRICT = ['--trace-warnings', '--unhandled-rejections=strict'];

function hasPython311(): boolean {
  try {
    const out = execFileSync('python3', ['-c', 'import sys; print(sys.version_info >= (3, 11))'], {
      encoding: 'utf8',
    });
    return out.trim() === 'True';
  } catch {
    return false;
  }
}
/** In-process (fast); `spawned` where the process itself is under test. */
const run = (args: string[], env: NodeJS.ProcessEnv = {}) => runCli(args, env);
const spawned = (args: string[], env: NodeJS.ProcessEnv = {}) =>
  runNode([BIN, ...args], { nodeArgs: STRICT, env: { NO_COLOR: '1', ...env } });

describe('asyncdemo CLI', () => {
  it('prints the package version', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8'));
    const child = await run(['--version']);
    assert.equal(child.stdout.trim(), pkg.version);
    assert.equal(child.code, 0);
  });

  it('shows help with every scenario and exits 0', async () => {
    const child = await run(['--help']);
    assert.match(child.stdout, /gather/);
    assert.equal(child.code, 0);
  });

  it('--runs 3 --warmup 1: each timing is the median of 3 samples, with its statistics', async () => {
    const child = await run([
      'gather',
      '--scale',
      '0.02',
      '--runs',
      '3',
      '--warmup',
      '1',
      '--json',
    ]);
    assert.equal(child.code, 0);
    const result = JSON.parse(child.stdout);
    assert.deepEqual(result.runs.measured, 3);
    assert.equal(result.runs.warmup, 1);
    for (const timing of result.timings) {
      assert.equal(timing.samplesMs.length, 3);
      assert.equal(timing.wallMs, [...timing.samplesMs].sort((a: number, b: number) => a - b)[1]);
      assert.ok(timing.minMs <= timing.wallMs && timing.wallMs <= timing.maxMs);
      assert.ok(timing.stddevMs >= 0 && Number.isFinite(timing.meanMs));
    }
    assert.equal(result.checks[0].samples.length, 3);
  });

  it('--runs shows median ± σ and the range in the table', async () => {
    const child = await run(['timeout', '--scale', '0.02', '--runs', '2', '-q']);
    assert.match(child.stdout, /median ± σ\s+range/);
    assert.match(child.stdout, /\(2 runs, the transcript is the first's\)/);
  });

  it('refuses --runs 0 in one line', async () => {
    const child = await run(['gather', '--runs', '0']);
    assert.equal(child.code, 2);
    assert.equal(
      child.stderr.trim(),
      "asyncdemo: --runs must be a whole number from 1 to 1000, got '0'",
    );
  });

  it('tour -q names the experiment of each table', async () => {
    const child = await run(['tour', '--scale', '0.02', '-q']);
    assert.equal(child.code, 0);
    const headings = child.stdout.split('\n').filter((l) => l.startsWith('── '));
    assert.deepEqual(
      headings.map((l) => /\((\w+)\)$/.exec(l)?.[1]),
      ['coro', 'gather', 'cancel', 'taskgroup', 'timeout', 'cpu'],
    );
  });

  it('tour says why http is not in it', async () => {
    const child = await run(['tour', '--scale', '0.02']);
    assert.match(child.stdout, /http is not a stop of the tour: the notebook has no such cell/);
  });

  it('--lang ru: the title, the table and the outcome in Russian; additions marked', async () => {
    const child = await run(['coro', '--scale', '0.05', '--lang', 'ru']);
    assert.match(child.stdout, /^coro: coro vs Task \(масштаб времени 0\.05\)/);
    assert.match(child.stdout, /замер +измерено +идеал +разница/);
    assert.match(child.stdout, /итог: ok/);
    // The notebook prints None twice; the lines it does not have are marked as additions.
    const transcript = child.stdout.split('\n').slice(2, 8);
    for (const line of transcript.filter((l) => l !== 'None' && l !== ''))
      assert.match(line, /^\[\+\] /, line);
  });

  it('lists the scenarios in notebook order', async () => {
    const child = await run(['list']);
    assert.deepEqual(
      child.stdout
        .trim()
        .split('\n')
        .map((line) => line.split(/\s+/)[0]),
      ['coro', 'gather', 'cancel', 'taskgroup', 'timeout', 'cpu', 'http'],
    );
    assert.match(child.stdout, /^gather\s+sync vs async \(IO-bound\)$/m);
  });

  for (const name of ['coro', 'gather', 'cancel', 'taskgroup', 'timeout', 'cpu']) {
    it(`runs ${name} with no warning and no unhandled rejection`, async () => {
      const child = await spawned([name, '--scale', '0.02']);
      assert.equal(child.stderr, '');
      assert.equal(child.code, 0);
      assert.match(child.stdout, /outcome: /);
    });
  }

  it('tour --json writes one array of results, in notebook order', async () => {
    const child = await run(['tour', '--scale', '0.02', '--json']);
    const docs = JSON.parse(child.stdout) as Array<{ scenario: string; outcome: string }>;
    assert.deepEqual(
      docs.map((d) => [d.scenario, d.outcome]),
      [
        ['coro', 'ok'],
        ['gather', 'ok'],
        ['cancel', 'CancelledError'],
        ['taskgroup', 'ok'],
        ['timeout', 'TimeoutError'],
        ['cpu', 'TimeoutError'],
      ],
    );
    assert.equal(child.code, 0);
  });

  it('tour shows each scenario after its notes', async () => {
    const child = await run(['tour', '--scale', '0.02']);
    assert.match(child.stdout, /── 1\. coroutine vs Task\n {2}A coroutine is/);
    assert.match(child.stdout, /── 6\. CPU-bound work inside async code/);
  });

  it('prints only the result table with --quiet', async () => {
    const child = await run(['timeout', '--scale', '0.02', '--quiet']);
    assert.doesNotMatch(child.stdout, /Starting/);
    assert.match(child.stdout, /timeout\s+\d/);
  });

  it('exits at the limit, not when foo would have finished', async () => {
    const child = await spawned(['timeout', '--limit', '0.1', '--foo', '30']);
    assert.equal(child.code, 0);
    assert.ok(child.ms < 5000, `the process took ${child.ms} ms`);
  });

  it('runs gather: sync about twice async, each next to its ideal', async () => {
    const child = await run(['gather', '--scale', '0.05']);
    assert.equal(child.code, 0, child.stderr);
    assert.match(child.stdout, /Run time \(sync\): 0\.3\d s/);
    assert.match(child.stdout, /Run time \(async\): 0\.1\d s/);
    assert.match(child.stdout, /^\s+sync\s+3\d\d\.\d ms\s+300\.0 ms\s+\+[\d.]+ ms$/m);
    assert.match(child.stdout, /^\s+async\s+1\d\d\.\d ms\s+150\.0 ms\s+\+[\d.]+ ms$/m);
    const speedUp = Number(
      /async is ([\d.]+)x faster than sync \(ideal 2\.00x\)/.exec(child.stdout)?.[1],
    );
    assert.ok(speedUp > 1.8 && speedUp < 2.2, `speed-up ${speedUp}`);
    assert.equal(child.stderr, '');
  });

  it('writes one JSON document and nothing else to stdout with --json', async () => {
    const child = await run(['gather', '--scale', '0.02', '--json']);
    const doc = JSON.parse(child.stdout);
    assert.equal(doc.schema, 'asyncdemo.result/1');
    assert.equal(doc.scenario, 'gather');
    assert.equal(doc.scale, 0.02);
    assert.equal(doc.outcome, 'ok');
    assert.deepEqual(
      doc.timings.map((t: { label: string }) => t.label),
      ['sync', 'sequential', 'async'],
    );
    assert.equal(doc.transcript.length, 6);
    assert.equal(child.stderr, '');
  });

  it('keeps colour off when stdout is not a terminal', async () => {
    const child = await run(['gather', '--scale', '0.02', '--mode', 'async'], {
      NO_COLOR: undefined,
    });
    assert.equal(child.stdout.includes('\u001b['), false);
  });

  it('check --scale 0.05 passes every invariant, end to end, with JSON and JUnit', async () => {
    const junit = join(tempFolder('cli'), 'check.xml');
    const child = await run([
      'check',
      '--scale',
      '0.05',
      '--runs',
      '3',
      '--json',
      '--junit',
      junit,
    ]);
    const report = JSON.parse(child.stdout);
    assert.equal(report.schema, 'asyncdemo.check/1');
    assert.equal(report.config.scale, 0.05);
    assert.equal(
      report.summary.failed,
      0,
      JSON.stringify(report.checks.filter((c: { status: string }) => c.status !== 'pass')),
    );
    assert.ok(report.summary.total >= 14);
    assert.equal(child.code, 0);
    assert.match(
      readFileSync(junit, 'utf8'),
      /<testsuites name="asyncdemo check" tests="\d+" failures="0"/,
    );
  });

  it('gather --timeline draws the staircase and the overlap in 80 columns', async () => {
    const child = await run(['gather', '--scale', '0.05', '--timeline', '--quiet'], {
      COLUMNS: '80',
    });
    const rows = child.stdout.split('\n').filter((l) => /^(Task-\d+ )?a?get_data/.test(l));
    assert.equal(rows.length, 9);
    // The one-by-one calls are plain calls in the notebook: drawn as calls, not as tasks.
    assert.match(rows[0] ?? '', /^get_data\(1\) /);
    assert.match(rows[3] ?? '', /^aget_data\(1\) /);
    assert.match(rows[6] ?? '', /^Task-\d+ aget_data\(1\) /);
    const starts = rows.map((l) => l.indexOf('█'));
    assert.ok(
      (starts[0] ?? 0) < (starts[1] ?? 0) && (starts[1] ?? 0) < (starts[2] ?? 0),
      'sync: a staircase',
    );
    assert.equal(new Set(starts.slice(6)).size, 1, 'async: three bars that start together');
    for (const line of child.stdout.split('\n').slice(0, -2))
      assert.ok([...line].length <= 80, line);
  });

  it('timeout --trace writes a valid Chrome trace with the timeout and the cancellation', async () => {
    const file = join(tempFolder('cli'), 't.json');
    const child = await run(['timeout', '--scale', '0.05', '--trace', file, '--quiet']);
    assert.equal(child.code, 0);
    const trace = JSON.parse(readFileSync(file, 'utf8'));
    assert.deepEqual(traceProblems(trace), []);
    const instants = trace.traceEvents
      .filter((e: { ph: string }) => e.ph === 'i')
      .map((e: { name: string }) => e.name);
    assert.ok(instants.includes('timeout') && instants.includes('cancelled'), instants.join());
  });

  it('--timeline FILE.svg writes the chart as SVG', async () => {
    const file = join(tempFolder('cli'), 't.svg');
    await run(['taskgroup', '--scale', '0.02', '--timeline', file, '--quiet']);
    assert.match(readFileSync(file, 'utf8'), /^<svg [^>]*>[\s\S]*aget_data[\s\S]*<\/svg>\n$/);
  });

  it('cpu --compare shows the three variants with their lag', async () => {
    const child = await run(['cpu', '--compare', '--scale', '0.05']);
    assert.equal(child.code, 0, child.stderr);
    for (const variant of ['yield every 100', 'no yields', 'offload to a worker']) {
      assert.match(child.stdout, new RegExp(`^\\s+${variant}\\s+\\d`, 'm'));
    }
    assert.match(child.stdout, /max loop lag/);
  });

  it('cpu --yield-every 0 --debug reports the step that held the loop, as asyncio debug mode', async () => {
    const child = await run(['cpu', '--yield-every', '0', '--debug', '--scale', '0.1', '--json']);
    assert.equal(child.code, 0, child.stderr);
    assert.match(
      child.stderr,
      /^Executing <Task finished name='Task-\d+' coro=<func1\(\)> result='func1'> took 0\.[12]\d\d seconds$/m,
    );
    assert.equal(JSON.parse(child.stdout).outcome, 'TimeoutError');
  });

  it('cpu without --debug, or with its yields, reports no slow step', async () => {
    for (const args of [['--yield-every', '0'], ['--debug']]) {
      const child = await run(['cpu', ...args, '--scale', '0.1', '--quiet']);
      assert.doesNotMatch(child.stderr, /Executing/);
    }
  });

  it('gather --clock virtual: the notebook at scale 1 in a fraction of a second, timings exact', async () => {
    const start = performance.now();
    const child = await run(['gather', '--clock', 'virtual', '--json']);
    const realMs = performance.now() - start;
    assert.equal(child.code, 0, child.stderr);
    const doc = JSON.parse(child.stdout);
    assert.equal(doc.clock, 'virtual');
    for (const t of doc.timings) {
      assert.ok(Math.abs(t.wallMs - t.idealMs) < 5, JSON.stringify(t));
      assert.ok(t.realMs >= 0 && t.realMs < 100, JSON.stringify(t));
    }
    assert.ok(realMs < 3000, `${realMs} ms for 15 s of notebook time`);
  });

  it('tour --lang ru --html: the page title is in Russian too', async () => {
    const page = join(tempFolder('cli'), 'tour-ru.html');
    const child = await run([
      'tour',
      '--lang',
      'ru',
      '--clock',
      'virtual',
      '--scale',
      '0.05',
      '-q',
      '--html',
      page,
    ]);
    assert.equal(child.code, 0, child.stderr);
    assert.match(
      readFileSync(page, 'utf8'),
      /<title>asyncdemo tour: блокнот, ячейка за ячейкой<\/title>/,
    );
  });

  it('--clock virtual says so in the title and the table', async () => {
    const child = await run(['timeout', '--clock', 'virtual']);
    assert.match(child.stdout, /^timeout: .*\(virtual time\)$/m);
    assert.match(child.stdout, /^ {2}timing +virtual time +ideal +difference$/m);
  });

  it('cpu --yield-every 0 --clock virtual: func2 late by the work, as in real time', async () => {
    const child = await run([
      'cpu',
      '--yield-every',
      '0',
      '--clock',
      'virtual',
      '--scale',
      '0.1',
      '--json',
    ]);
    const doc = JSON.parse(child.stdout);
    const func2 = doc.timings.find((t: { label: string }) => t.label === 'func2');
    // The work is 2.5 s, func2's sleep 1 s: it runs at the end of the work, 1.5 s late.
    assert.ok(
      func2.wallMs / func2.idealMs > 2.2 && func2.wallMs / func2.idealMs < 3.1,
      JSON.stringify(func2),
    );
  });

  it('check --clock virtual judges timings made only of waiting to ±1 ms', async () => {
    const child = await run([
      'check',
      'gather',
      'timeout',
      '--clock',
      'virtual',
      '--scale',
      '1',
      '--runs',
      '2',
      '--json',
    ]);
    assert.equal(child.code, 0, child.stdout);
    const report = JSON.parse(child.stdout);
    assert.equal(report.config.clock, 'virtual');
    const timings = report.checks.filter((c: { unit: string }) => c.unit === 'ms');
    assert.ok(timings.length >= 4);
    // All but gather.sync (a blocking sleep: CPU time, not waiting) are made only of waiting. A
    // run in which the process was held off the CPU during a step falls back to the real-time
    // tolerance for that timing (a loaded CI runner does that now and then: timeout.fired once);
    // the others are ±1.
    const waitingOnly = timings.filter((c: { waitingOnly?: boolean }) => c.waitingOnly === true);
    const canWaitOnly = timings.filter((c: { id: string }) => c.id !== 'gather.sync');
    assert.ok(waitingOnly.length >= canWaitOnly.length - 1, JSON.stringify(timings));
    for (const c of waitingOnly) assert.equal(c.tolerance, 1, JSON.stringify(c));
    for (const c of timings) assert.ok(Math.abs(c.delta) < 25, JSON.stringify(c));
  });

  it('compare gather runs the notebook on CPython next to Node, in one JSON document', {
    skip: hasPython311() ? false : 'no python3 3.11 or newer on this machine',
  }, async () => {
    const child = await run(['compare', 'gather', '--scale', '0.05', '--json']);
    assert.equal(child.code, 0, child.stderr);
    const doc = JSON.parse(child.stdout);
    assert.equal(doc.schema, 'asyncdemo.compare/1');
    assert.deepEqual(
      doc.timings.map((t: { label: string }) => t.label),
      ['sync', 'sequential', 'async'],
    );
    for (const t of doc.timings) assert.ok(t.ratio > 0.8 && t.ratio < 1.25, JSON.stringify(t));
    // The same lines, the notebook's own, but for the measured times in them.
    const words = (lines: Array<{ text: string }>) =>
      lines.map((l) => l.text.replace(/\d+\.\d\d s/, 'N s'));
    assert.deepEqual(words(doc.cpython.transcript), words(doc.node.transcript));
  });

  const badInput: Array<[string[], RegExp]> = [
    [['gathr'], /unknown command 'gathr' \(Did you mean gather\?\)/],
    [['gather', '--bogus'], /unknown option '--bogus'/],
    [['gather', '--scale', '0'], /--scale must be a number above 0 and at most 10/],
    [['gather', '--scale', '1e9'], /--scale must be/],
    [['gather', '--scale', 'abc'], /--scale must be/],
    [['gather', '--clock', 'fake'], /--clock must be real or virtual/],
    [['check', '--clock', 'fake'], /--clock must be real or virtual/],
    [['gather', '--sleeps', '1,,x'], /--sleeps must be a comma-separated list of seconds/],
    [['gather', '--mode', 'fast'], /--mode takes any of sync,sequential,async/],
    [['gather', '--lang', 'xx'], /--lang must be one of en, ru/],
    [['timeout', '--limit', 'abc'], /--limit must be a number of seconds above 0/],
    [['timeout', '--limit', '-1'], /--limit must be a number of seconds above 0/],
    [['timeout', '--limit', '0'], /--limit must be a number of seconds above 0/],
    [['taskgroup', '--fail', '9'], /--fail must be a whole number from 0 to 2/],
    [['cpu', '--work', '-1'], /--work must be a number of seconds above 0/],
    [['cpu', '--yield-every', '-3'], /--yield-every must be a whole number from 0 to/],
    [['cancel', '--every', 'x'], /--every must be a number of seconds/],
    [['check', 'gathr'], /unknown scenario 'gathr' \(did you mean gather\?\)/],
    [['check', '--runs', '0'], /--runs must be a whole number from 1 to 100/],
    [['check', '--tolerance', 'lots'], /--tolerance must be a share from 0 to 1/],
    [
      ['check', '--junit', '/nonexistent/dir/x.xml', '--runs', '1', 'coro'],
      /--junit \/nonexistent\/dir\/x\.xml: the folder \/nonexistent\/dir does not exist/,
    ],
    [['gather', '--trace', '/tmp'], /--trace \/tmp: is a folder, not a file/],
    [['bench', '--save', '/nonexistent/b.json'], /--save \/nonexistent\/b\.json: the folder/],
    [['help', 'nope'], /unknown command 'nope'$/m],
    [['cpu', '--compare', '--offload'], /--compare runs its own variants .*: drop --offload/],
    [['cpu', '--compare', '--yield-every', '50'], /: drop --yield-every/],
    [['cpu', '--compare', '--timeline'], /--compare draws no timeline/],
    [['cpu', '--offload', '--yield-every', '5'], /--offload and --yield-every do not go together/],
    [['http', '--server', 'http://127.0.0.1:9/delay/{s}'], /--server http:\/\/127\.0\.0\.1:9: /],
    [['--timeline', 'x.svg', 'check'], /--timeline does not apply to 'check'/],
    [['bench', '--baseline', '/nonexistent/baseline.json'], /cannot read --baseline/],
    [['bench', '--baseline', BIN], /is not JSON/],
    [['bench', '--size', '2000000'], /--size must be a whole number from 1 to 1000000/],
    [['gather', '--timeline', 'chart.png'], /--timeline writes SVG/],
    [
      ['compare', 'gather', '--python', '/nonexistent'],
      /no suitable Python: '\/nonexistent' not found; compare needs Python 3\.11/,
    ],
    [
      ['compare', 'gathr'],
      /compare takes one of gather, cancel, taskgroup, timeout, cpu, got 'gathr' \(did you mean gather\?\)/,
    ],
    [['http', '--server', 'http://example/none'], /--server must be an http\(s\) URL with \{s\}/],
  ];
  for (const [args, message] of badInput) {
    it(`rejects ${args.join(' ')} in one line with exit code 2`, async () => {
      const child = await run(args);
      assert.equal(child.code, 2);
      assert.match(child.stderr, message);
      assert.equal(child.stderr.trim().split('\n').length, 1, child.stderr);
      assert.doesNotMatch(child.stderr, /\bat .+:\d+:\d+/);
      assert.equal(child.stdout, '');
    });
  }

  it('http closes its server and sockets on Ctrl+C, and exits 130 at once', async () => {
    const running = startNode([BIN, 'http', '--sleeps', '30', '--mode', 'async'], {
      nodeArgs: STRICT,
    });
    await outputIncludes(running, 'http');
    await new Promise((resolve) => setTimeout(resolve, 300)); // the requests are in flight
    const sent = performance.now();
    running.child.kill('SIGINT');
    const ended = await running.ended;
    assert.equal(ended.code, 130);
    assert.ok(performance.now() - sent < 500, 'nothing kept it alive');
  });

  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`cancels the run on ${signal} and exits ${code} at once`, async () => {
      const running = startNode([BIN, 'gather', '--mode', 'async', '--sleeps', '30'], {
        nodeArgs: STRICT,
      });
      // The header line means the run has started and the handlers are in place.
      await outputIncludes(running, 'gather');
      const sent = performance.now();
      running.child.kill(signal);
      const { code: exitCode, stderr } = await running.ended;
      const ms = performance.now() - sent;
      assert.equal(exitCode, code);
      assert.match(stderr, new RegExp(`interrupted by ${signal}`));
      assert.ok(ms < 500, `exited ${ms.toFixed(0)} ms after the signal`);
    });
  }
});
