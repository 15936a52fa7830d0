/**
 * A chain in words: its steps grouped into phrases (`aget_data(1), aget_data(2) slept one after
 * another: 1.00 + 2.00 s`), each with its share of the stretch, for `--explain`, its JSON and
 * the page.
 *
 * @module
 */
import type { ExplainText, UiText } from '../scenarios/messages/types.js';
import type { Chain, ChainStep } from './explain.js';

/** One phrase of an explanation: what it says, how long it lasted, which steps it covers. */
export interface Phrase {
  text: string;
  ms: number;
  kind: ChainStep['kind'];
  /** Rows of the timeline it names, for the page to highlight. */
  taskIds: number[];
  steps: ChainStep[];
}

/** An explained stretch: `async 3.00 s = aget_data(3) slept 3.00 s`. */
export interface Explained {
  /** The timing's label, or the run's. */
  label: string;
  totalMs: number;
  phrases: Phrase[];
  /** What no phrase covers: short steps and the loop's own turns (ms). */
  restMs: number;
  /** For a timing off its ideal: how far, and what in the chain was not waiting. */
  off?: { byMs: number; text: string };
}

/** A phrase counts when it takes at least this share of its stretch. */
const SIGNIFICANT_SHARE = 0.02;
/** A running stretch this long (ms) holds the loop: the lesson calls it blocking. */
const BLOCKING_MS = 2;
/** Up to this many steps in a phrase, each has its share; more, each task its sum. */
const MAX_SHARES = 6;

/** The unit a stretch's figures are given in. */
type Unit = 's' | 'ms' | 'µs';

/**
 * `chain` as phrases, in `ui`'s words. Steps of one kind in a row make one phrase (a short step
 * of another kind between them does not break it, and is left to the rest), unless one of
 * `breaks` (ms) falls between them; a phrase shorter than 2% of the stretch is left to the rest
 * too (the loop's turns and short steps).
 */
export function explainChain(
  label: string,
  chain: Chain,
  ui: UiText,
  ideal?: { idealMs: number; offIdeal: boolean },
  breaks: readonly number[] = [],
): Explained {
  const totalMs = chain.toMs - chain.fromMs;
  const unit = unitFor(totalMs);
  const words = ui.explain;
  const threshold = Math.max(totalMs * SIGNIFICANT_SHARE, 0.001);
  // A phrase does not run over a break (the end of a timing, in the run's chain).
  const part = (ms: number) => breaks.filter((b) => b <= ms + 0.001).length;
  // Steps of one kind in a row make a group; a short group between two of one kind is a pause
  // in them (a yield between chunks of work): those two become one, the pause left to the rest.
  const key = (s: ChainStep) =>
    s.kind === 'ready'
      ? `ready ${s.fromMs}`
      : `${s.kind} ${s.on ?? ''} ${s.timeoutSinceMs ?? ''} ${part(s.fromMs)}`;
  const groups: ChainStep[][] = [];
  for (const s of chain.steps) {
    const last = groups.at(-1);
    if (last !== undefined && key(last[0] as ChainStep) === key(s)) last.push(s);
    else groups.push([s]);
  }
  // Short groups between two groups of one kind are a pause in them (a yield between chunks of
  // work, the loop's turn between two sleeps): those two become one, the pause left to the rest.
  const merged: ChainStep[][] = [];
  for (let i = 0; i < groups.length; ) {
    const group = groups[i] as ChainStep[];
    const last = merged.at(-1);
    const lastKey = last === undefined ? undefined : key(last[0] as ChainStep);
    if (last !== undefined && lastKey === key(group[0] as ChainStep)) {
      last.push(...group);
      i++;
      continue;
    }
    let j = i;
    while (j < groups.length && lengthOf(groups[j] as ChainStep[]) < threshold) {
      if (key((groups[j] as ChainStep[])[0] as ChainStep) === lastKey) break;
      j++;
    }
    const resumes =
      j > i && j < groups.length && key((groups[j] as ChainStep[])[0] as ChainStep) === lastKey;
    if (resumes) i = j;
    else {
      merged.push(group);
      i++;
    }
  }
  const phrases = merged
    .filter((steps) => lengthOf(steps) >= threshold)
    .map((steps) => phrase(steps, words, unit));
  const covered = phrases.reduce((sum, p) => sum + p.ms, 0);
  const explained: Explained = { label, totalMs, phrases, restMs: Math.max(0, totalMs - covered) };
  if (ideal?.offIdeal === true) {
    const by = signed(totalMs - ideal.idealMs, unit);
    const busy = busyTasks(phrases).map((b) => ({ name: b.name, time: duration(b.ms, unit) }));
    explained.off = {
      byMs: totalMs - ideal.idealMs,
      text: words.off(by, busy.length === 0 ? words.allWaiting : words.busyWith(busy)),
    };
  }
  return explained;
}

/** Who held the loop in the phrases that were not waiting, most first (at most three). */
function busyTasks(phrases: readonly Phrase[]): Array<{ name: string; ms: number }> {
  const busy = new Map<string, number>();
  const add = (name: string, ms: number) => busy.set(name, (busy.get(name) ?? 0) + ms);
  for (const p of phrases) {
    for (const s of p.steps) {
      if (s.kind === 'ran') add(shortName(s.task), s.toMs - s.fromMs);
      for (const h of s.heldBy ?? []) add(shortName(h.task), h.ms);
    }
  }
  const sorted = [...busy].map(([name, ms]) => ({ name, ms })).sort((a, b) => b.ms - a.ms);
  const most = sorted[0]?.ms ?? 0;
  return sorted.filter((b) => b.ms >= most * 0.05).slice(0, 3);
}

