/**
 * Python-style `repr()` of JavaScript values, for task reprs that read like asyncio's
 * (`result='1 s.'`, `exception=Error('boom')`).
 *
 * @module
 */

/** A value as Python's `repr` would print it: strings in single quotes, errors as `Name('message')`. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string')
    return `'${value.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
  if (value instanceof Error) return `${value.name}(${pyRepr(value.message)})`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}
