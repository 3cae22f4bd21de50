import { regionLevel } from '@govinspect/contracts';

export interface TargetRow {
  target_id: string;
  target_kind: 'site' | 'account';
  name: string | null;
  site_kind: 'portal' | 'department' | null;
  region_code: string | null;
  host_unit: string | null;
  external_services: boolean;
  external_services_by: string | null;
  external_services_at: Date | null;
}

export interface PeriodRow {
  period_key: string;
  kind: 'quarter' | 'month' | 'ad-hoc';
  from_at: Date;
  to_at: Date;
}

/** SQL pattern for "this region and every region inside it" (regionWithin over 6-digit codes). */
export function regionLikePattern(regionCode: string): string {
  const level = regionLevel(regionCode);
  return level === 'province' ? `${regionCode.slice(0, 2)}%` : level === 'city' ? `${regionCode.slice(0, 4)}%` : regionCode;
}
