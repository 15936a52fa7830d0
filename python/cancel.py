"""The notebook's "cancelling a task" cell."""

import asyncio
import time

from _report import Report

r = Report("cancel")


async def some_task(sleep=1):
    while 1:
        await asyncio.sleep(r.seconds(sleep))
        r.say("task is running...")


async def main():
    start = time.perf_counter()
    task0 = asyncio.create_task(some_task())
    await asyncio.sleep(r.seconds(3))
    cancelling = time.perf_counter()
    task0.cancel()
    try:
        await task0
    except asyncio.CancelledError:
        r.say("task is cancelled")
    r.timing("cancel", time.perf_counter() - cancelling, 0)
    r.timing("total", time.perf_counter() - start, 3)


asyncio.run(main())
r.emit("CancelledError")
