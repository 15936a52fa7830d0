/**
 * The one table layout of the text reports: columns two spaces apart, indented by two, each as
 * wide as its widest cell in characters as seen (colour codes do not count).
 *
 * @module
 */
import { stripVTControlCharacters } from 'node:util';
import kleur from 'kleur';

const width = (cell: string) => [...stripVTControlCharacters(cell)].length;

/**
 * `head` (dimmed) and `rows` as aligned lines.
 *
 * @example
 * alignTable(['timing', 'measured'], [['sync', '6.00 s']]);
 * // ['  timing  measured', '  sync    6.00 s']
 */
export function alignTable(
  head: readonly string[],
  rows: readonly (readonly string[])[],
): string[] {
  const widths = head.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (cells: readonly string[]) =>
    `  ${cells.map((c, i) => c + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(c)))).join('  ')}`.trimEnd();
  return [kleur.dim(line(head)), ...rows.map(line)];
}
