import { createHash } from 'node:crypto';
import { RoundSample } from './round.record';

/**
 * The targets a round inspects. A sample is seeded: targets are ordered by sha256(seed + id) and the first N taken,
 * so the same round always draws the same sites and nobody can predict the draw without the seed.
 */
export function sampleTargets(ids: readonly string[], sample: RoundSample): string[] {
  const sorted = [...ids].sort();
  if (sample.mode === 'all') return sorted;
  const n = sample.mode === 'count' ? Math.min(sample.count ?? 0, sorted.length) : Math.ceil(sorted.length * (sample.share ?? 0));
  const key = (id: string) => createHash('sha256').update(`${sample.seed}\u0000${id}`).digest('hex');
  return sorted
    .map((id) => ({ id, k: key(id) }))
    .sort((a, b) => (a.k < b.k ? -1 : 1))
    .slice(0, n)
    .map((x) => x.id)
    .sort();
}
