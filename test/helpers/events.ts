/** Synthetic task event streams for the timeline, SVG and trace tests. */
import type { TaskEvent, TaskEventType } from '../../src/runtime/index.js';

/** One event of task `taskId` at `atMs`. */
export function ev(
  taskId: number,
  type: TaskEventType,
  atMs: number,
  extra: Partial<TaskEvent> = {},
): TaskEvent {
  return { type, taskId, name: `Task-${taskId}`, coro: 'aget_data', atMs, ...extra };
}

/**
 * gather's shape at 100 ms a second: main blocks for 600 ms (sync), then three tasks of 100,
 * 200 and 300 ms overlap (async).
 */
export function gatherEvents(): TaskEvent[] {
  return [
    ev(1, 'created', 0, { name: 'main', coro: 'gather' }),
    ev(1, 'started', 0, { name: 'main', coro: 'gather' }),
    ev(1, 'awaiting', 600, { name: 'main', coro: 'gather', on: 'gather' }),
    ...[1, 2, 3].flatMap((s) => [
      ev(1 + s, 'created', 600, { call: `aget_data(${s})` }),
      ev(1 + s, 'started', 600.1, { call: `aget_data(${s})` }),
      ev(1 + s, 'awaiting', 600.2, { call: `aget_data(${s})`, on: 'sleep' }),
      ev(1 + s, 'resumed', 600 + s * 100, { call: `aget_data(${s})` }),
      ev(1 + s, 'done', 600.1 + s * 100, { call: `aget_data(${s})` }),
    ]),
    ev(1, 'resumed', 900.2, { name: 'main', coro: 'gather' }),
    ev(1, 'done', 900.3, { name: 'main', coro: 'gather' }),
  ];
}

/** timeout's shape: foo (200 ms) is cancelled by a timeout at 150 ms, bar (100 ms) returns. */
export function timeoutEvents(): TaskEvent[] {
  return [
    ev(1, 'started', 0, { name: 'main', coro: 'timeout' }),
    ev(1, 'awaiting', 0.5, { name: 'main', coro: 'timeout', on: 'gather' }),
    ev(2, 'started', 1, { call: 'foo()' }),
    ev(2, 'awaiting', 1.1, { call: 'foo()', on: 'sleep' }),
    ev(3, 'started', 1.2, { call: 'bar()' }),
    ev(3, 'awaiting', 1.3, { call: 'bar()', on: 'sleep' }),
    ev(3, 'resumed', 101.3, { call: 'bar()' }),
    ev(3, 'done', 101.4, { call: 'bar()' }),
    ev(1, 'timeout', 150, { name: 'main', coro: 'timeout' }),
    ev(2, 'resumed', 150.1, { call: 'foo()' }),
    ev(2, 'cancelled', 150.2, { call: 'foo()' }),
    ev(1, 'resumed', 150.3, { name: 'main', coro: 'timeout' }),
    ev(1, 'done', 150.4, { name: 'main', coro: 'timeout' }),
  ];
}

/**
 * A crawl's shape: fetch_page (Task-2) awaits a bare fetch from 1 ms; a cancel at 150 ms reaches
 * it only when the answer comes at 200 ms. Task-3 sleeps meanwhile.
 */
export function foreignEvents(): TaskEvent[] {
  return [
    ev(1, 'started', 0, { name: 'main', coro: 'crawl' }),
    ev(1, 'awaiting', 0.5, { name: 'main', coro: 'crawl', on: 'gather' }),
    ev(2, 'started', 1, { call: 'fetch_page(1)' }),
    ev(2, 'awaiting', 1.2, { call: 'fetch_page(1)', on: 'foreign' }),
    ev(3, 'started', 1.3, { call: 'aget_data(1)' }),
    ev(3, 'awaiting', 1.4, { call: 'aget_data(1)', on: 'sleep' }),
    ev(3, 'resumed', 100, { call: 'aget_data(1)' }),
    ev(3, 'done', 100.1, { call: 'aget_data(1)' }),
    ev(2, 'cancelled', 200, { call: 'fetch_page(1)' }),
    ev(1, 'resumed', 200.2, { name: 'main', coro: 'crawl' }),
    ev(1, 'done', 200.3, { name: 'main', coro: 'crawl' }),
  ];
}

/**
 * cpu's shape with yields: func2's 100 ms sleep is over at 101 ms, but func1 holds the loop until
 * 130 ms; func2 runs then. (A 0.5 ms gap before func1 resumes is the loop's ordinary turn.)
 */
