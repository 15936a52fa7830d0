/**
 * The round-trip bench of `bench:targets`: how long a server's I/O waits behind its loop's
 * timers. Each server runs in its own process with 200 tasks sleeping 5-50 ms (raw Node's
 * `setTimeout`, the runtime's `sleep`, CPython's asyncio, uvloop when installed); a client, in
 * a process of its own, sends keep-alive GETs one every 2 ms over one connection and times each
 * round trip. Rounds are interleaved, so a busy moment of the machine falls on every side alike.
 * Each round measures a server from its start and again once warm (see {@link measureRound}).
 *
 * @module
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { connect, type Socket } from 'node:net';
import { fileURLToPath } from 'node:url';
import { median, percentile } from '../stats.js';

/** A server to measure: how to start it. */
export interface ServerSide {
  name: string;
  command: string;
  args: string[];
}

/** One window of one side: round trips in ms, and the server's CPU seconds meanwhile. */
export interface RoundTrips {
  p50Ms: number;
  p99Ms: number;
  cpuS: number;
}

/** A round's two windows: from the server's start, and once warm. */
export interface RoundWindows<T = RoundTrips> {
  fresh: T;
  warm: T;
}

const REQUEST = 'GET / HTTP/1.1\r\nHost: bench\r\n\r\n';

/** The sides: raw Node, the runtime, CPython's asyncio and, if it imports, uvloop. */
export function serverSides(python: string, withUvloop: boolean): ServerSide[] {
  const node = fileURLToPath(new URL('./timer-server.js', import.meta.url));
  const py = fileURLToPath(new URL('../../python/bench_server.py', import.meta.url));
  const sides: ServerSide[] = [
    { name: 'raw Node', command: process.execPath, args: [node, 'raw'] },
    { name: 'runtime', command: process.execPath, args: [node, 'runtime'] },
    { name: 'CPython', command: python, args: [py] },
  ];
  if (withUvloop) sides.push({ name: 'uvloop', command: python, args: [py, '--uvloop'] });
  return sides;
}

/** Starts a server and resolves to its process and port (its first line on stdout). */
function startServer(side: ServerSide): Promise<{ child: ChildProcess; port: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(side.command, side.args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      if (!out.includes('\n')) return;
      child.stdout?.off('data', onData);
      resolve({ child, port: Number(out.trim()) });
    };
    child.stdout?.on('data', onData);
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${side.name} server exited (${code})`)));
  });
}

/** One keep-alive connection that sends a request and resolves to the response's body. */
class Connection {
  #buffer = '';
  #waiting: ((body: string) => void) | undefined;

  constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => {
      this.#buffer += chunk.toString('latin1');
      this.#take();
    });
  }

  static open(port: number): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1', () => resolve(new Connection(socket)));
      socket.once('error', reject);
    });
  }

  get(path: string): Promise<string> {
    return new Promise((resolve) => {
      this.#waiting = resolve;
      this.socket.write(REQUEST.replace('/', path));
    });
  }

  close(): void {
    this.socket.destroy();
  }

  #take(): void {
    const end = this.#buffer.indexOf('\r\n\r\n');
    if (end < 0) return;
    const length = Number(/content-length: *(\d+)/i.exec(this.#buffer.slice(0, end))?.[1] ?? 0);
    if (this.#buffer.length < end + 4 + length) return;
    const body = this.#buffer.slice(end + 4, end + 4 + length);
    this.#buffer = this.#buffer.slice(end + 4 + length);
    const waiting = this.#waiting;
    this.#waiting = undefined;
    waiting?.(body);
  }
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One measuring window on an open connection: the server's CPU count restarts, then `requests`
 * GETs go out, one every `everyMs` (or at once after a late one).
 */
async function measureWindow(
  connection: Connection,
  requests: number,
  everyMs: number,
): Promise<RoundTrips> {
  await connection.get('/reset');
  const trips: number[] = [];
  const start = performance.now();
  for (let i = 0; i < requests; i++) {
    const due = start + i * everyMs;
    const wait = due - performance.now();
    if (wait > 0) await pause(wait);
    const sent = performance.now();
    await connection.get('/');
    trips.push(performance.now() - sent);
  }
  const cpuS = Number(await connection.get('/cpu'));
  return { p50Ms: median(trips), p99Ms: percentile(trips, 99), cpuS };
}

/**
 * One round of one side, on one server process: `fresh`, the first window from its start (V8
 * still compiling the hot code of a Node server: the runtime's loop takes 3-4 s of this load to
 * be optimized, Node's own timers less), then a window of the same load unmeasured, then `warm`:
 * the server as it serves for hours. (Measured right after the fresh window, 3-6 s in, both Node
 * servers still had a tail of 1.1-1.5 ms at the 99th percentile on a slow day of this VM, and 0.4
 * ms from 6 s on; the runtime's, whose code V8 optimizes later, moved the most.)
 */
export async function measureRound(
  side: ServerSide,
  requests: number,
  everyMs: number,
): Promise<RoundWindows> {
  const { child, port } = await startServer(side);
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const connection = await Connection.open(port);
  try {
    for (let i = 0; i < 50; i++) await connection.get('/'); // warm both ends up
    await pause(100);
    const fresh = await measureWindow(connection, requests, everyMs);
    await measureWindow(connection, requests, everyMs); // settling
    const warm = await measureWindow(connection, requests, everyMs);
    await connection.get('/stop');
    return { fresh, warm };
  } finally {
    connection.close();
    child.kill();
    await exited;
  }
}

/** One side's figures: the median over the rounds of each, and every round's. */
export type SideFigures = RoundTrips & { all: RoundTrips[] };

function medians(runs: RoundTrips[]): SideFigures {
  return {
    p50Ms: median(runs.map((r) => r.p50Ms)),
    p99Ms: median(runs.map((r) => r.p99Ms)),
    cpuS: median(runs.map((r) => r.cpuS)),
    all: runs,
  };
}

/**
 * One round in a client process of its own (`round-trip-client.js`), as a server's clients are:
 * the bench's own process has just made and dropped hundreds of megabytes of tasks, and its
 * collector's work would fall on the round trips of whichever side came next.
 */
function roundInOwnProcess(
  side: ServerSide,
  requests: number,
  everyMs: number,
): Promise<RoundWindows> {
  const client = fileURLToPath(new URL('./round-trip-client.js', import.meta.url));
  const args = [client, JSON.stringify(side), String(requests), String(everyMs)];
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, (error, stdout) => {
      if (error !== null) reject(error);
      else resolve(JSON.parse(stdout));
    });
  });
}

/** Per side, the medians over `rounds` interleaved rounds, once warm and from a fresh start. */
export async function roundTrips(
  sides: ServerSide[],
  rounds: number,
  requests = 1500,
  everyMs = 2,
): Promise<Map<string, RoundWindows<SideFigures>>> {
  const all = new Map<string, RoundWindows<RoundTrips[]>>(
    sides.map((side) => [side.name, { warm: [], fresh: [] }]),
  );
  for (let round = 0; round < rounds; round++) {
    // Interleaved, and each round in another order, so no side always follows the same one.
    const order = round % 2 === 0 ? sides : [...sides].reverse();
    for (const side of order) {
      const { fresh, warm } = await roundInOwnProcess(side, requests, everyMs);
      all.get(side.name)?.fresh.push(fresh);
      all.get(side.name)?.warm.push(warm);
    }
  }
  const figures = new Map<string, RoundWindows<SideFigures>>();
  for (const [name, runs] of all) {
    figures.set(name, { warm: medians(runs.warm), fresh: medians(runs.fresh) });
  }
  return figures;
}
