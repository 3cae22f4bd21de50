import type { PeriodRef } from '@govinspect/contracts';

const CST_MS = 8 * 3600_000;

/**
 * The quarter (检查周期) an instant falls in, in China Standard Time: findings nobody requested by an inspection are
 * kept per quarter of their run's asOf, the period national rules inspect.
 */
export function quarterOf(asOf: string): PeriodRef {
  const cst = new Date(Date.parse(asOf) + CST_MS);
  const y = cst.getUTCFullYear();
  const q = Math.floor(cst.getUTCMonth() / 3);
  const from = Date.UTC(y, q * 3, 1) - CST_MS;
  const to = Date.UTC(y, q * 3 + 3, 1) - CST_MS - 1;
  const iso = (ms: number) => new Date(ms + CST_MS).toISOString().replace('Z', '+08:00');
  return { key: `${y}Q${q + 1}`, kind: 'quarter', from: iso(from), to: iso(to) };
}

/** Timestamps as the contracts carry them (ISO, offset). */
export function isoOf(v: Date | string): string {
  return (v instanceof Date ? v : new Date(v)).toISOString();
}
