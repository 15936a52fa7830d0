/**
 * Options more than one scenario takes, defined once.
 *
 * @module
 */
import { parseSeconds, parseSecondsList, parseSubset } from '../options/parse.js';
import type { ScenarioOption } from './types.js';

/** `--sleeps 1,2,3`: the notebook's three waits. */
export function sleepsOption(description: string): ScenarioOption<number[]> {
  return {
    flags: '--sleeps <list>',
    description,
    defaultValue: '1,2,3',
    parse: (raw) => parseSecondsList('--sleeps', raw),
  };
}

/** `--mode a,b`: any subset of `modes`, all by default. */
export function modeOption<M extends string>(modes: readonly M[]): ScenarioOption<M[]> {
  return {
    flags: '--mode <list>',
    description: `which ways to run them: any of ${modes.join(',')}`,
    defaultValue: modes.join(','),
    parse: (raw) => parseSubset('--mode', raw, modes),
  };
}

/** `--NAME <seconds>`: a duration above 0 (at most `max`), `defaultValue` as the notebook has it. */
export function secondsOption(
  name: string,
  description: string,
  defaultValue: string,
  max?: number,
): ScenarioOption<number> {
  const flag = `--${name}`;
  return {
    flags: `${flag} <seconds>`,
    description,
    defaultValue,
    parse: (raw) => parseSeconds(flag, raw, max),
  };
}
