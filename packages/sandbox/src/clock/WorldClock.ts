/**
 * The world's clock. Every timer in the sandbox goes through it so that a whole
 * failover (10 s probes, tolerated failures, 60 s TTL) can run in seconds in tests
 * and in real time in a demo, with the same code.
 *
 * World time is in epoch milliseconds and advances at `speed` × real time. Timers are
 * kept in one ordered queue and a single real `setTimeout` waits for the earliest, so
 * changing the speed only needs that one timer to be re-armed.
 */
export type TimerHandle = { readonly id: number };

type Timer = {
  id: number;
  due: number;
  seq: number;
  fn: () => void;
};

export type WorldClockOptions = {
  /** World time at creation, epoch ms. Defaults to the real time now. */
  startTime?: number;
  /** World seconds per real second. */
  speed?: number;
  /**
   * Start with time standing still at `startTime` until `start()`: a world that takes a few
   * seconds to boot (certificates, ports) must not have lived minutes of fast time by then.
   */
  paused?: boolean;
};

export class WorldClock {
  private anchorWorld: number;
  private anchorReal: number;
  private currentSpeed: number;
  private readonly timers: Timer[] = [];
  private nextId = 1;
  private seq = 0;
  private realTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private paused: boolean;
  readonly startTime: number;

  constructor(options: WorldClockOptions = {}) {
    const speed = options.speed ?? 1;
    WorldClock.assertSpeed(speed);
    this.currentSpeed = speed;
    this.anchorReal = Date.now();
    this.anchorWorld = options.startTime ?? this.anchorReal;
    this.startTime = this.anchorWorld;
    this.paused = options.paused ?? false;
  }

  /** Lets a paused clock run, from the world time it was paused at. */
  start() {
    if (!this.paused) return;
    this.paused = false;
    this.anchorReal = Date.now();
    this.arm();
  }

  private static assertSpeed(speed: number) {
    if (!Number.isFinite(speed) || speed <= 0 || speed > 10000) {
      throw new RangeError(
        `clock speed must be a number in (0, 10000], got ${speed}`,
      );
    }
  }

  /** World time, epoch ms. */
  now(): number {
    if (this.paused) return this.anchorWorld;
    return (
      this.anchorWorld + (Date.now() - this.anchorReal) * this.currentSpeed
    );
  }

  get speed(): number {
    return this.currentSpeed;
  }

  setSpeed(speed: number) {
    WorldClock.assertSpeed(speed);
    // Re-anchor so world time stays continuous across the change.
    this.anchorWorld = this.now();
    this.anchorReal = Date.now();
    this.currentSpeed = speed;
    if (!this.paused) this.arm();
  }

  /** Real milliseconds that `worldMs` of world time takes at the current speed. */
  toRealMs(worldMs: number): number {
    return worldMs / this.currentSpeed;
  }

  setTimeout(fn: () => void, worldMs: number): TimerHandle {
    const timer: Timer = {
      id: this.nextId++,
      due: this.now() + Math.max(0, worldMs),
      seq: this.seq++,
      fn,
    };
    // Insert in order (due, then creation) so equal deadlines fire in creation order.
    let i = this.timers.length;
    while (
      i > 0 &&
      (this.timers[i - 1].due > timer.due ||
        (this.timers[i - 1].due === timer.due &&
          this.timers[i - 1].seq > timer.seq))
    ) {
      i--;
    }
    this.timers.splice(i, 0, timer);
    if (i === 0 && !this.paused) this.arm();
    return { id: timer.id };
  }

  /** Repeats every `worldMs`; the next run is scheduled from the previous deadline, not drifting. */
  setInterval(fn: () => void, worldMs: number): TimerHandle {
    if (worldMs <= 0) throw new RangeError('interval must be positive');
    const handle = { id: 0 };
    let due = this.now() + worldMs;
    const run = () => {
      due += worldMs;
      const next = this.setTimeout(run, due - this.now());
      handle.id = next.id;
      fn();
    };
    handle.id = this.setTimeout(run, worldMs).id;
    return handle;
  }

  clear(handle: TimerHandle | undefined) {
    if (!handle) return;
    const i = this.timers.findIndex(t => t.id === handle.id);
    if (i >= 0) {
      this.timers.splice(i, 1);
      if (i === 0 && !this.paused) this.arm();
    }
  }

  /** A promise resolved after `worldMs` of world time. */
  sleep(worldMs: number): Promise<void> {
    return new Promise(resolve => this.setTimeout(resolve, worldMs));
  }

  /** Number of pending timers (for tests and ground truth). */
  get pending(): number {
    return this.timers.length;
  }

  stop() {
    this.stopped = true;
    this.timers.length = 0;
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
  }

  private arm() {
    if (this.realTimer) clearTimeout(this.realTimer);
    this.realTimer = undefined;
    if (this.stopped || this.timers.length === 0) return;
    const wait = Math.max(0, this.toRealMs(this.timers[0].due - this.now()));
    // Node caps timeouts at 2^31-1 ms; longer waits simply re-arm.
    this.realTimer = setTimeout(() => this.fire(), Math.min(wait, 2 ** 31 - 1));
    this.realTimer.unref?.();
  }

  private fire() {
    this.realTimer = undefined;
    const now = this.now();
    while (
      this.timers.length > 0 &&
      this.timers[0].due <= now &&
      !this.stopped
    ) {
      const timer = this.timers.shift()!;
      try {
        timer.fn();
      } catch (e) {
        // A failing timer must not stop the world; report and continue.
        process.emitWarning(`sandbox timer failed: ${(e as Error).stack ?? e}`);
      }
    }
    this.arm();
  }
}
