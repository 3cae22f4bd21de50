import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { REGION_CODE_PATTERN, inspectionRequested, periodSchema, regionWithin, roundPublished } from '@govinspect/contracts';
import { OutboxRelay, enqueueEvent } from '@govinspect/messaging';
import { loadRuleSet } from '@govinspect/rule-sets';
import { OUTBOX_RELAY } from '@govinspect/service-kit';
import { DataSource, EntityManager } from 'typeorm';
import { loadBulletin, roundCards } from '../bulletin/bulletin-loader';
import { invalid, missing, stateConflict } from '../errors';
import { regionKnown, regionPrefix } from '../regions/region-directory';
import { openTasks } from '../rectification/rectification.store';
import { rectificationDeadline } from '../rectification/working-days';
import { ROUND_DEFAULTS } from './round-defaults';
import { ROUND_COLUMNS, RoundRecord, RoundSample, RoundState, findRound, toRound } from './round.record';
import { sampleTargets } from './scope';

export const PRODUCER = 'reporting';

export interface CreateRoundParams {
  name: string;
  office: string;
  regionCode: string;
  includeSubRegions?: boolean;
  sample?: { mode: 'all' | 'count' | 'share'; count?: number; share?: number; seed?: string };
  asOf: string;
  period: { key: string; kind: 'quarter' | 'month' | 'ad-hoc'; from: string; to: string };
  ruleSetId?: string;
  ruleSetVersion?: string;
  deadlineWorkingDays?: number;
  highScoreMark?: number;
}

export const STATE_LABELS: Record<RoundState, string> = {
  draft: '草稿',
  inspecting: '检查中',
  scoring: '评分中',
  ready: '待发布',
  published: '已发布',
};

async function sitesInRegion(m: EntityManager, code: string, includeSub: boolean): Promise<string[]> {
  const rows: Array<{ site_id: string; region_code: string }> = await m.query(
    `SELECT site_id, region_code FROM region_site WHERE registered AND region_code LIKE $1`,
    [`${regionPrefix(code)}%`],
  );
  return rows.filter((r) => (includeSub ? regionWithin(r.region_code, code) : r.region_code === code)).map((r) => r.site_id);
}

