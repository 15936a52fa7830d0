/**
 * What asyncdemo prints around a transcript, in English.
 *
 * @module
 */
import type { UiText } from './types.js';

/** The English interface text. */
export const uiEn: UiText = {
  titles: {
    coro: 'coroutine vs Task',
    gather: 'sync vs async (IO-bound)',
    cancel: 'cancelling a task',
    taskgroup: 'TaskGroup, structured concurrency',
    timeout: 'cancelling work at a deadline',
    cpu: 'CPU-bound work inside async code',
    http: 'sequential vs async over real HTTP',
  },
  runNote: (scale, virtual) => {
    const notes = [
      ...(scale === 1 ? [] : [`scale ${scale}`]),
      ...(virtual ? ['virtual time'] : []),
    ];
    return notes.length === 0 ? '' : ` (${notes.join(', ')})`;
  },
  compared: ', compared',
  firstOfRuns: (runs) => `, ${runs} runs: this is the first`,
  head: {
    timing: 'timing',
    measured: 'measured',
    measuredVirtual: 'virtual time',
    ideal: 'ideal',
    difference: 'difference',
    medianSigma: 'median ± σ',
    range: 'range',
    variant: 'variant',
    maxLoopLag: 'max loop lag',
    outcome: 'outcome',
  },
  faster: (fast, slow, measured, ideal) =>
    `${fast} is ${measured} faster than ${slow} (ideal ${ideal})`,
  offIdeal: (id, actual, off, ideal, allowedMs) =>
    `off the ideal: ${id} ${actual}, ${off} off ${ideal} (allowed ±${allowedMs.toFixed(0)} ms)`,
  offExpected: (id, actual, expected) => `off the ideal: ${id} ${actual}, expected ${expected}`,
  loopLag: (maxMs, p99Ms, busy) =>
    `loop lag: max ${maxMs.toFixed(1)} ms, p99 ${p99Ms.toFixed(1)} ms; thread busy ${busy.toFixed(0)}%`,
  outcome: 'outcome',
  lessonEnd: "the lesson's planned end",
  lateCancel: (task, askedS, deliveredS, plusMs) =>
    `${task} was cancelled at ${askedS.toFixed(2)} s but awaited a promise the runtime cannot interrupt until ${deliveredS.toFixed(2)} s (+${Math.round(plusMs)} ms): wrap it in withAbortSignal(signal => fetch(url, { signal }))`,
  runsNote: (measured, warmup, varied) =>
    `${measured} runs${warmup > 0 ? ` after ${warmup} warm-up` : ''}, the transcript is the first's${varied === '' ? '' : `; outcomes varied: ${varied}`}`,
  legend: {
    running: 'running',
    cancelled: 'cancelled',
    failed: 'failed',
    timeout: 'timeout',
    blocked: 'loop blocked',
    foreign: 'foreign promise',
    ready: 'ready, the loop busy',
    chain: 'the chain (--explain)',
    families: {
      sleep: 'sleeping',
      await: 'awaiting',
      line: 'in line',
      io: 'I/O',
      foreign: 'foreign promise',
    },
    time: 'time',
  },
  tip: {
    awaiting: 'awaiting',
    endedBy: 'ended by',
    overAt: 'the wait was over at',
    deadline: 'inside a timeout, deadline',
  },
  explain: {
    heading: 'where the time went (--explain):',
    run: 'the run',
    blocked: (names, shares) => `the loop was blocked by ${names.join(', ')}: ${shares}`,
    ran: (names, shares) =>
      names.length === 1
        ? `${names[0]} ran ${shares}`
        : `${names.join(', ')} ran one after another: ${shares}`,
    busyWith: (holders) =>
      `the loop was busy with ${holders.map((h) => `${h.name} ${h.time}`).join(', ')}`,
    slept: (names, shares) =>
      names.length === 1
        ? `${names[0]} slept ${shares}`
        : `${names.join(', ')} slept one after another: ${shares}`,
    waited: (names, kind, shares) =>
      names.length === 1
        ? `${names[0]} waited on ${WAIT_WORDS_EN[kind] ?? kind} ${shares}`
        : `${names.join(', ')} waited on ${WAIT_WORDS_EN[kind] ?? kind} one after another: ${shares}`,
    cut: (since) => `, until the timeout entered at ${since} expired`,
    ready: (task, readyAt, ranAt, holders) =>
      `${task} was ready at ${readyAt} and ran at ${ranAt}: ${
        holders.length === 0
          ? 'the loop was busy'
          : holders.length === 1
            ? `${holders[0]?.name} held the loop ${holders[0]?.time}`
            : `${holders.map((h) => `${h.name} ${h.time}`).join(', ')} held the loop`
      }`,
    rest: (time) => `${time} in short steps and the loop's turns`,
    off: (by, what) => `off its ideal by ${by}: ${what}`,
    allWaiting: 'every part of it was waiting, and the waits took longer than their ideal',
  },
  tourHeading: (index, title) => `── ${index}. ${title}`,
  tourTitle: 'asyncdemo tour: the notebook, cell by cell',
  tourWithoutHttp:
    "http is not a stop of the tour: the notebook has no such cell. Run 'asyncdemo http' for gather's lesson over real sockets.",
  addition: (text) => text,
};

/** What a wait was on, in a sentence: `waited on a semaphore`. */
const WAIT_WORDS_EN: Record<string, string> = {
  task: 'a task',
  future: 'a future',
  gather: 'a gather',
  taskGroup: 'a task group',
  waitFor: 'waitFor',
  wait: 'wait()',
  lock: 'a lock',
  semaphore: 'a semaphore',
  event: 'an event',
  condition: 'a condition',
  barrier: 'a barrier',
  'queue.get': 'a queue (get)',
  'queue.put': 'a queue (put)',
  signal: 'I/O (an AbortSignal)',
  worker: 'a worker thread',
  promise: 'a promise',
  foreign: 'a foreign promise',
};
