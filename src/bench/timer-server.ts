/**
 * The server side of the round-trip bench (`bench:targets`): an HTTP server in a process where
 * 200 tasks keep sleeping a random 5-50 ms, as a real server's timeouts, retries and pollers do.
 * `node timer-server.js runtime|raw` sleeps with the runtime's `sleep` or with raw `setTimeout`;
 * it prints its port, answers `GET /` with `ok`, `GET /reset` starts its CPU count and
 * `GET /cpu` answers the CPU seconds since (every thread of the process).
 *
 * @module
 */
import { createServer } from 'node:http';
import { argv } from 'node:process';
import { setTimeout as nodeSleep } from 'node:timers/promises';
import { createTask, sleep } from '../runtime/index.js';

/** How many tasks sleep beside the server, and for how long each time (ms). */
export const SLEEPERS = 200;
const MIN_MS = 5;
const MAX_MS = 50;

const side = argv[2] === 'raw' ? 'raw' : 'runtime';
const napMs = () => MIN_MS + Math.random() * (MAX_MS - MIN_MS);
let running = true;

for (let i = 0; i < SLEEPERS; i++) {
  if (side === 'raw') {
    void (async () => {
      while (running) await nodeSleep(napMs());
    })();
  } else {
    createTask(async () => {
      while (running) await sleep(napMs() / 1000);
    });
  }
}

let cpuFrom = process.cpuUsage();
const server = createServer((req, res) => {
  if (req.url === '/reset') cpuFrom = process.cpuUsage();
  if (req.url === '/cpu') {
    const used = process.cpuUsage(cpuFrom);
    res.end(String((used.user + used.system) / 1e6));
    return;
  }
  if (req.url === '/stop') {
    running = false;
    res.end('ok', () => {
      server.close();
      server.closeAllConnections();
    });
    return;
  }
  res.end('ok');
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  process.stdout.write(`${typeof address === 'object' && address !== null ? address.port : 0}\n`);
});
