/**
 * A spinner with a live elapsed time on stderr, only for people: on a terminal, outside CI, never
 * with `--json`. ora loads only when a spinner is shown, to keep start-up fast.
 *
 * @module
 */

/** What the run needs from a spinner; the no-op one does nothing. */
export interface Spinner {
  /** Clears the spinner line so a transcript line can be written. */
  clear(): void;
  /** Draws it again after the write. */
  render(): void;
  /** Changes what it says (the elapsed time follows). */
  setText(text: string): void;
  /** Stops it for good and restores the cursor. */
  stop(): void;
}

const NO_SPINNER: Spinner = { clear() {}, render() {}, setText() {}, stop() {} };

/** Whether a spinner suits this run. */
export function spinnerWanted(json: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return !json && process.stderr.isTTY === true && env.CI === undefined && env.TERM !== 'dumb';
}

/** Starts a spinner showing `text` and the seconds elapsed, or a no-op when not `wanted`. */
export async function startSpinner(text: string, wanted: boolean): Promise<Spinner> {
  if (!wanted) return NO_SPINNER;
  const { default: ora } = await import('ora');
  const start = performance.now();
  let current = text;
  const label = () => `${current} ${((performance.now() - start) / 1000).toFixed(1)} s`;
  const spinner = ora({ text: label(), stream: process.stderr, discardStdin: false }).start();
  const ticker = setInterval(() => {
    spinner.text = label();
  }, 100);
  return {
    clear: () => spinner.clear(),
    render: () => spinner.render(),
    setText(next) {
      current = next;
      spinner.text = label();
    },
    stop() {
      clearInterval(ticker);
      spinner.stop();
    },
  };
}
