/**
 * A module resolve hook (`module.register`): `import ... from 'asyncdemo'` in an experiment file
 * resolves to the running CLI's own package entry, wherever the file lives and whether or not a
 * `node_modules` is near it. One module instance: the scale and the task events the file's code
 * uses are the ones the CLI sees.
 *
 * @module
 */

let entry = '';

/** Receives the entry's URL from `register(..., { data })`. */
export function initialize(data: { entry: string }): void {
  entry = data.entry;
}

type Next = (specifier: string, context: unknown) => Promise<unknown>;

/** `asyncdemo` → the CLI's entry; everything else as Node resolves it. */
export async function resolve(specifier: string, context: unknown, next: Next): Promise<unknown> {
  if (specifier === 'asyncdemo') return { url: entry, shortCircuit: true };
  return next(specifier, context);
}
