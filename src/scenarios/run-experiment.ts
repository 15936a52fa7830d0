/**
 * One run of an experiment, owning its clock: the time scale is set for the run and put back
 * after it, the context carries it, and the run is a task of its own.
 *
 * @module
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import {
  createTask,
  getDebug,
  getTimeScale,
  isVirtualTime,
  type LateCancelWarning,
  RUNTIME_WARNINGS,
  reportUnretrievedErrors,
  setDebug,
  setTimeScale,
  setVirtualTime,
  type Task,
} from '../runtime/index.js';
import { createRecorder, type RecorderHooks } from './context.js';
import type { Lang } from './messages/index.js';
import type { TolerancePolicy } from './tolerance.js';
import type { OptionValues, Scenario, ScenarioResult } from './types.js';

/** How to run it. */
export interface RunSettings {
  /** `--scale`: 0.1 runs ten times faster. */
  scale: number;
  /** `--debug`: debug mode for the run (see `setDebug`); unset, as it is. */
  debug?: boolean;
  /** `--clock virtual`: the run in virtual time (see `withVirtualClock`); unset, as it is. */
  clock?: 'real' | 'virtual';
  lang?: Lang;
  /** How checks are judged (default: 5% of the ideal, 25 ms floor). */
  policy?: TolerancePolicy;
  /** Lines as they are said, the first measurement. */
  hooks?: RecorderHooks;
  /** The run's task name (`main`, `check:gather`). */
  taskName?: string;
  /** Called first inside the run's task (the CLI writes its header there). */
  beforeRun?: () => void;
  /** How the task is awaited (the CLI: cancelled by Ctrl+C). */
  awaitTask?: (task: Task<string>) => Promise<string>;
}

/**
 * Runs `experiment` with its parsed `options` and returns its result document; the time scale
 * is the run's own and the previous one is back when it ends, however it ends.
 *
 * @example
 * const result = await runExperiment(gatherScenario, parseOptions(gatherScenario), { scale: 0.1 });
 */
export async function runExperiment<O extends OptionValues>(
  experiment: Scenario<O>,
  options: O,
  settings: RunSettings,
): Promise<ScenarioResult> {
  const previous = getTimeScale();
  const debugBefore = getDebug();
  const virtualBefore = isVirtualTime();
  setTimeScale(settings.scale);
  if (settings.debug !== undefined) setDebug(settings.debug);
  if (settings.clock !== undefined) setVirtualTime(settings.clock === 'virtual');
  try {
    const recorder = createRecorder(
      settings.lang ?? 'en',
      settings.hooks ?? {},
      settings.policy,
      experiment.name,
    );
    // The coroutine is named after the experiment: `main gather()` in timelines.
    const body = Object.defineProperty(
      () => {
        settings.beforeRun?.();
        return experiment.run(recorder.ctx, options);
      },
      'name',
      { value: experiment.name },
    );
    const onWarning = (warning: unknown) => recorder.lateCancel(warning as LateCancelWarning);
    subscribe(RUNTIME_WARNINGS, onWarning);
    const task = createTask(body, { name: settings.taskName ?? 'main' });
    try {
      const outcome = await (settings.awaitTask?.(task) ?? task);
      return recorder.result(experiment.name, options, outcome);
    } finally {
      unsubscribe(RUNTIME_WARNINGS, onWarning);
      // As asyncio.run closing its loop: a failed task whose error nobody read is not lost.
      reportUnretrievedErrors();
    }
  } finally {
    setTimeScale(previous);
    setDebug(debugBefore);
    setVirtualTime(virtualBefore);
  }
}
