/**
 * Python-style `repr()` of JavaScript values, for task reprs that read like asyncio's
 * (`result='1 s.'`, `exception=Error('boom')`).
 *
 * @module
 */

/** A value as Python's `repr` would print it: strings in single quotes, errors as `Name('message')`. */
export function pyRepr(value: unknown): string {
  if (typeof value === 'string') return stringRepr(value);
  if (value instanceof Error)
    return `${value.name}(${value.message === '' ? '' : pyRepr(value.message)})`;
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'object' && value !== null) {
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
