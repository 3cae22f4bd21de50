/** The time source of the crawl service's scheduling and of every asOf it derives: injected, so tests drive it. */
export const CLOCK = Symbol('CLOCK');

export interface Clock {
  now(): Date;
}

/** Production: the wall clock. Tests pass a simulated clock (simweb's SimClock fits structurally). */
export const systemClock: Clock = { now: () => new Date() };
