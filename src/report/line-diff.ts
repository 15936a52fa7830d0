/**
 * A line diff (longest common subsequence), as `diff` aligns two texts: one extra line is one
 * difference, not a shift of everything after it.
 *
 * @module
 */

/** A run of lines that differ: what the left side has there, what the right side has. */
export interface Hunk {
  left: string[];
  right: string[];
}

/**
 * The hunks where `left` and `right` differ, compared after `key` (which may mask what should
 * not count, such as measured numbers); each hunk holds the original lines.
 *
 * @example
 * diffLines(['a', 'b', 'c'], ['a', 'c']); // [{ left: ['b'], right: [] }]
 */
export function diffLines(
  left: readonly string[],
  right: readonly string[],
  key: (line: string) => string = (line) => line,
): Hunk[] {
  const a = left.map(key);
  const b = right.map(key);
  // lengths[i][j]: the LCS of a[i..] and b[j..]. Transcripts are tens of lines: O(n·m) is fine.
  const lengths = Array.from({ length: a.length + 1 }, () =>
    new Array<number>(b.length + 1).fill(0),
  );
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      const row = lengths[i] as number[];
      row[j] =
        a[i] === b[j]
          ? (lengths[i + 1]?.[j + 1] ?? 0) + 1
          : Math.max(lengths[i + 1]?.[j] ?? 0, row[j + 1] ?? 0);
    }
  }
  const hunks: Hunk[] = [];
  let open: Hunk | undefined;
  const add = (side: 'left' | 'right', line: string) => {
    open ??= { left: [], right: [] };
    open[side].push(line);
  };
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (i < a.length && j < b.length && a[i] === b[j]) {
      if (open !== undefined) hunks.push(open);
      open = undefined;
      i++;
      j++;
    } else if (
      j >= b.length ||
      (i < a.length && (lengths[i + 1]?.[j] ?? 0) >= (lengths[i]?.[j + 1] ?? 0))
    ) {
      add('left', left[i++] as string);
    } else {
      add('right', right[j++] as string);
    }
  }
  if (open !== undefined) hunks.push(open);
  return hunks;
}

/** How many lines differ: a changed line counts once, an extra or missing line once. */
export function differingLines(hunks: readonly Hunk[]): number {
  return hunks.reduce((sum, h) => sum + Math.max(h.left.length, h.right.length), 0);
}
