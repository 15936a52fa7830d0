"""The notebook's TaskGroup cell."""

import asyncio
import time

from _report import Report

r = Report("taskgroup")


async def aget_data(sleep):
    await asyncio.sleep(r.seconds(sleep))
    return f"{sleep} s."


async def main():
    start_time = time.perf_counter()
    async with asyncio.TaskGroup() as tg:
        r.say("Запуск TaskGroup()...")
        task1 = tg.create_task(aget_data(1))
        r.say(f"📥 Добавлена задача: {task1}")
        task2 = tg.create_task(aget_data(2))
        r.say(f"📥 Добавлена задача: {task2}")
    r.say("✅ TaskGroup() выполнена")
    end_time = time.perf_counter()
    r.timing("total", end_time - start_time, 2)
    r.say(f"Время выполнения (async): {end_time - start_time:.2f} s")
    r.say(task1.result())
    r.say(task2.result())


asyncio.run(main())
r.emit("ok")
