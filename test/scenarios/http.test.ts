import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, it } from 'node:test';
import { startDelayServer } from '../../src/scenarios/delay-server.js';
import { httpScenario } from '../../src/scenarios/http.js';
import { failedExactChecks, lines, runAt, wallMs } from '../helpers/scenario.js';
import { BIN, runNode } from '../helpers/spawn.js';

describe('http scenario', () => {
  it('takes the sum one by one and the longest with gather, over real sockets', async () => {
    const result = await runAt(httpScenario, 0.05);
    const ratio = wallMs(result, 'sequential') / wallMs(result, 'async');
    assert.ok(ratio > 1.7 && ratio < 2.2, `sequential/async = ${ratio.toFixed(2)}`);
    assert.ok(lines(result).includes("['1 s.', '2 s.', '3 s.']"));
    assert.equal(result.outcome, 'ok');
  });

  it('--limit aborts the requests in flight, and the server sees them closed', async () => {
    const result = await runAt(httpScenario, 0.05, { limit: '2', mode: 'async' });
    assert.equal(result.outcome, 'TimeoutError');
    assert.deepEqual(failedExactChecks(result), []);
    assert.match(
      lines(result).at(-1) ?? '',
      /the server saw [12] requests? closed before the answer/,
    );
  });

  it('says that a limit equal to a delay races that request', async () => {
    const result = await runAt(httpScenario, 0.05, { limit: '2', mode: 'async' });
    assert.match(lines(result)[0] ?? '', /a request ends just as the 2 s limit does/);
  });

  it('says nothing of a race when the limit falls between two delays', async () => {
    const result = await runAt(httpScenario, 0.05, { limit: '2.5', mode: 'async' });
    assert.ok(!lines(result).some((l) => l.includes('just as')));
    assert.deepEqual(failedExactChecks(result), []);
  });
});

describe('http --server', () => {
  it('runs the client half against a server it did not start', async () => {
    const server = await startDelayServer(0.05);
    try {
      const child = await runNode([
        BIN,
        'http',
        '--scale',
        '0.05',
        '--server',
        server.urlTemplate,
        '--json',
      ]);
      assert.equal(child.code, 0, child.stderr);
      const doc = JSON.parse(child.stdout);
      assert.ok(
        doc.transcript.some((l: { text: string }) => l.text === "['1 s.', '2 s.', '3 s.']"),
      );
      assert.equal(doc.options.server, server.urlTemplate);
    } finally {
      await server.close();
    }
  });

  it('asks the server for the scaled seconds, after a probe for 0', async () => {
    const asked: string[] = [];
    const server = createServer((req, res) => {
      asked.push(req.url ?? '');
      const seconds = Number(req.url?.split('/').at(-1));
      setTimeout(() => res.end(`${seconds} s.`), seconds * 1000);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      const child = await runNode([
        BIN,
        'http',
        '--scale',
        '0.1',
        '--mode',
        'async',
        '--server',
        `http://127.0.0.1:${port}/delay/{s}`,
        '--quiet',
      ]);
      assert.equal(child.code, 0, child.stderr);
      assert.deepEqual(asked.sort(), ['/delay/0', '/delay/0.1', '/delay/0.2', '/delay/0.3']);
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('the delay server', () => {
  it('answers /delay/S after S seconds of wall clock, naming the notebook seconds', async () => {
    const server = await startDelayServer(0.05);
    try {
      const start = performance.now();
      const response = await fetch(server.urlTemplate.replace('{s}', '0.05'));
      assert.equal(await response.text(), '1 s.');
      assert.ok(performance.now() - start >= 50);
      assert.equal((await fetch(server.urlTemplate.replace('/delay/{s}', '/nope'))).status, 404);
    } finally {
      await server.close();
    }
  });

  it('closes every socket on close, even with a request pending', async () => {
    const server = await startDelayServer(1);
    const pending = fetch(server.urlTemplate.replace('{s}', '30')).catch((err: Error) => err);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = performance.now();
    await server.close();
    assert.ok(performance.now() - start < 500);
    assert.ok((await pending) instanceof Error, 'the pending request was cut');
  });

  for (const [name, args] of [
    ['done', ['http', '--scale', '0.02']],
    ['a timeout', ['http', '--scale', '0.02', '--limit', '1']],
  ] as const) {
    it(`lets the process end right away after ${name}`, async () => {
      const child = await runNode([BIN, ...args, '--quiet'], { nodeArgs: ['--trace-warnings'] });
      assert.equal(child.code, 0, child.stderr);
      assert.equal(child.stderr, '');
      assert.ok(child.ms < 3000, `took ${child.ms} ms`);
    });
  }
});
