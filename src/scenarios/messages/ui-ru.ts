/**
 * What asyncdemo prints around a transcript, in Russian.
 *
 * @module
 */
import type { UiText } from './types.js';

/** The Russian interface text. */
export const uiRu: UiText = {
  titles: {
    coro: 'coro vs Task',
    gather: 'sync vs async (IO-Bound)',
    cancel: 'отмена задачи',
    taskgroup: 'TaskGroup, структурная конкурентность',
    timeout: 'отмена работы по сроку (asyncio.timeout)',
    cpu: 'CPU-bound код внутри async',
    http: 'по очереди и асинхронно через настоящий HTTP',
  },
  runNote: (scale, virtual) => {
    const notes = [
      ...(scale === 1 ? [] : [`масштаб времени ${scale}`]),
      ...(virtual ? ['виртуальное время'] : []),
    ];
    return notes.length === 0 ? '' : ` (${notes.join(', ')})`;
  },
  compared: ', сравнение вариантов',
  firstOfRuns: (runs) => `, запусков: ${runs}, показан первый`,
  head: {
    timing: 'замер',
    measured: 'измерено',
    measuredVirtual: 'вирт. время',
    ideal: 'идеал',
    difference: 'разница',
    medianSigma: 'медиана ± σ',
    range: 'разброс',
    variant: 'вариант',
    maxLoopLag: 'макс. задержка цикла',
    outcome: 'итог',
  },
  faster: (fast, slow, measured, ideal) =>
    `${fast} быстрее ${slow} в ${measured} (в идеале ${ideal})`,
  offIdeal: (id, actual, off, ideal, allowedMs) =>
    `мимо идеала: ${id} ${actual}, на ${off} от ${ideal} (допуск ±${allowedMs.toFixed(0)} ms)`,
  offExpected: (id, actual, expected) => `мимо идеала: ${id} ${actual}, ожидалось ${expected}`,
  loopLag: (maxMs, p99Ms, busy) =>
    `задержка цикла событий: макс. ${maxMs.toFixed(1)} ms, p99 ${p99Ms.toFixed(1)} ms; поток занят ${busy.toFixed(0)}%`,
  outcome: 'итог',
  lessonEnd: 'так урок и задуман',
  lateCancel: (task, askedS, deliveredS, plusMs) =>
    `${task} отменена в ${askedS.toFixed(2)} s, но ждала промис, который среда не может прервать, до ${deliveredS.toFixed(2)} s (+${Math.round(plusMs)} ms): оберните его в withAbortSignal(signal => fetch(url, { signal }))`,
  runsNote: (measured, warmup, varied) =>
    `запусков: ${measured}${warmup > 0 ? `, после разогрева: ${warmup}` : ''}; текст — первого запуска${varied === '' ? '' : `; итоги разные: ${varied}`}`,
  legend: {
    running: 'выполняется',
    waiting: 'ждёт',
    cancelled: 'отменена',
    failed: 'ошибка',
    timeout: 'таймаут',
    blocked: 'цикл заблокирован',
    foreign: 'чужой промис',
    ready: 'готова, цикл занят',
    time: 'время',
  },
  tourHeading: (index, title) => `── ${index}. ${title}`,
  tourTitle: 'asyncdemo tour: блокнот, ячейка за ячейкой',
  tourWithoutHttp:
    "http в обход не входит: в блокноте такой ячейки нет. 'asyncdemo http' показывает урок gather на настоящих сокетах.",
  addition: (text) => `[+] ${text}`,
};
