/**
 * What a wait was on, as the charts draw it: each kind of wait (`sleep`, `semaphore`, `gather`,
 * …) belongs to one of five families, each with its own mark on the terminal, and each kind has
 * its own colour in the SVG and on the page.
 *
 * @module
 */
import type { Segment, Timeline } from './segments.js';

/** The families of waits: what the task was waiting for. */
export type WaitFamily = 'sleep' | 'await' | 'line' | 'io' | 'foreign';

/** Which family each kind of the runtime's waits is in (an unknown kind awaits a future). */
const FAMILIES: Record<string, WaitFamily> = {
  sleep: 'sleep',
  task: 'await',
  future: 'await',
  gather: 'await',
  taskGroup: 'await',
  waitFor: 'await',
  wait: 'await',
  lock: 'line',
  semaphore: 'line',
  event: 'line',
  condition: 'line',
  barrier: 'line',
  'queue.get': 'line',
  'queue.put': 'line',
  signal: 'io',
  worker: 'io',
  promise: 'io',
  foreign: 'foreign',
};

/** The family of a wait on `kind`. */
export function familyOf(kind: string | undefined): WaitFamily {
  return FAMILIES[kind ?? ''] ?? 'await';
}

/** Each family's character in the terminal chart (colour only adds to it). */
export const FAMILY_GLYPHS: Record<WaitFamily, string> = {
  sleep: '·',
  await: '-',
  line: '=',
  io: '≈',
  foreign: '░',
};

/**
 * Each kind's colour in the SVG: blues for sleeping and awaiting, violets for a line at a
 * primitive, teals for I/O; a foreign wait is hatched grey. Red is not among them.
 */
const KIND_COLORS: Record<string, string> = {
  sleep: '#a5d8ff',
  task: '#91a7ff',
  future: '#bac8ff',
  gather: '#748ffc',
  taskGroup: '#5c7cfa',
  waitFor: '#4dabf7',
  wait: '#339af0',
  lock: '#e599f7',
  semaphore: '#da77f2',
  event: '#d0bfff',
  condition: '#b197fc',
  barrier: '#9775fa',
  'queue.get': '#eebefa',
  'queue.put': '#f3d9fa',
  signal: '#63e6be',
  worker: '#38d9a9',
  promise: '#96f2d7',
};

/** The SVG fill of a wait on `kind` (`url(#foreign)`: the hatch pattern). */
export function kindColor(kind: string | undefined): string {
  if (kind === 'foreign') return 'url(#foreign)';
  return KIND_COLORS[kind ?? ''] ?? (KIND_COLORS.future as string);
}

/** The kinds of wait drawn in `timeline`, in the order of {@link FAMILIES}. */
export function kindsShown(timeline: Timeline): string[] {
  const seen = new Set<string>();
  for (const row of timeline.rows)
    for (const s of row.segments) if (s.kind === 'waiting') seen.add(kindOf(s));
  const order = Object.keys(FAMILIES);
  return [...seen].sort((a, b) => rank(order, a) - rank(order, b));
}

/** The families drawn in `timeline`, each with its kinds. */
export function familiesShown(timeline: Timeline): Array<[WaitFamily, string[]]> {
  const families = new Map<WaitFamily, string[]>();
  for (const kind of kindsShown(timeline)) {
    const family = familyOf(kind);
    families.set(family, [...(families.get(family) ?? []), kind]);
  }
  return [...families];
}

/** The kind of a waiting segment, as the charts name it (`future` for a plain one). */
export function kindOf(segment: Segment): string {
  return segment.on || 'future';
}

function rank(order: readonly string[], kind: string): number {
  const at = order.indexOf(kind);
  return at === -1 ? order.length : at;
}
