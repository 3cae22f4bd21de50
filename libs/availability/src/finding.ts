import { createHash } from 'node:crypto';
import { FindingInput } from '@govinspect/contracts';
import { AvailabilitySummary } from './summary';

export interface UnavailableFindingInput {
  siteId: string;
  /** The homepage that was probed. */
  url: string;
  asOf: Date;
  windowDays: number;
  summary: AvailabilitySummary;
}

/**
 * The `site-unavailable` finding (W-V2) for a window that holds failures, or null when it holds none. Every window
 * with a failure is reported with its ratio: scoring applies the rule set's threshold, so no number is decided here.
 */
export function siteUnavailableFinding(input: UnavailableFindingInput): FindingInput | null {
  const { summary: s } = input;
  if (!s.failures || s.ratio === null) return null;
  const asOf = input.asOf.toISOString();
  const id = `f-${createHash('sha256').update(`site-unavailable|${input.siteId}|${asOf}`).digest('hex').slice(0, 16)}`;
  const pct = (s.ratio * 100).toFixed(1);
  return {
    id,
    type: 'site-unavailable',
    targetId: input.siteId,
    targetKind: 'site',
    asOf,
    location: { url: input.url, breadcrumb: '首页' },
    evidence: { text: `监测${input.windowDays}天内首页访问${s.counted}次，${s.failures}次超时或无法打开，占比${pct}%` },
    attributes: { failureRatio: s.ratio, probes: s.counted, failures: s.failures, windowDays: input.windowDays, voided: s.voided },
    source: 'machine',
  };
}
