// The simulated clock. It starts at the scenario's monitoring time point and, unless frozen, advances
// with real elapsed time; tests and the demo move it explicitly. Logic never reads the wall clock itself:
// the elapsed-time source is injected.
export class SimClock {
  private base: number;
  private startedAt: number;

  constructor(
    start: Date,
    private readonly frozen = false,
    private readonly elapsedSource: () => number = () => performance.now(),
  ) {
    this.base = start.getTime();
    this.startedAt = elapsedSource();
  }

  now(): Date {
    return new Date(this.frozen ? this.base : this.base + (this.elapsedSource() - this.startedAt));
  }

  set(d: Date): void {
    if (Number.isNaN(d.getTime())) throw new RangeError('invalid simulated time');
    this.base = d.getTime();
    this.startedAt = this.elapsedSource();
  }

  advance(ms: number): void {
    this.set(new Date(this.now().getTime() + ms));
  }
}
