import * as path from 'node:path';
import { availabilityParameters, loadRuleSet } from '@govinspect/rule-sets';
import { EgressPolicy, egressPolicyFromEnv } from '@govinspect/web-fetch';

export const CRAWL_CONFIG = Symbol('CRAWL_CONFIG');

export interface CrawlConfig {
  /** W-V2: a probe fails when no page arrives within this limit (rule-set data, not a constant). */
  probeTimeoutMs: number;
  /** W-V2 window and the probes each day needs (rule-set data). */
  windowDays: number;
  minProbesPerDay: number;
  /** Probes planned per day: at least minProbesPerDay, with a margin so a few voided probes leave the day complete. */
  probesPerDay: number;
  /** A slot probe that starts later than this after its slot is voided (scheduler overrun); older slots are missed. */
  lateToleranceMs: number;
  /** Start W-V2 monitoring (a window from the next China-time midnight) when a site is registered. */
  monitorOnRegistration: boolean;
  /** Our own loopback health check made after a failed probe. */
  selfCheckMs: number;
  ruleSetId: string;
  probeConcurrency: number;
  pollMs: number;
  /** How often due W-V2 slots are looked for; 0 = never by itself (a test drives the scheduler). */
  slotPollMs: number;
  /** A claimed probe older than this is presumed abandoned by a crashed worker and is re-queued. */
  staleClaimMs: number;
  policy: EgressPolicy;
  insecureTls: boolean;
  /** Extra trusted CA for HTTPS (simweb's throw-away CA in the demo). */
  caCertPem?: string;
  /** WARC evidence archive directory. */
  archiveDir: string;
  /** Base URL clients reach this service at (CRAWL_PUBLIC_URL, or CRAWL_EVIDENCE_URL as scoring reads it), for evidence links; default its own address. */
  publicUrl?: string;
  /** Site inspections run at once by this worker. */
  inspectionConcurrency: number;
  /** A claimed inspection job whose claim is older than this (no heartbeat) is re-queued. */
  staleJobMs: number;
  /** Findings per crawl.findings-recorded batch. */
  findingsBatchSize: number;
  /** Scheduled inspections: every N ms inspect every known site (0 = off); the rule set used. */
  scheduleEveryMs: number;
}

export function crawlConfigFromEnv(env: NodeJS.ProcessEnv = process.env): CrawlConfig {
  const ruleSetId = env.RULE_SET ?? 'national-2019';
  const { probeTimeoutMs, windowDays, minProbesPerDay } = availabilityParameters(loadRuleSet(ruleSetId));
  const num = (name: string, fallback: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
    return v;
  };
  return {
    probeTimeoutMs,
    windowDays,
    minProbesPerDay,
    probesPerDay: Math.max(minProbesPerDay, num('CRAWL_PROBES_PER_DAY', Math.ceil(minProbesPerDay * 1.2))),
    lateToleranceMs: num('CRAWL_PROBE_LATE_MS', 60_000),
    selfCheckMs: num('CRAWL_SELF_CHECK_MS', 2_000),
    monitorOnRegistration: env.CRAWL_MONITOR !== 'off',
    ruleSetId,
    probeConcurrency: num('CRAWL_PROBE_CONCURRENCY', 16),
    pollMs: num('CRAWL_POLL_MS', 200),
    slotPollMs: num('CRAWL_SLOT_POLL_MS', 1_000),
    staleClaimMs: probeTimeoutMs * 4,
    policy: egressPolicyFromEnv(env),
    insecureTls: env.CRAWL_EGRESS !== 'public',
    caCertPem: env.CRAWL_CA_FILE ? require('node:fs').readFileSync(env.CRAWL_CA_FILE, 'utf8') : undefined,
    archiveDir: path.resolve(env.CRAWL_ARCHIVE_DIR ?? '.cache/evidence'),
    publicUrl: env.CRAWL_PUBLIC_URL || env.CRAWL_EVIDENCE_URL || undefined,
    inspectionConcurrency: num('CRAWL_INSPECTION_CONCURRENCY', 2),
    staleJobMs: num('CRAWL_STALE_JOB_MS', 60_000),
    findingsBatchSize: num('CRAWL_FINDINGS_BATCH', 100),
    scheduleEveryMs: num('CRAWL_SCHEDULE_EVERY_MS', 0),
  };
}
