/**
 * The notebook's own Russian lines, word for word where the notebook prints them.
 *
 * @module
 */
import type { Messages } from './types.js';
import { uiRu } from './ui-ru.js';

/** The Russian catalog. */
export const ru: Messages = {
  ui: uiRu,
  notes: {
    coro: [
      'coroutine - функция с async, которая создаёт coroutine object и исполняется только при await или когда её оборачивают в Task.',
      'Task - обёртка над корутиной для планирования её выполнения циклом событий.',
      'В Node обычный вызов async-функции сразу исполняется до первого await; Coro ленива, как в Python.',
    ],
    gather: [
      'Блокирующий вызов (time.sleep) держит поток: ожидания 1, 2 и 3 s занимают 6 s,',
      'и ничего другого в это время не выполняется, даже обработчик Ctrl+C.',
      'Ожидание по очереди тоже не помогает: всё те же 6 s.',
      'await gather() запускает await сразу для нескольких корутин: 3 s, самое долгое.',
    ],
    cancel: [
      'task.cancel() бросает CancelledError в задачу в точке await.',
      'await отменённой задачи поднимает CancelledError.',
    ],
    taskgroup: [
      'Объект задачи содержит внутри себя корутину (Task(coro=coro, ...)).',
      'Задачи внутри TaskGroup запускаются либо при выходе из async with, либо при первом await.',
    ],
    timeout: [
      'asyncio.timeout(s) отменяет работу внутри себя по истечении срока и поднимает TimeoutError.',
    ],
    cpu: [
      'CPU-bound задачи (или синхронный sleep) внутри корутин блокируют поток и не дают идти циклу событий.',
      'Переключаем контекст (sleep(0)), для того чтобы дать пройти циклу событий.',
    ],
  },
  runTime: (mode, seconds) => `Время выполнения (${mode}): ${seconds.toFixed(2)} s`,

  eagerCall: uiRu.addition('обычный вызов async-функции сразу выполнил её тело (жадно)'),
  lazyCoro: uiRu.addition('Coro ещё не выполнила своё тело (лениво)'),
  awaitedCoro: (value) => value,
  taskCreated: (repr) => uiRu.addition(`создана: ${repr}`),
  taskAfterSleep0: (repr) => uiRu.addition(`после await sleep(0): ${repr}`),
  taskResult: (value) => value,

  taskRunning: 'task is running...',
  taskCancelled: 'task is cancelled',

  groupStarting: 'Запуск TaskGroup()...',
  groupTaskAdded: (repr) => `📥 Добавлена задача: ${repr}`,
  groupDone: '✅ TaskGroup() выполнена',
  groupFailed: (message) => `❌ TaskGroupError: ${message}`,
  groupTaskEnded: (repr) => `   ${repr}`,

  startingMain: (name) => `⚙️ Запуск ${name}()...`,
  starting: (name) => `🚀 Запуск ${name}()...`,
  returned: (name) => `✅ ${name}() вернула значение`,
  ok: (name) => `✅ ${name}(): OK`,
  timeoutError: 'TimeoutError',
  httpAnswer: (path, body, seconds) => `📬 ${path}: ${body} через ${seconds.toFixed(2)} s`,
  limitRace: (limit) =>
    uiRu.addition(
      `⚖️ запрос кончается ровно на пределе ${limit} s: ответит он или будет прерван, решают миллисекунды (предел между задержками — без гонки)`,
    ),
  serverClosedEarly: (count) => `🔌 сервер увидел закрытых до ответа запросов: ${count}`,
  workerTerminated: (ms) =>
    uiRu.addition(
      `🧵 поток func1() остановлен (terminate): TimeoutError пришла через ${ms.toFixed(1)} ms после срока`,
    ),
};
