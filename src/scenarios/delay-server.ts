/**
 * The `http` scenario's server: `GET /delay/S` answers `S s.` after S seconds (wall clock), on
 * 127.0.0.1 and a port the system picks, and counts the requests whose client went away first.
 *
 * @module
 */
import { createServer, type Server } from 'node:http';
import type { Socket } from 'node:net';
import { callLater, msToSeconds, type TimerHandle, withAbortSignal } from '../runtime/index.js';

/** A running delay server. */
export interface DelayServer {
  /** URL template with `{s}` for the delay: `http://127.0.0.1:PORT/delay/{s}`. */
  readonly urlTemplate: string;
  /** The delays (notebook seconds) of the requests closed by the client before their answer was sent. */
  aborted(): number[];
  /** Stops it: pending answers cancelled, every socket closed. */
  close(): Promise<void>;
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address !== null ? address.port : 0);
    });
  });
}

/**
 * Starts a delay server for a client running at `scale`: it waits the wall-clock seconds asked
 * for and answers with the notebook's (wall / scale).
 */
export async function startDelayServer(scale: number): Promise<DelayServer> {
  const sockets = new Set<Socket>();
  const pending = new Set<TimerHandle>();
  const aborted: number[] = [];
  const server = createServer((req, res) => {
    const match = /^\/delay\/(\d+(?:\.\d+)?)$/.exec(req.url ?? '');
    if (match === null || req.method !== 'GET') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('GET /delay/SECONDS\n');
      return;
    }
    const seconds = match[1] as string;
    // The delay is wall-clock seconds (the client scales its notebook seconds); the answer
    // names the notebook's, as aget_data does.
    const notebookSeconds = Number((Number(seconds) / scale).toPrecision(6));
    // On the runtime's loop, whose deadlines are never early; its own scale cancels out.
    const timer = callLater(msToSeconds(Number(seconds) * 1000), () => {
      pending.delete(timer);
      res.writeHead(200, { 'content-type': 'text/plain' }).end(`${notebookSeconds} s.`);
    });
    pending.add(timer);
    res.on('close', () => {
      if (res.writableFinished) return;
      aborted.push(notebookSeconds);
      timer.cancel();
      pending.delete(timer);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // Awaited as a runtime future, so that the task goes on in its step (cancellable) after it.
  let port: number;
  try {
    port = await withAbortSignal(() => listen(server));
  } catch (err) {
    server.close();
    throw err;
  }
  return {
    urlTemplate: `http://127.0.0.1:${port}/delay/{s}`,
    aborted: () => [...aborted],
    close: () =>
      new Promise<void>((resolve) => {
        for (const timer of pending) timer.cancel();
        pending.clear();
        server.close(() => resolve());
        server.closeAllConnections();
        for (const socket of sockets) socket.destroy();
      }),
  };
}
