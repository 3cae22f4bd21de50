/**
 * Scores use half points (0.5) and ×4/3 scaling; floats would drift (0.1 + 0.2), so all arithmetic is on integer
 * tenths of a point. Rule data is validated to one decimal place when it is loaded.
 */
export type Tenths = number;

export function toTenths(points: number): Tenths {
  return Math.round(points * 10);
}

export function fromTenths(t: Tenths): number {
  return t / 10;
}

/** "92.5", "5", "0.5" as reports print them. */
export function formatTenths(t: Tenths): string {
  return String(t / 10);
}

/** t × numerator / denominator, rounded half up to `decimals` (0 or 1) and returned in tenths. */
export function scaleTenths(t: Tenths, numerator: number, denominator: number, decimals: 0 | 1): Tenths {
  const unit = decimals === 1 ? 1 : 10;
  const num = t * numerator;
  const den = denominator * unit;
  // Half-up on non-negative integers: floor((2·num + den) / (2·den)).
  const q = Math.floor((2 * num + den) / (2 * den));
  return q * unit;
}
