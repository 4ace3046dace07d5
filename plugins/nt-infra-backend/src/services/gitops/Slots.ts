/**
 * At most `size` tasks at once; the rest wait their turn in arrival order.
 */
export class Slots {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number) {
    if (!Number.isInteger(size) || size < 1) {
      throw new Error(`slots must be a positive integer, got ${size}`);
    }
  }

  /** Tasks started or waiting right now. */
  get load(): number {
    return this.running + this.waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) {
      await new Promise<void>(resolve => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      // The slot passes straight to the next task; `running` stays counted.
      if (next) next();
      else this.running -= 1;
    }
  }
}
