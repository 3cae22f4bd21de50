// Keyed hashing instead of a sequential RNG: any item of any page can be produced on demand
// (lazy generation) and is identical no matter in which order pages are requested.

/** 32-bit hash of a list of keys (FNV-1a over the joined keys, then murmur3's finaliser). */
export function hash32(...keys: (string | number)[]): number {
  let h = 0x811c9dc5;
  const s = keys.join('\u0001');
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform float in [0, 1) keyed by the given keys. */
export function rand(...keys: (string | number)[]): number {
  return hash32(...keys) / 4294967296;
}

/** Uniform integer in [min, max] (inclusive). */
export function randInt(min: number, max: number, ...keys: (string | number)[]): number {
  return min + Math.floor(rand(...keys) * (max - min + 1));
}

export function pick<T>(list: readonly T[], ...keys: (string | number)[]): T {
  return list[hash32(...keys) % list.length];
}