export function readyEvents(): TaskEvent[] {
  return [
    ev(1, 'started', 0, { call: 'func1()' }),
    ev(1, 'awaiting', 0.5, { call: 'func1()', on: 'sleep' }),
    ev(1, 'ready', 0.5, { call: 'func1()' }),
    ev(2, 'started', 0.8, { call: 'func2()' }),
    ev(2, 'awaiting', 1, { call: 'func2()', on: 'sleep' }),
    ev(1, 'resumed', 1, { call: 'func1()' }),
    ev(2, 'ready', 101, { call: 'func2()' }),
    ev(1, 'awaiting', 130, { call: 'func1()', on: 'sleep' }),
    ev(2, 'resumed', 130.2, { call: 'func2()' }),
    ev(2, 'done', 130.4, { call: 'func2()' }),
    ev(1, 'ready', 130.5, { call: 'func1()' }),
    ev(1, 'resumed', 130.6, { call: 'func1()' }),
    ev(1, 'done', 131, { call: 'func1()' }),
  ];
}

/** main awaits a gather of two tasks, which the `awaiting` event names. */
export function gatherWaitEvents(): TaskEvent[] {
  return [
    ev(1, 'started', 0, { name: 'main', coro: 'main' }),
    ev(1, 'awaiting', 1, { name: 'main', coro: 'main', on: 'gather', waitsFor: [2, 3] }),
    ...[2, 3].flatMap((id) => [
      ev(id, 'started', 1.5, { call: `aget_data(${id - 1})` }),
      ev(id, 'awaiting', 2, { call: `aget_data(${id - 1})`, on: 'sleep' }),
      ev(id, 'resumed', 100 * (id - 1), { call: `aget_data(${id - 1})` }),
      ev(id, 'done', 100 * (id - 1) + 0.1, { call: `aget_data(${id - 1})` }),
    ]),
    ev(1, 'resumed', 200.5, { name: 'main', coro: 'main' }),
    ev(1, 'done', 201, { name: 'main', coro: 'main' }),
  ];
}

/**
 * A semaphore's shape: Task-2 holds it and sleeps 100 ms; Task-3 waits in line from 1 ms and is
 * let in when Task-2 releases it (`by`), then sleeps 50 ms. main awaits both.
 */
export function semaphoreEvents(): TaskEvent[] {
  return [
    ev(1, 'created', 0, { name: 'main', coro: 'main' }),
    ev(1, 'started', 0, { name: 'main', coro: 'main' }),
    ev(1, 'awaiting', 0.5, { name: 'main', coro: 'main', on: 'gather', waitsFor: [2, 3] }),
    ev(2, 'created', 0.2, { call: 'fetch(0)', parentId: 1 }),
    ev(3, 'created', 0.3, { call: 'fetch(1)', parentId: 1 }),
    ev(2, 'started', 0.6, { call: 'fetch(0)' }),
    ev(2, 'awaiting', 0.7, { call: 'fetch(0)', on: 'sleep' }),
    ev(3, 'started', 0.8, { call: 'fetch(1)' }),
    ev(3, 'awaiting', 1, { call: 'fetch(1)', on: 'semaphore' }),
    ev(2, 'ready', 100.7, { call: 'fetch(0)' }),
    ev(2, 'resumed', 100.8, { call: 'fetch(0)' }),
    ev(3, 'ready', 100.9, { call: 'fetch(1)', by: 2 }),
    ev(2, 'done', 101, { call: 'fetch(0)' }),
    ev(3, 'resumed', 101.1, { call: 'fetch(1)' }),
    ev(3, 'awaiting', 101.2, { call: 'fetch(1)', on: 'sleep' }),
    ev(3, 'ready', 151.2, { call: 'fetch(1)' }),
    ev(3, 'resumed', 151.3, { call: 'fetch(1)' }),
    ev(3, 'done', 151.4, { call: 'fetch(1)' }),
    ev(1, 'ready', 151.5, { name: 'main', coro: 'main' }),
    ev(1, 'resumed', 151.6, { name: 'main', coro: 'main' }),
    ev(1, 'done', 151.7, { name: 'main', coro: 'main' }),
  ];
}

/** A wait of every family, 100 ms each from 1 ms: main awaits a gather of five tasks. */
export function familyEvents(): TaskEvent[] {
  const waits: Array<[number, string, string]> = [
    [2, 'nap()', 'sleep'],
    [3, 'slot()', 'semaphore'],
    [4, 'next_job()', 'queue.get'],
    [5, 'download()', 'signal'],
    [6, 'bare_fetch()', 'foreign'],
  ];
  return [
    ev(1, 'started', 0, { name: 'main', coro: 'main' }),
    ev(1, 'awaiting', 0.5, { name: 'main', coro: 'main', on: 'gather', waitsFor: [2, 3, 4, 5, 6] }),
    ...waits.flatMap(([id, call, on]) => [
      ev(id, 'started', 0.6, { call }),
      ev(id, 'awaiting', 1, { call, on }),
      ev(id, 'resumed', 101, { call }),
      ev(id, 'done', 101.1, { call }),
    ]),
    ev(1, 'resumed', 101.5, { name: 'main', coro: 'main' }),
    ev(1, 'done', 101.6, { name: 'main', coro: 'main' }),
  ];
}
