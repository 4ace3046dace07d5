/**
 * The world's ground-truth diary: every fault, probe transition, DNS switch and chaos
 * action, stamped with world and wall time, readable through the control API.
 */
export type WorldEvent = {
  seq: number;
  worldTime: string;
  wallTime: string;
  type: string;
  message: string;
  data?: Record<string, unknown>;
};

export class EventLog {
  private events: WorldEvent[] = [];
  private seq = 0;

  constructor(
    private readonly now: () => number,
    private readonly capacity = 10000,
    private readonly sink?: (event: WorldEvent) => void,
  ) {}

  add(
    type: string,
    message: string,
    data?: Record<string, unknown>,
  ): WorldEvent {
    const event: WorldEvent = {
      seq: ++this.seq,
      worldTime: new Date(this.now()).toISOString(),
      wallTime: new Date().toISOString(),
      type,
      message,
      ...(data ? { data } : {}),
    };
    this.events.push(event);
    // Keep memory bounded in long demos; the oldest entries go first.
    if (this.events.length > this.capacity)
      this.events.splice(0, this.events.length - this.capacity);
    this.sink?.(event);
    return event;
  }

  list(options: { since?: number; type?: string } = {}): WorldEvent[] {
    return this.events.filter(
      e =>
        e.seq > (options.since ?? 0) &&
        (!options.type ||
          e.type === options.type ||
          e.type.startsWith(`${options.type}.`)),
    );
  }

  clear() {
    this.events = [];
  }
}