/** Rounds: create (draft) → start (inspecting) → cards arrive (scoring → ready) → publish (bulletin, tasks, event). */
@Injectable()
export class RoundService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(OUTBOX_RELAY) private readonly relay: OutboxRelay,
  ) {}

  async create(p: CreateRoundParams): Promise<RoundRecord> {
    if (!p.name?.trim()) throw invalid('name', '请填写检查名称');
    if (!p.office?.trim()) throw invalid('office', '请填写检查单位');
    if (!REGION_CODE_PATTERN.test(p.regionCode ?? '')) throw invalid('regionCode', `不是6位行政区划代码：${JSON.stringify(p.regionCode)}`);
    if (Number.isNaN(Date.parse(p.asOf)) || !/[zZ]|[+-]\d{2}:?\d{2}$/.test(p.asOf)) throw invalid('asOf', '监测时间点须为带时区的ISO时间');
    const period = periodSchema.safeParse(p.period);
    if (!period.success) throw invalid('period', period.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    if (Date.parse(period.data.from) > Date.parse(period.data.to)) throw invalid('period', '检查周期的起始时间晚于结束时间');
    const ruleSetId = p.ruleSetId ?? ROUND_DEFAULTS.ruleSetId;
    try {
      loadRuleSet(ruleSetId, p.ruleSetVersion);
    } catch (e) {
      throw invalid('ruleSetId', `规则集不存在或无效：${ruleSetId}${p.ruleSetVersion ? `@${p.ruleSetVersion}` : ''}（${(e as Error).message.slice(0, 200)}）`);
    }
    const sample = this.sample(p);
    const deadlineWorkingDays = p.deadlineWorkingDays ?? ROUND_DEFAULTS.deadlineWorkingDays;
    if (!Number.isInteger(deadlineWorkingDays) || deadlineWorkingDays < 1 || deadlineWorkingDays > 60) {
      throw invalid('deadlineWorkingDays', '整改期限须为1至60个工作日');
    }
    const highScoreMark = p.highScoreMark ?? ROUND_DEFAULTS.highScoreMark;
    const includeSub = p.includeSubRegions ?? true;
    return this.dataSource.transaction(async (m) => {
      if (!(await regionKnown(m, p.regionCode))) throw invalid('regionCode', `行政区划代码${p.regionCode}不存在`, 'unknown-region');
      const sites = await sitesInRegion(m, p.regionCode, includeSub);
      if (sites.length === 0) throw invalid('regionCode', `行政区划${p.regionCode}${includeSub ? '及其下级地区' : ''}没有已登记的政府网站，无法开展检查`, 'empty-region');
      if (sampleTargets(sites, sample).length === 0) throw invalid('sample', '抽样结果为空，请增大抽样数量或比例', 'empty-sample');
      const id = randomUUID();
      await m.query(
        `INSERT INTO inspection_round (id, name, office, region_code, include_sub_regions, sample, as_of, period, period_key, rule_set_id,
           rule_set_version, state, deadline_working_days, high_score_mark)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'draft', $12, $13)`,
        [id, p.name.trim(), p.office.trim(), p.regionCode, includeSub, JSON.stringify(sample), p.asOf, JSON.stringify(period.data), period.data.key,
          ruleSetId, p.ruleSetVersion ?? null, deadlineWorkingDays, highScoreMark],
      );
      return (await findRound(m, id))!;
    });
  }

  private sample(p: CreateRoundParams): RoundSample {
    const s = p.sample ?? { mode: 'all' };
    const seed = s.seed ?? `${p.name}|${p.period?.key}`;
    if (s.mode === 'all') return { mode: 'all', seed };
    if (s.mode === 'count') {
      if (!Number.isInteger(s.count) || s.count! < 1) throw invalid('sample.count', '抽样数量须为正整数');
      return { mode: 'count', count: s.count, seed };
    }
    if (s.mode === 'share') {
      if (typeof s.share !== 'number' || !(s.share > 0 && s.share <= 1)) throw invalid('sample.share', '抽样比例须在0到1之间');
      return { mode: 'share', share: s.share, seed };
    }
    throw invalid('sample.mode', `未知抽样方式：${String((s as { mode: unknown }).mode)}`);
  }

  /** Draw the targets and ask the crawl service to inspect them (inspectionId = round id). */
  async start(id: string): Promise<RoundRecord> {
    const round = await this.dataSource.transaction(async (m) => {
      const r = await findRound(m, id, true);
      if (!r) throw missing('检查轮次', id);
      if (r.state !== 'draft') throw stateConflict('roundId', `检查轮次当前状态为“${STATE_LABELS[r.state]}”，只有草稿可以启动`, 'bad-state');
      const targets = sampleTargets(await sitesInRegion(m, r.regionCode, r.includeSubRegions), r.sample);
      if (targets.length === 0) throw invalid('regionCode', '检查范围内没有已登记的政府网站', 'empty-region');
      await m.query(`UPDATE inspection_round SET state = 'inspecting', target_ids = $2 WHERE id = $1`, [id, targets]);
      await enqueueEvent(
        m,
        inspectionRequested,
        r.regionCode,
        {
          inspectionId: r.id,
          reason: 'round',
          siteIds: targets,
          regionCode: r.regionCode,
          includeSubRegions: r.includeSubRegions,
          asOf: r.asOf,
          period: r.period,
          ruleSetId: r.ruleSetId,
          ...(r.ruleSetVersion ? { ruleSetVersion: r.ruleSetVersion } : {}),
        },
        PRODUCER,
      );
      await advanceRounds(m, [id]);
      return (await findRound(m, id))!;
    });
    this.relay.kick();
    return round;
  }

  /** Freeze the bulletin, open rectification tasks and announce the round; a published round is never re-published. */
  async publish(id: string, publishDate: string, by: string): Promise<RoundRecord> {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(publishDate ?? '') || Number.isNaN(Date.parse(publishDate))) throw invalid('publishDate', '发布日期须为YYYY-MM-DD');
    if (!by?.trim()) throw invalid('by', '请填写发布人');
    const round = await this.dataSource.transaction(async (m) => {
      const r = await findRound(m, id, true);
      if (!r) throw missing('检查轮次', id);
      if (r.state === 'published') throw stateConflict('roundId', `检查轮次已于${r.publishDate}发布，不能重复发布`, 'already-published');
      if (r.state !== 'ready') throw stateConflict('roundId', `检查轮次当前状态为“${STATE_LABELS[r.state]}”，评分全部完成后方可发布`, 'bad-state');
      const publishedAt = new Date();
      const withDate: RoundRecord = { ...r, publishDate, publishedAt: publishedAt.toISOString() };
      const bulletin = await loadBulletin(m, withDate, publishDate);
      const cards = await roundCards(m, r);
      const tasks = await openTasks(m, r, cards, rectificationDeadline(publishDate, r.deadlineWorkingDays), publishedAt);
      await m.query(
        `UPDATE inspection_round SET state = 'published', publish_date = $2, published_by = $3, published_at = $4, bulletin = $5 WHERE id = $1`,
        [id, publishDate, by.trim(), publishedAt, JSON.stringify(bulletin)],
      );
      await enqueueEvent(
        m,
        roundPublished,
        r.regionCode,
        {
          roundId: r.id,
          name: r.name,
          office: r.office,
          regionCode: r.regionCode,
          period: r.period,
          asOf: r.asOf,
          ruleSetId: r.ruleSetId,
          publishedAt: publishedAt.toISOString(),
          sitesChecked: bulletin.sites.checked,
          sitesPassed: bulletin.sites.passed,
          accountsChecked: bulletin.accounts.checked,
          accountsPassed: bulletin.accounts.checked - bulletin.accounts.failed,
          rectificationTasks: tasks,
        },
        PRODUCER,
      );
      return (await findRound(m, id))!;
    });
    this.relay.kick();
    return round;
  }

  async get(id: string): Promise<RoundRecord> {
    const r = await findRound(this.dataSource.manager, id);
    if (!r) throw missing('检查轮次', id);
    return r;
  }

  /** Rounds a region sees: its own and those under it, and the rounds of the levels above that cover it. */
  async list(regionCode?: string): Promise<RoundRecord[]> {
    const rows = await this.dataSource.query(`SELECT ${ROUND_COLUMNS} FROM inspection_round ORDER BY created_at DESC, id`);
    const all = rows.map(toRound);
    if (!regionCode) return all;
    if (!REGION_CODE_PATTERN.test(regionCode)) throw invalid('regionCode', `不是6位行政区划代码：${JSON.stringify(regionCode)}`);
    return all.filter((r: RoundRecord) => regionWithin(r.regionCode, regionCode) || (r.includeSubRegions && regionWithin(regionCode, r.regionCode)));
  }
}

