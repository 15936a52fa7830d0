/**
 * How much the event loop lagged during a run: `perf_hooks.monitorEventLoopDelay` for the delay
 * and event-loop utilisation for how busy the thread was.
 *
 * @module
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

/** The loop's lag over a run. */
export interface LoopLag {
  /** Longest delay of the loop, ms (the monitor's resolution taken off). */
  maxMs: number;
  /** 99th percentile delay, ms. */
  p99Ms: number;
  /** Share of the time the thread was busy running JS, 0..1. */
  utilization: number;
}

const RESOLUTION_MS = 1;

/**
 * Starts watching the loop; `stop()` ends the watch and returns the lag. Needs the loop to turn
 * once before it sees anything (a delay counts from a previous tick): see {@link settle}.
 */
export function startLoopMonitor(): { stop(): LoopLag } {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const elu = performance.eventLoopUtilization();
  let stopped: LoopLag | undefined;
  return {
    stop() {
      if (stopped !== undefined) return stopped;
      histogram.disable();
      const toMs = (ns: number) =>
        Math.max(0, Math.round((ns / 1e6 - RESOLUTION_MS) * 1000) / 1000);
      stopped = {
        maxMs: toMs(histogram.max),
        p99Ms: toMs(histogram.percentile(99)),
        utilization: Math.round(performance.eventLoopUtilization(elu).utilization * 1000) / 1000,
      };
      return stopped;
    },
  };
}

/** Waits a few monitor ticks, so that a monitor started just before sees what comes next. */
export function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 5 * RESOLUTION_MS));
}
