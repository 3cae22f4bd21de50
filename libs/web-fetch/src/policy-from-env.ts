import { readFileSync } from 'node:fs';
import { EgressMode, EgressPolicy, ResolveMap } from './egress';

/**
 * CRAWL_EGRESS=loopback|public (default loopback), CRAWL_RESOLVE_MAP=<path to resolve-map.json>,
 * CRAWL_EGRESS_ALLOWLIST=<comma-separated CIDRs>.
 */
export function egressPolicyFromEnv(env: NodeJS.ProcessEnv = process.env, resolveMap?: ResolveMap): EgressPolicy {
  const mode = (env.CRAWL_EGRESS ?? 'loopback') as EgressMode;
  if (mode !== 'loopback' && mode !== 'public') throw new Error(`CRAWL_EGRESS must be loopback or public, got "${mode}"`);
  const map = resolveMap ?? (env.CRAWL_RESOLVE_MAP ? (JSON.parse(readFileSync(env.CRAWL_RESOLVE_MAP, 'utf8')) as ResolveMap) : undefined);
  const allowlist = env.CRAWL_EGRESS_ALLOWLIST ? env.CRAWL_EGRESS_ALLOWLIST.split(',').map((s) => s.trim()).filter(Boolean) : [];
  return { mode, resolveMap: map, allowlist };
}
