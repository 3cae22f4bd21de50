import { regionWithin } from '@govinspect/contracts';
import { loadRuleSet } from '@govinspect/rule-sets';
import { EntityManager } from 'typeorm';
import { ScoreCardPayload } from '../intake/card.types';
import { regionNamer, regionPrefix } from '../regions/region-directory';
import { RoundRecord } from '../rounds/round.record';
import { rectificationDeadline } from '../rectification/working-days';
import { BulletinData, SiteInfo, computeBulletin } from './bulletin-data';
import { DEFAULT_REQUIREMENTS, fillRequirement } from './bulletin-text';
import { chinaDate } from './chinese-format';

/** The round's cards: its sites' cards for the period, and the account cards of its region (accounts have no scope yet). */
export async function roundCards(m: EntityManager, round: RoundRecord): Promise<ScoreCardPayload[]> {
  const rows: Array<{ payload: ScoreCardPayload }> = await m.query(
    `SELECT payload FROM score_card
      WHERE period_key = $1
        AND ((target_kind = 'site' AND target_id = ANY($2)) OR (target_kind = 'account' AND region_code LIKE $3))
      ORDER BY target_id`,
    [round.period.key, round.targetIds, `${regionPrefix(round.regionCode)}%`],
  );
  return rows
    .map((r) => r.payload)
    .filter((c) => c.targetKind === 'site' || (round.includeSubRegions ? regionWithin(c.regionCode, round.regionCode) : c.regionCode === round.regionCode));
}

/** 《title》（number）of the rule set's first cited document: the basis every bulletin opens with. */
export function basisOf(ruleSetId: string, version: string | null): string {
  try {
    const rs = loadRuleSet(ruleSetId, version ?? undefined);
    const [key, doc] = Object.entries(rs.documents ?? {})[0] ?? [];
    if (key && doc) return `《${(doc as { title: string }).title}》（${key}）`;
  } catch {
    // an unknown rule set was rejected when the round was created; fall through for old rounds
  }
  return '国务院办公厅关于政府网站和政务新媒体监管工作的有关规定';
}

/** The website pass mark of the round's pinned rule set (validated when the round was created). */
export function websitePassMark(ruleSetId: string, version: string | null): number {
  return loadRuleSet(ruleSetId, version ?? undefined).scoring.website.passMark.value;
}

export async function requirementTemplate(m: EntityManager, office: string): Promise<string[]> {
  const [row] = await m.query(`SELECT paragraphs FROM requirement_template WHERE office = $1`, [office]);
  return row ? (row.paragraphs as string[]) : [...DEFAULT_REQUIREMENTS];
}

/** The previous published round of the same region (and level): pass rates and the state of its tasks. */
async function previousRound(m: EntityManager, round: RoundRecord) {
  const [prev] = await m.query(
    `SELECT id, name, bulletin FROM inspection_round
      WHERE region_code = $1 AND state = 'published' AND id <> $2 AND period_key <> $3
        AND ($4::timestamptz IS NULL OR published_at < $4)
      ORDER BY published_at DESC LIMIT 1`,
    [round.regionCode, round.id, round.period.key, round.publishedAt],
  );
  if (!prev) return null;
  const tasks: Array<{ target_name: string; level2: string; state: string }> = await m.query(
    `SELECT target_name, level2, state FROM rectification_task WHERE round_id = $1 ORDER BY target_name, level2`,
    [prev.id],
  );
  const b = prev.bulletin as BulletinData | null;
  return {
    roundId: prev.id as string,
    name: prev.name as string,
    sitePassRate: b?.sites.passRate ?? null,
    accountPassRate: b?.accounts.available ? b.accounts.passRate : null,
    tasks: tasks.map((t) => ({ targetName: t.target_name, level2: t.level2, state: t.state })),
  };
}

/** Gather the inputs from the database and compute the bulletin's data model (the one both files print). */
export async function loadBulletin(m: EntityManager, round: RoundRecord, publishDate?: string): Promise<BulletinData> {
  const date = publishDate ?? round.publishDate ?? chinaDate(round.asOf);
  const cards = await roundCards(m, round);
  const siteRows: Array<{ site_id: string; kind: 'portal' | 'department' | null; host_unit: string | null; region_code: string }> = await m.query(
    `SELECT site_id, kind, host_unit, region_code FROM region_site WHERE registered AND region_code LIKE $1`,
    [`${regionPrefix(round.regionCode)}%`],
  );
  const inScope = siteRows.filter((s) => (round.includeSubRegions ? regionWithin(s.region_code, round.regionCode) : s.region_code === round.regionCode));
  const sites = new Map<string, SiteInfo>(siteRows.map((s) => [s.site_id, { siteId: s.site_id, kind: s.kind, hostUnit: s.host_unit }]));
  const deadline = rectificationDeadline(date, round.deadlineWorkingDays).slice(0, 10);
  const templates = await requirementTemplate(m, round.office);
  return computeBulletin({
    round: { id: round.id, name: round.name, office: round.office, regionCode: round.regionCode, periodKey: round.period.key, asOf: formatAsOf(round.asOf), highScoreMark: round.highScoreMark, passMark: websitePassMark(round.ruleSetId, round.ruleSetVersion) },
    publishDate: date,
    deadline,
    basis: basisOf(round.ruleSetId, round.ruleSetVersion),
    regionName: await regionNamer(m),
    registeredSites: inScope.length,
    cards,
    sites,
    previous: await previousRound(m, round),
    requirements: templates.map((t) => fillRequirement(t, { office: round.office, deadlineText: formatDateText(deadline), roundName: round.name })),
  });
}

const formatDateText = (ymd: string) => {
  const [y, mo, d] = ymd.split('-').map(Number);
  return `${y}年${mo}月${d}日`;
};

/** The monitoring time point as prose: 2026年11月30日. */
const formatAsOf = (iso: string) => formatDateText(chinaDate(iso));