/** The lines `--explain` prints under the table. */
export function explainLines(explained: readonly Explained[], ui: UiText): string[] {
  const lines = [ui.explain.heading];
  for (const e of explained) {
    const unit = unitFor(e.totalMs);
    const head = `  ${e.label} ${duration(e.totalMs, unit)} =`;
    const parts = e.phrases.map((p) => p.text);
    // The rest, when it is not lost in the rounding.
    if (parts.length === 0 || (e.restMs >= e.totalMs * 0.01 && Number(amount(e.restMs, unit)) > 0))
      parts.push(ui.explain.rest(duration(e.restMs, unit)));
    if (parts.length === 1) lines.push(`${head} ${parts[0]}`);
    else {
      lines.push(head);
      for (const [i, part] of parts.entries()) lines.push(`      ${i === 0 ? ' ' : '+'} ${part}`);
    }
    if (e.off !== undefined) lines.push(`      ${e.off.text}`);
  }
  return lines;
}

/** The short name of a task in a phrase: its call (`aget_data(3)`), or its row's label. */
export function shortName(label: string): string {
  // `cho anonymous()` is `cho`; `Task-3 anonymous()` stays `Task-3`.
  if (label.endsWith(' anonymous()')) return label.slice(0, -' anonymous()'.length);
  return label.replace(/^Task-\d+ /, '');
}

function phrase(steps: readonly ChainStep[], words: ExplainText, unit: Unit): Phrase {
  const first = steps[0] as ChainStep;
  const ms = lengthOf(steps);
  const base = { ms, kind: first.kind, steps: [...steps] };
  if (first.kind === 'ready') {
    const stretch = first.toMs - first.fromMs;
    // The tasks that ran meanwhile, but not the ones that only took a turn or two of it.
    const held = (first.heldBy ?? []).filter((h, i) => i === 0 || h.ms >= stretch * 0.05);
    const holders = held.map((h) => ({ name: shortName(h.task), time: duration(h.ms, unit) }));
    return {
      ...base,
      text: words.ready(
        shortName(first.task),
        moment(first.fromMs, unit),
        moment(first.toMs, unit),
        holders,
      ),
      taskIds: [first.taskId, ...held.map((h) => h.taskId)],
    };
  }
  // One name per task, in the order they came; a share per step, or per task when many.
  const perTask = new Map<number, { name: string; ms: number }>();
  for (const s of steps) {
    const entry = perTask.get(s.taskId) ?? { name: shortName(s.task), ms: 0 };
    entry.ms += s.toMs - s.fromMs;
    perTask.set(s.taskId, entry);
  }
  // A task with a sliver of it (the loop's own turn between two tasks' work) is not named.
  for (const [id, entry] of perTask)
    if (perTask.size > 1 && entry.ms < ms * 0.02) perTask.delete(id);
  const named = steps.filter((s) => perTask.has(s.taskId));
  const names = [...perTask.values()].map((e) => e.name);
  // Each step its share when there are few and none is a sliver; else each task its sum.
  const amounts =
    named.length <= MAX_SHARES && named.every((s) => s.toMs - s.fromMs >= ms * 0.05)
      ? named.map((s) => s.toMs - s.fromMs)
      : [...perTask.values()].map((e) => e.ms);
  const shares = `${amounts.map((a) => amount(a, unit)).join(' + ')} ${unit}`;
  const taskIds = [...perTask.keys()];
  if (first.kind === 'ran') {
    // Blocking when most of it came in steps long enough to hold the loop.
    const long = steps.filter((s) => s.toMs - s.fromMs >= BLOCKING_MS);
    const blocking = lengthOf(long) >= ms / 2;
    return {
      ...base,
      text: blocking ? words.blocked(names, shares) : words.ran(names, shares),
      taskIds,
    };
  }
  const cut =
    first.timeoutSinceMs === undefined ? '' : words.cut(moment(first.timeoutSinceMs, unit));
  const text =
    first.on === 'sleep'
      ? words.slept(names, shares)
      : words.waited(names, first.on ?? 'future', shares);
  return { ...base, text: `${text}${cut}`, taskIds };
}

function lengthOf(steps: readonly ChainStep[]): number {
  return steps.reduce((sum, s) => sum + s.toMs - s.fromMs, 0);
}

/** Seconds from 100 ms, milliseconds from 1 ms, microseconds below. */
function unitFor(ms: number): Unit {
  return ms >= 100 ? 's' : ms >= 1 ? 'ms' : 'µs';
}

/** `3.00 s`, `12.3 ms` or `180 µs`. */
function duration(ms: number, unit: Unit): string {
  return `${amount(ms, unit)} ${unit}`;
}

/** A figure without its unit (`1.00` of `1.00 + 2.00 s`). */
function amount(ms: number, unit: Unit): string {
  if (unit === 's') return (ms / 1000).toFixed(2);
  if (unit === 'ms') return ms.toFixed(1);
  return (ms * 1000).toFixed(0);
}

/** A moment of the run, as fine as the stretch's unit: `1.00 s`, `800.5 ms`, `800.527 ms`. */
function moment(ms: number, unit: Unit): string {
  if (unit === 's') return duration(ms, 's');
  return `${ms.toFixed(unit === 'ms' ? 1 : 3)} ms`;
}

function signed(ms: number, unit: Unit): string {
  return `${ms >= 0 ? '+' : '−'}${duration(Math.abs(ms), unit)}`;
}
