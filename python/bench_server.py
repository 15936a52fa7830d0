"""CPython's server for the round-trip bench of `npm run bench:targets`: the same as
src/bench/timer-server.ts, with asyncio's `start_server` (`--uvloop`: on uvloop's loop).

200 tasks keep sleeping a random 5-50 ms; `GET /` answers `ok`, `GET /reset` starts the CPU
count, `GET /cpu` answers the CPU seconds since, `GET /stop` ends the process. Prints its port.
"""

import asyncio
import random
import sys
import time

SLEEPERS = 200
running = True


async def sleeper():
    while running:
        await asyncio.sleep(random.uniform(0.005, 0.050))


def respond(writer, body):
    writer.write(b"HTTP/1.1 200 OK\r\nContent-Length: %d\r\nConnection: keep-alive\r\n\r\n%s" % (len(body), body))


async def main():
    global running
    cpu_from = time.process_time()
    stopped = asyncio.Event()

    async def handle(reader, writer):
        nonlocal cpu_from
        while True:
            head = await reader.readuntil(b"\r\n\r\n")
            path = head.split(b" ", 2)[1]
            if path == b"/reset":
                cpu_from = time.process_time()
            if path == b"/cpu":
                respond(writer, b"%f" % (time.process_time() - cpu_from))
            else:
                respond(writer, b"ok")
            if path == b"/stop":
                await writer.drain()
                writer.close()
                stopped.set()
                return

    async def serve(reader, writer):
        try:
            await handle(reader, writer)
        except (asyncio.IncompleteReadError, ConnectionError):
            writer.close()

    tasks = [asyncio.create_task(sleeper()) for _ in range(SLEEPERS)]
    server = await asyncio.start_server(serve, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await stopped.wait()
    running = False
    server.close()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)


if "--uvloop" in sys.argv:
    import uvloop

    uvloop.install()
asyncio.run(main())
