/**
 * The options every command that runs experiments takes, once validated.
 *
 * @module
 */
import type { HtmlExperiment } from '../report/html.js';
import type { Lang } from '../scenarios/messages/index.js';

/** The options every scenario takes, already validated. */
export interface GlobalOptions {
  scale: number;
  /** `--debug`: asyncio's debug mode for the run (slow steps, coroutines never awaited). */
  debug?: boolean;
  /** `--clock virtual`: the runs in virtual time. */
  clock?: 'virtual';
  json: boolean;
  quiet: boolean;
  lang: Lang;
  /** Print nothing: the caller shows the results (as `--compare` does). */
  silent?: boolean;
  /** `--timeline`: true draws it in the terminal; a file name writes SVG there. */
  timeline?: boolean | string;
  /** `--explain`: after the table, the chain of waits and runs that set each timing. */
  explain?: boolean;
  /** `--trace FILE`: a Chrome trace of the run. */
  trace?: string;
  /** `--runs N`: measured runs (the first is the one shown and charted); 1 by default. */
  runs?: number;
  /** `--warmup K`: runs before the measured ones, discarded; 0 by default. */
  warmup?: number;
  /**
   * Show nothing of the run until it measures (a file's experiment): one that throws before
   * is reported as a bad file, with nothing on stdout.
   */
  holdUntilMeasured?: boolean;
  /** `--html FILE`: each run adds its part of the page here; the caller writes the file. */
  html?: HtmlExperiment[];
}
