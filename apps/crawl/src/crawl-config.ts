import { availabilityParameters, loadRuleSet } from '@govinspect/rule-sets';
import { EgressPolicy, egressPolicyFromEnv } from '@govinspect/web-fetch';

export const CRAWL_CONFIG = Symbol('CRAWL_CONFIG');

export interface CrawlConfig {
  /** W-V2: a probe fails when no page arrives within this limit (rule-set data, not a constant). */
  probeTimeoutMs: number;
  ruleSetId: string;
  probeConcurrency: number;
  pollMs: number;
  /** A claimed probe older than this is presumed abandoned by a crashed worker and is re-queued. */
  staleClaimMs: number;
  policy: EgressPolicy;
  insecureTls: boolean;
}

export function crawlConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CrawlConfig {
  const ruleSetId = env.RULE_SET ?? 'national-2019';
  const { probeTimeoutMs } = availabilityParameters(loadRuleSet(ruleSetId));
  return {
    probeTimeoutMs,
    ruleSetId,
    probeConcurrency: Number(env.CRAWL_PROBE_CONCURRENCY ?? 16),
    pollMs: Number(env.CRAWL_POLL_MS ?? 200),
    staleClaimMs: probeTimeoutMs * 4,
    policy: egressPolicyFromEnv(env),
    insecureTls: env.CRAWL_EGRESS !== 'public',
  };
}