/**
 * Move rounds forward as results arrive: every target scored → ready; every target inspected → scoring.
 * Cards alone may make a round ready (a card from an earlier inspection in the same period still counts).
 */
export async function advanceRounds(m: EntityManager, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  // Lock first: two cards committing at once would each count without the other and neither would advance.
  // Under READ COMMITTED the count below, taken after the lock is granted, sees the other transaction's card.
  await m.query(`SELECT id FROM inspection_round WHERE id = ANY($1) ORDER BY id FOR UPDATE`, [ids]);
  const rows: Array<{ id: string; targets: number; scored: number; inspected: number }> = await m.query(
    `SELECT r.id, cardinality(r.target_ids) AS targets,
            (SELECT count(*) FROM score_card c WHERE c.period_key = r.period_key AND c.target_id = ANY(r.target_ids))::int AS scored,
            (SELECT count(*) FROM round_inspection i WHERE i.round_id = r.id)::int AS inspected
       FROM inspection_round r WHERE r.id = ANY($1) AND r.state IN ('inspecting', 'scoring')`,
    [ids],
  );
  for (const r of rows) {
    const next = r.targets > 0 && r.scored >= r.targets ? 'ready' : r.targets > 0 && r.inspected >= r.targets ? 'scoring' : null;
    if (next) await m.query(`UPDATE inspection_round SET state = $2 WHERE id = $1 AND state <> $2`, [r.id, next]);
  }
}
