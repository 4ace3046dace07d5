import { monitorEventLoopDelay } from 'node:perf_hooks';

type Histogram = ReturnType<typeof monitorEventLoopDelay>;

/** Slack every wall-clock bound gets, whatever the machine: no test bound is under a second. */
const BASE_SLACK_MS = 1000;

/**
 * How late this process's event loop has run its timers while a test ran. On a
 * loaded machine timers and sockets are served late by exactly this much, so
 * a timing tolerance is derived from it (plus a fixed second) instead of a
 * guessed sub-second bound: a calm machine keeps a tight check, a busy one
 * stretches it by what was measurably taken from the test and no more.
 */
export class EventLoopLag {
  private constructor(private readonly histogram: Histogram) {}

  static start(): EventLoopLag {
    const histogram = monitorEventLoopDelay({ resolution: 10 });
    histogram.enable();
    return new EventLoopLag(histogram);
  }

  /** The worst delay seen since the start (or the last reset), in ms. */
  maxMs(): number {
    return this.histogram.max / 1e6;
  }

  /** Forget what was seen, e.g. before each test. */
  reset() {
    this.histogram.reset();
  }

  stop() {
    this.histogram.disable();
  }

  /** Wall ms something expected to take `expectedMs` may take at most: a second plus the lag. */
  wallBound(expectedMs: number): number {
    return expectedMs + BASE_SLACK_MS + this.maxMs();
  }

  /**
   * World ms a moment measured on the wall clock may be off in a world running
   * `speed` times faster, when it is resolved every `resolutionWallMs` (a poll
   * or sample interval): the resolution plus the lag, scaled to world time.
   */
  worldTolerance(speed: number, resolutionWallMs: number): number {
    return (resolutionWallMs + this.maxMs()) * speed;
  }
}
