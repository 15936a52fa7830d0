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
    cancelled: 'отменена',
    failed: 'ошибка',
    timeout: 'таймаут',
    blocked: 'цикл заблокирован',
    foreign: 'чужой промис',
    ready: 'готова, цикл занят',
    chain: 'цепочка (--explain)',
    families: {
      sleep: 'спит',
      await: 'ждёт',
      line: 'в очереди',
      io: 'ввод-вывод',
      foreign: 'чужой промис',
    },
    time: 'время',
  },
  tip: {
    awaiting: 'ждёт',
    endedBy: 'ожидание завершила',
    overAt: 'ожидание закончилось в',
    deadline: 'внутри timeout, срок',
  },
  explain: {
    heading: 'куда ушло время (--explain):',
    run: 'весь запуск',
    blocked: (names, shares) => `цикл был заблокирован: ${names.join(', ')}: ${shares}`,
    ran: (names, shares) =>
      names.length === 1
        ? `${names[0]} выполнялась ${shares}`
        : `${names.join(', ')} выполнялись одна за другой: ${shares}`,
    busyWith: (holders) =>
      `цикл был занят: ${holders.map((h) => `${h.name} ${h.time}`).join(', ')}`,
    slept: (names, shares) =>
      names.length === 1
        ? `${names[0]} спала ${shares}`
        : `${names.join(', ')} спали одна за другой: ${shares}`,
    waited: (names, kind, shares) =>
      names.length === 1
        ? `${names[0]} ждала ${WAIT_WORDS_RU[kind] ?? kind} ${shares}`
        : `${names.join(', ')} ждали ${WAIT_WORDS_RU[kind] ?? kind} одна за другой: ${shares}`,
    cut: (since) => `, пока не истёк таймаут, начатый в ${since}`,
    ready: (task, readyAt, ranAt, holders) =>
      `${task} была готова в ${readyAt} и выполнилась в ${ranAt}: ${
        holders.length === 0
          ? 'цикл был занят'
          : holders.length === 1
            ? `${holders[0]?.name} держала цикл ${holders[0]?.time}`
            : `цикл держали ${holders.map((h) => `${h.name} ${h.time}`).join(', ')}`
      }`,
    rest: (time) => `${time} на короткие шаги и обороты цикла`,
    off: (by, what) => `отклонение от идеала ${by}: ${what}`,
    allWaiting: 'всё это было ожиданием, и ожидания длились дольше идеала',
  },
  tourHeading: (index, title) => `── ${index}. ${title}`,
  tourTitle: 'asyncdemo tour: блокнот, ячейка за ячейкой',
  tourWithoutHttp:
    "http в обход не входит: в блокноте такой ячейки нет. 'asyncdemo http' показывает урок gather на настоящих сокетах.",
  addition: (text) => `[+] ${text}`,
};

/** На чём было ожидание: `ждала семафор`. */
const WAIT_WORDS_RU: Record<string, string> = {
  task: 'задачу',
  future: 'future',
  gather: 'gather',
  taskGroup: 'группу задач',
  waitFor: 'waitFor',
  wait: 'wait()',
  lock: 'блокировку (Lock)',
  semaphore: 'семафор',
  event: 'событие (Event)',
  condition: 'условие (Condition)',
  barrier: 'барьер',
  'queue.get': 'очередь (get)',
  'queue.put': 'очередь (put)',
  signal: 'ввод-вывод (AbortSignal)',
  worker: 'поток-исполнитель',
  promise: 'промис',
  foreign: 'чужой промис',
};
