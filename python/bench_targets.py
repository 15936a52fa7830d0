"""CPython's side of `npm run bench:targets`: the same figures, measured with asyncio.

Prints one JSON document: heap per pending sleeping task (tracemalloc) and cancelling 100 000
pending tasks until all have settled.

With `--lateness TRIALS` it prints only the lateness of asyncio.timeout(0.05) over TRIALS (after a
warm-up of 20), and with `--spawn SAMPLES` only the milliseconds of SAMPLES spawns and joins of
100 000 tasks in a TaskGroup: the Node side runs them in rounds, in turns with its own, so that
both meet the same machine.
"""

import asyncio
import gc
import json
import statistics
import sys
import time
import tracemalloc

N = 100_000


async def heap_per_pending_task():
    async def sleeper():
        await asyncio.sleep(3600)

    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    tasks = [asyncio.create_task(sleeper()) for _ in range(N)]
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    gc.collect()
    after = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    return (after - before) / N


async def spawn_join_samples(count):
    async def nap():
        await asyncio.sleep(0)

    samples = []
    for _ in range(count):
        start = time.perf_counter()
        async with asyncio.TaskGroup() as tg:
            for _ in range(N):
                tg.create_task(nap())
        samples.append((time.perf_counter() - start) * 1000)
    return samples


async def spawn_only(count):
    print(json.dumps(await spawn_join_samples(count)))


async def cancel_ms():
    async def sleeper():
        await asyncio.sleep(3600)

    samples = []
    for _ in range(3):
        tasks = [asyncio.create_task(sleeper()) for _ in range(N)]
        await asyncio.sleep(0)
        start = time.perf_counter()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


async def timeout_lateness_ms(trials, limit_s):
    lateness = []
    for _ in range(trials):
        start = time.perf_counter()
        try:
            async with asyncio.timeout(limit_s):
                await asyncio.sleep(3600)
        except TimeoutError:
            pass
        lateness.append((time.perf_counter() - start - limit_s) * 1000)
    return lateness


async def lateness_only(trials):
    await timeout_lateness_ms(20, 0.05)  # warm-up, as on the Node side
    print(json.dumps(await timeout_lateness_ms(trials, 0.05)))


async def main():
    figures = {"python": sys.version.split()[0]}
    figures["heapPerPendingTaskBytes"] = await heap_per_pending_task()
    figures["cancel100kMs"] = await cancel_ms()
    print(json.dumps(figures))


if len(sys.argv) == 3 and sys.argv[1] == "--lateness":
    asyncio.run(lateness_only(int(sys.argv[2])))
elif len(sys.argv) == 3 and sys.argv[1] == "--spawn":
    asyncio.run(spawn_only(int(sys.argv[2])))
else:
    asyncio.run(main())
