/**
 * `asyncdemo run FILE` and `check FILE`: an experiment from a file. What can be wrong with the
 * file is one line naming it and the problem (exit 2), never a stack trace.
 *
 * @module
 */
import { spawnSync } from 'node:child_process';
import { statSync } from 'node:fs';
import * as nodeModule from 'node:module';
import { resolve as resolvePath } from 'node:path';
import { pathToFileURL } from 'node:url';
import { UsageError } from '../options/usage-error.js';
import { isCancelled } from '../runtime/index.js';
import { type Experiment, isExperiment } from '../scenarios/define.js';
import type { Scenario } from '../scenarios/types.js';

/** An experiment file's run threw after it had measured: the experiment failed (exit 1). */
export class ExperimentError extends Error {
  override name = 'ExperimentError';
  readonly exitCode = 1;
}

/** True for an argument that names a file rather than a built-in experiment. */
export function looksLikeFile(arg: string): boolean {
  return /[/\\]/.test(arg) || /\.(m?js|c?js|m?ts)$/.test(arg);
}

let hooked = false;

type ResolveHook = (
  specifier: string,
  context: unknown,
  next: (specifier: string, context: unknown) => unknown,
) => unknown;

/** `module.registerHooks` (Node 22.15, 23.5 and later): synchronous hooks in this thread. */
const registerHooks = (nodeModule as { registerHooks?: (hooks: { resolve: ResolveHook }) => void })
  .registerHooks;

/**
 * Makes `import ... from 'asyncdemo'` resolve to this CLI's own entry (once): with
 * `module.registerHooks` where Node has it (Node 26 deprecates `module.register`, DEP0205), else
 * with `module.register` and a hooks module.
 */
function resolveAsyncdemoToSelf(): void {
  if (hooked) return;
  hooked = true;
  const entry = new URL('../index.js', import.meta.url).href;
  if (registerHooks !== undefined) {
    registerHooks({
      resolve: (specifier, context, next) =>
        specifier === 'asyncdemo' ? { url: entry, shortCircuit: true } : next(specifier, context),
    });
    return;
  }
  nodeModule.register(new URL('./resolve-asyncdemo.js', import.meta.url), { data: { entry } });
}

/** Loads the experiment of `file`; any problem is a `UsageError` naming the file. */
export async function loadExperiment(file: string): Promise<Scenario> {
  const path = resolvePath(file);
  checkReadable(file, path);
  if (/\.m?ts$/.test(path) && !(process.features as { typescript?: unknown }).typescript) {
    throw new UsageError(
      `${file}: TypeScript needs a Node that strips types (23.6 or newer, or 22.6 with --experimental-strip-types); this is Node ${process.version}: use a .mjs file`,
    );
  }
  resolveAsyncdemoToSelf();
  let module: { default?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as { default?: unknown };
  } catch (err) {
    const at = where(err, path) || (err instanceof SyntaxError ? syntaxErrorAt(path) : '');
    throw new UsageError(`${file}${at}: ${describe(err)}`);
  }
  if (!('default' in module) || module.default === undefined) {
    throw new UsageError(
      `${file}: no default export; end it with export default defineExperiment({ ... })`,
    );
  }
  if (!isExperiment(module.default)) {
    throw new UsageError(
      `${file}: the default export is not an experiment; make it with defineExperiment from 'asyncdemo'`,
    );
  }
  return reportingFailures(module.default, file);
}

function checkReadable(file: string, path: string): void {
  let isFile: boolean;
  try {
    isFile = statSync(path).isFile();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new UsageError(`${file}: ${code === 'ENOENT' ? 'no such file' : describe(err)}`);
  }
  if (!isFile) throw new UsageError(`${file}: not a file`);
}

/** `:3:7` for a syntax error, from the `file:line` and caret lines Node puts in its stack. */
function where(err: unknown, path: string): string {
  const stack = err instanceof Error ? (err.stack ?? '') : '';
  const lines = stack.split('\n');
  const at = lines[0]?.match(/:(\d+)$/);
  if (at === null || at === undefined || !lines[0]?.includes(path.split(/[/\\]/).at(-1) ?? ''))
    return '';
  const caret = lines[2]?.indexOf('^') ?? -1;
  return `:${at[1]}${caret >= 0 ? `:${caret + 1}` : ''}`;
}

/**
 * `:2:7` from `node --check` (a parse error thrown by `import()` carries no position; Node adds
 * it only when it prints an uncaught one). Run only for a file that failed to parse.
 */
function syntaxErrorAt(path: string): string {
  const checked = spawnSync(process.execPath, ['--check', path], { encoding: 'utf8' });
  const lines = checked.stderr.split('\n');
  const at = lines.findIndex((l) => l.startsWith(path) && /:\d+$/.test(l));
  if (at < 0) return '';
  const line = lines[at]?.match(/:(\d+)$/)?.[1];
  const caret = lines[at + 2]?.indexOf('^') ?? -1;
  return `:${line}${caret >= 0 ? `:${caret + 1}` : ''}`;
}

function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EACCES') return 'cannot read it (permission denied)';
  return `${err.name}: ${err.message}`;
}

/**
 * The file's experiment, its failures made one line: a run that throws before it measures is
 * a bad file (exit 2); after, the experiment failed (exit 1). A cancellation passes through.
 */
function reportingFailures(experiment: Experiment, file: string): Scenario {
  return {
    ...experiment,
    async run(ctx, options) {
      let measured = false;
      const watched = {
        ...ctx,
        measure: ((...args: Parameters<typeof ctx.measure>) => {
          measured = true;
          return ctx.measure(...args);
        }) as typeof ctx.measure,
      };
      try {
        return await experiment.run(watched, options);
      } catch (err) {
        if (isCancelled(err)) throw err;
        if (!measured)
          throw new UsageError(`${file}: run() threw before measuring: ${describe(err)}`);
        throw new ExperimentError(`${file}: run() threw: ${describe(err)}`);
      }
    },
  };
}
