/** Validates a Chrome Trace Event Format document; returns what is wrong (empty when valid). */
export function traceProblems(doc: unknown): string[] {
  const problems: string[] = [];
  const events = (doc as { traceEvents?: unknown }).traceEvents;
  if (!Array.isArray(events)) return ['traceEvents is not an array'];
  const named = new Set<number>();
  const spans = new Map<number, Array<[number, number]>>();
  for (const [i, e] of events.entries()) {
    if (typeof e.name !== 'string' || typeof e.ph !== 'string')
      problems.push(`event ${i}: no name or ph`);
    if (typeof e.pid !== 'number' || typeof e.tid !== 'number')
      problems.push(`event ${i}: pid and tid must be numbers`);
    if (typeof e.ts !== 'number' || e.ts < 0) problems.push(`event ${i}: ts must be a number >= 0`);
    if (e.ph === 'M' && e.name === 'thread_name') named.add(e.tid);
    if (e.ph === 'X') {
      if (typeof e.dur !== 'number' || e.dur < 0) problems.push(`event ${i}: X without a dur >= 0`);
      else spans.set(e.tid, [...(spans.get(e.tid) ?? []), [e.ts, e.ts + e.dur]]);
    }
    if (e.ph === 'i' && !['g', 'p', 't'].includes(e.s))
      problems.push(`event ${i}: instant without a scope`);
  }
  for (const [tid, list] of spans) {
    if (!named.has(tid)) problems.push(`track ${tid} has no thread_name`);
    const sorted = list.sort((a, b) => a[0] - b[0]);
    for (let k = 1; k < sorted.length; k++) {
      if ((sorted[k]?.[0] ?? 0) < (sorted[k - 1]?.[1] ?? 0))
        problems.push(`track ${tid}: overlapping X events`);
    }
  }
  return problems;
}
