/**
 * Python-style `repr()` of JavaScript values, for task reprs that read like asyncio's
 * (`result='1 s.'`, `exception=Error('boom')`).
 *
 * @module
 */

/** The objects whose repr is being made: met again inside it, each is `...`. */
const inProgress = new Set<object>();

/**
 * `make()`, the repr of `object`, or `fill` if it is already being made further out (a task whose
 * result holds the task: `...`, Python's `reprlib.recursive_repr`, which asyncio's future and
 * task reprs use).
 */
export function recursiveRepr(object: object, make: () => string, fill = '...'): string {
  if (inProgress.has(object)) return fill;
  inProgress.add(object);
  try {
    return make();
  } finally {
    inProgress.delete(object);
  }
}

/**
 * A value as Python's `repr` would print it: strings in single quotes, errors as
 * `Name('message')`, arrays as lists, a Set as a set, a Map as a dict, an object with a
 * `toString` of its own (a task, a future) by it.
 */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return stringRepr(value);
  if (value instanceof Error)
    return `${value.name}(${value.message === '' ? '' : pyRepr(value.message)})`;
  // A container met inside itself is `[...]` or `{...}`, as Python's own list and dict reprs.
  if (Array.isArray(value))
    return recursiveRepr(value, () => `[${value.map(pyRepr).join(', ')}]`, '[...]');
  if (value instanceof Set) {
    if (value.size === 0) return 'set()';
    return recursiveRepr(value, () => `{${[...value].map(pyRepr).join(', ')}}`, '{...}');
  }
  if (value instanceof Map) {
    const items = () => [...value].map(([k, v]) => `${pyRepr(k)}: ${pyRepr(v)}`);
    return recursiveRepr(value, () => `{${items().join(', ')}}`, '{...}');
  }
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && value !== null) {
    if (value.toString !== Object.prototype.toString) return String(value);
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  if (value === undefined || value === null) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/** Python's string repr: single quotes, or double quotes when that spares escaping. */
function stringRepr(text: string): string {
  const escaped = text.replaceAll('\\', '\\\\').replaceAll('\n', '\\n');
  if (text.includes("'") && !text.includes('"')) return `"${escaped}"`;
  return `'${escaped.replaceAll("'", "\\'")}'`;
}
