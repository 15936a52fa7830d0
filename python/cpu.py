"""The notebook's CPU-bound cell.

As in asyncdemo, func1 computes i ** i until it has held the thread for 2.5 notebook seconds
(summed over its chunks), with i cycling through range(10_000 x scale^0.55), so that the work
is the same at any --scale and on any machine; it yields every 100 iterations.
"""

import asyncio
import time

from _report import Report

r = Report("cpu")
start = time.perf_counter()
CYCLE = max(100, round(10_000 * r.scale**0.55))


async def func1():
    r.say("🚀 Запуск func1()...")
    busy = 0.0
    i = 0
    while busy < r.seconds(2.5):
        chunk_start = time.perf_counter()
        for _ in range(100):
            n = i % CYCLE
            n**n
            i += 1
        busy += time.perf_counter() - chunk_start
        # Переключаем контекст для того, что бы дать пройти циклу событий
        await asyncio.sleep(0)
    r.say("✅ func1(): OK")
    return "func1"


async def func2():
    r.say("🚀 Запуск func2()...")
    try:
        await asyncio.sleep(r.seconds(1))
    finally:
        r.timing("func2", time.perf_counter() - start, 1)
    r.say("✅ func2(): OK")
    return "func2"


async def run_f1_f2():
    async with asyncio.timeout(r.seconds(2)):
        await asyncio.gather(func1(), func2())
    r.timing("total", time.perf_counter() - start, 2.5)
    r.say(f"Время выполнения (async): {time.perf_counter() - start:.2f} s")


try:
    asyncio.run(run_f1_f2())
    r.emit("ok")
except TimeoutError:
    r.timing("timeout", time.perf_counter() - start, 2)
    r.say("TimeoutError")
    r.emit("TimeoutError")
