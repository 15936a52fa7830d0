"""The notebook's timeout cell."""

import asyncio
import time

from _report import Report

r = Report("timeout")
start = time.perf_counter()


async def foo():
    r.say("🚀 Запуск foo()...")
    await asyncio.sleep(r.seconds(2))
    r.say("✅ foo() вернула значение")
    r.timing("foo", time.perf_counter() - start, 2)
    return "foo"


async def bar():
    r.say("🚀 Запуск bar()...")
    await asyncio.sleep(r.seconds(1))
    r.say("✅ bar() вернула значение")
    r.timing("bar", time.perf_counter() - start, 1)
    return "bar"


async def get_something():
    r.say("⚙️ Запуск get_something()...")
    async with asyncio.timeout(r.seconds(2)):
        foo_result, bar_result = await asyncio.gather(foo(), bar())
    r.say(foo_result)
    r.say(bar_result)


async def main():
    try:
        await get_something()
        return "ok"
    except TimeoutError:
        r.timing("timeout", time.perf_counter() - start, 2)
        r.say("TimeoutError")
        return "TimeoutError"


r.emit(asyncio.run(main()))
