/**
 * Whether to colour: off for `NO_COLOR`, `--no-color`, `TERM=dumb` or a stream that is not a
 * terminal; on for `FORCE_COLOR` (unless it is `0`).
 *
 * @module
 */

/** Decides colour for `stream` from the environment and the `--no-color` flag. */
export function wantsColor(
  stream: { isTTY?: boolean },
  flagColor: boolean,
  env: NodeJS.ProcessEnv = process.env,
): boolean {
  if (!flagColor) return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '0') return true;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.TERM === 'dumb') return false;
  return stream.isTTY === true;
}
