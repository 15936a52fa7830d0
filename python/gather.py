"""The notebook's "sync vs async (IO-Bound)" cells."""

import asyncio
import time

from _report import Report

r = Report("gather")


def get_data(sleep):
    time.sleep(r.seconds(sleep))
    return f"{sleep} s."


def get_sync_data():
    start_time = time.perf_counter()
    data = [get_data(sleep=sleep) for sleep in range(1, 4)]
    end_time = time.perf_counter()
    r.timing("sync", end_time - start_time, 6)
    r.say(f"Время выполнения (sync): {end_time - start_time:.2f} s")
    return data


async def aget_data(sleep):
    await asyncio.sleep(r.seconds(sleep))
    return f"{sleep} s."


async def get_sequential_data():
    # Not a notebook cell: the async version awaited one by one, which asyncdemo also shows.
    start_time = time.perf_counter()
    data = [await aget_data(sleep=sleep) for sleep in range(1, 4)]
    end_time = time.perf_counter()
    r.timing("sequential", end_time - start_time, 6)
    r.say(f"Время выполнения (sequential): {end_time - start_time:.2f} s")
    return data


async def get_async_data():
    start_time = time.perf_counter()
    funcs = [aget_data(sleep=sleep) for sleep in range(1, 4)]
    data = await asyncio.gather(*funcs)
    end_time = time.perf_counter()
    r.timing("async", end_time - start_time, 3)
    r.say(f"Время выполнения (async): {end_time - start_time:.2f} s")
    return data


r.say(repr(get_sync_data()))
r.say(repr(asyncio.run(get_sequential_data())))
r.say(repr(asyncio.run(get_async_data())))
r.emit("ok")
