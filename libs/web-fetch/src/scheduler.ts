/** A counting semaphore with a FIFO queue: no request waits forever behind later ones. */
export class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];

  constructor(private readonly limit: number) {
    if (!(limit >= 1)) throw new Error(`concurrency must be at least 1, got ${limit}`);
  }

  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    // The releasing holder hands its slot over, so `active` stays as it is.
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }

  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.active--;
  }

  get idle(): boolean {
    return this.active === 0 && this.waiters.length === 0;
  }
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

interface HostState {
  slots: Semaphore;
  /** This host's own spacing when it asks for more than the default (robots.txt Crawl-delay). */
  delayMs: number;
  /** performance.now() before which the next request to this host may not start. */
  nextStart: number;
}

/**
 * Politeness: at most `perHost` requests in flight per host, starts at least `delayMs` apart, and at most `global`
 * requests in flight overall. The host slot is taken before the global one, so a busy host queues on its own slot
 * and never holds a global slot that another host could use.
 */
export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  private readonly global: Semaphore;

  constructor(
    private readonly perHost: number,
    private readonly delayMs: number,
    global: number,
  ) {
    this.global = new Semaphore(global);
  }

  /** Space this host's requests at least `ms` apart (never less than the default delay). */
  slowDown(host: string, ms: number): void {
    const h = this.state(host);
    h.delayMs = Math.max(this.delayMs, ms);
  }

  private state(host: string): HostState {
    let h = this.hosts.get(host);
    if (!h) {
      h = { slots: new Semaphore(this.perHost), delayMs: this.delayMs, nextStart: 0 };
      this.hosts.set(host, h);
    }
    return h;
  }

  /** Waits for a slot; the returned function releases it (call it exactly once). */
  async acquire(host: string): Promise<() => void> {
    const h = this.state(host);
    await h.slots.acquire();
    const now = performance.now();
    const wait = Math.max(0, h.nextStart - now);
    h.nextStart = Math.max(now, h.nextStart) + h.delayMs;
    if (wait > 0) await sleep(wait);
    await this.global.acquire();
    const state = h;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.global.release();
      state.slots.release();
      // Forget idle hosts whose delay has passed, so a long crawl does not keep every host it ever saw.
      if (state.slots.idle && state.nextStart <= performance.now() && state.delayMs === this.delayMs) this.hosts.delete(host);
    };
  }
}
