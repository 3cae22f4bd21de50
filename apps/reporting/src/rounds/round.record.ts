import { PeriodRef } from '@govinspect/contracts';
import { EntityManager } from 'typeorm';
import { BulletinData } from '../bulletin/bulletin-data';

export type RoundState = 'draft' | 'inspecting' | 'scoring' | 'ready' | 'published';

/** All targets, a seeded sample of `count` targets, or a seeded `share` of them (rounded up). */
export interface RoundSample {
  mode: 'all' | 'count' | 'share';
  count?: number;
  share?: number;
  seed: string;
}

export interface RoundRecord {
  id: string;
  name: string;
  office: string;
  regionCode: string;
  includeSubRegions: boolean;
  sample: RoundSample;
  asOf: string;
  period: PeriodRef;
  ruleSetId: string;
  ruleSetVersion: string | null;
  state: RoundState;
  deadlineWorkingDays: number;
  highScoreMark: number;
  targetIds: string[];
  publishDate: string | null;
  publishedBy: string | null;
  publishedAt: string | null;
  bulletin: BulletinData | null;
  createdAt: string;
}

const iso = (v: Date | string | null) => (v === null ? null : v instanceof Date ? v.toISOString() : v);

export function toRound(r: any): RoundRecord {
  return {
    id: r.id,
    name: r.name,
    office: r.office,
    regionCode: r.region_code,
    includeSubRegions: r.include_sub_regions,
    sample: r.sample,
    asOf: iso(r.as_of)!,
    period: r.period,
    ruleSetId: r.rule_set_id,
    ruleSetVersion: r.rule_set_version,
    state: r.state,
    deadlineWorkingDays: r.deadline_working_days,
    highScoreMark: Number(r.high_score_mark),
    targetIds: r.target_ids ?? [],
    // pg returns a date column as a local-time Date; to_char in the query gives the calendar date instead.
    publishDate: r.publish_date_text ?? null,
    publishedBy: r.published_by,
    publishedAt: iso(r.published_at),
    bulletin: r.bulletin,
    createdAt: iso(r.created_at)!,
  };
}

export const ROUND_COLUMNS = `*, to_char(publish_date, 'YYYY-MM-DD') AS publish_date_text`;

export async function findRound(m: EntityManager, id: string, lock = false): Promise<RoundRecord | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const [row] = await m.query(`SELECT ${ROUND_COLUMNS} FROM inspection_round WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`, [id]);
  return row ? toRound(row) : null;
}
