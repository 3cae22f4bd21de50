import { randomUUID } from 'node:crypto';
import { scorecardPublished, siteRegistered } from '@govinspect/contracts';
import { z } from 'zod';
import { Harness, waitFor } from './harness';

export type Card = z.infer<typeof scorecardPublished.schema>;
export type SiteReg = z.infer<typeof siteRegistered.schema>;

export const REGIONS = [
  { code: '420000', name: '云泽省', level: 'province' },
  { code: '421300', name: '云溪市', level: 'city', parent: '420000' },
  { code: '421302', name: '溪山区', level: 'county', parent: '421300' },
  { code: '421321', name: '青阳县', level: 'county', parent: '421300' },
  { code: '421200', name: '云岭市', level: 'city', parent: '420000' },
  { code: '421202', name: '岭南区', level: 'county', parent: '421200' },
  { code: '421500', name: '空白市', level: 'city', parent: '420000' },
];

export const UPSERT_REGIONS = `mutation($r: [RegionInput!]!) { upsertRegions(regions: $r) }`;

export function period(key = '2026Q4') {
  const y = Number(key.slice(0, 4));
  const q = Number(key.slice(5));
  const from = new Date(Date.UTC(y, (q - 1) * 3, 1) - 8 * 3600_000).toISOString();
  const to = new Date(Date.UTC(y, q * 3, 1) - 8 * 3600_000 - 1000).toISOString();
  return { key, kind: 'quarter' as const, from, to };
}

let codeSeq = 1;
export function site(name: string, regionCode: string, kind: 'portal' | 'department'): SiteReg {
  return {
    siteId: randomUUID(),
    name,
    url: `http://127.0.0.1:9/${encodeURIComponent(name)}`,
    siteCode: `${regionCode}${String(codeSeq++).padStart(4, '0')}`,
    regionCode,
    kind,
    hostUnit: name.replace(/人民政府$/, '人民政府办公室'),
  };
}

const ev = (findingId: string, label: string) => ({ findingId, label, url: `http://127.0.0.1:9/${findingId}` });

/** A card as scoring publishes it; `shape` picks a realistic result with official annex sentences. */
export function card(s: SiteReg, shape: 'bonus' | 'pass' | 'veto' | 'below', opts: { periodKey?: string; version?: number; score?: number } = {}): Card {
  const p = period(opts.periodKey);
  const base = {
    cardId: `card-${s.siteId}-${p.key}`,
    version: opts.version ?? 1,
    targetId: s.siteId,
    targetKind: 'site' as const,
    targetClass: s.kind,
    targetName: s.name,
    regionCode: s.regionCode,
    period: p,
    asOf: '2026-11-30T10:00:00+08:00',
    ruleSet: { id: 'national-2019', version: '1.0.0' },
    publishedAt: '2026-11-30T12:00:00+08:00',
    publishedBy: '审核员',
  };
  if (shape === 'veto') {
    const annex = '站点无法访问：首页连续无法访问，即单项否决。首页（无法访问）';
    return {
      ...base,
      result: 'failed-veto',
      resultLabel: '不合格(单项否决)',
      finalScore: null,
      baseScore: null,
      bonusTotal: null,
      deductionTotal: null,
      vetoes: [{ indicatorId: 'W-V2', level1: '单项否决', level2: '站点无法访问', reasons: ['首页连续无法访问'], annex, evidence: [ev(`f-${s.siteId}-v`, '首页（无法访问）')] }],
      deductions: [],
      bonuses: [],
      annex: { problems: annex, score: '一票否决' },
    };
  }
  if (shape === 'below') {
    const d1 = '动态要闻监测时间点前2周内未更新的，扣5分。共扣5分。首页>政务动态>工作动态';
    const d2 = '存在不可用链接的，每发现一处，扣1分。共扣2分。首页>政务公开>政策文件（404） 首页>联系我们（无法访问）';
    const score = opts.score ?? 55;
    return {
      ...base,
      result: 'failed-below-pass',
      resultLabel: '不合格(低于合格线)',
      finalScore: score,
      baseScore: score,
      bonusTotal: null,
      deductionTotal: 100 - score,
      vetoes: [],
      deductions: [
        { indicatorId: 'W-D-NEWS', level1: '发布解读', level2: '动态要闻', count: 1, total: 5, annex: d1, evidence: [ev(`f-${s.siteId}-n`, '首页>政务动态>工作动态')] },
        { indicatorId: 'W-D-LINKS', level1: '功能设计', level2: '不可用链接', count: 2, total: 2, annex: d2, evidence: [ev(`f-${s.siteId}-l1`, '首页>政务公开>政策文件（404）'), ev(`f-${s.siteId}-l2`, '首页>联系我们（无法访问）')] },
      ],
      bonuses: [],
      annex: { problems: `${d1}\n${d2}`, score: String(score) },
    };
  }
  const score = opts.score ?? (shape === 'bonus' ? 102 : 95);
  const d = '其他栏目存在应更新未更新的，每发现一处，扣1分。共扣2分。首页>公众互动>在线访谈>访谈预告 首页>走进云溪>交通';
  return {
    ...base,
    result: shape === 'bonus' ? 'passed-bonus' : 'passed',
    resultLabel: shape === 'bonus' ? '合格并进入加分' : '合格',
    finalScore: score,
    baseScore: shape === 'bonus' ? 98 : score,
    bonusTotal: shape === 'bonus' ? score - 98 : null,
    deductionTotal: shape === 'bonus' ? 2 : 100 - score,
    vetoes: [],
    deductions: [{ indicatorId: 'W-D-OTHER-STALE', level1: '发布解读', level2: '其他栏目', count: 2, total: 2, annex: d, evidence: [ev(`f-${s.siteId}-o`, '首页>公众互动>在线访谈>访谈预告')] }],
    bonuses: [],
    annex: { problems: d, score: String(score) },
  };
}

export const ROUND_FIELDS = `id name state stateLabel targetCount publishDate bulletinUrl annexUrl regionCode`;

export async function seedRegions(h: Harness) {
  await h.ok(UPSERT_REGIONS, { r: REGIONS });
}

export async function registerSites(h: Harness, sites: SiteReg[]) {
  for (const s of sites) await h.publish(siteRegistered, s.siteId, s);
  await waitFor('sites registered', async () => {
    const [r] = await h.query(`SELECT count(*)::int AS n FROM region_site WHERE registered AND site_id = ANY($1)`, [sites.map((s) => s.siteId)]);
    return r.n === sites.length;
  });
}

export async function publishCards(h: Harness, cards: Card[]) {
  for (const c of cards) await h.publish(scorecardPublished, c.targetId, c);
}

export function roundInput(regionCode: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    name,
    office: regionCode === '420000' ? '云泽省人民政府办公厅' : '云溪市人民政府办公室',
    regionCode,
    asOf: '2026-11-30T10:00:00+08:00',
    period: period(),
    ...extra,
  };
}

export const CREATE = `mutation($i: CreateRoundInput!) { createRound(input: $i) { ${ROUND_FIELDS} } }`;
export const START = `mutation($id: ID!) { startRound(id: $id) { ${ROUND_FIELDS} } }`;
export const PUBLISH = `mutation($id: ID!, $d: String!) { publishRound(id: $id, publishDate: $d, by: "测试") { ${ROUND_FIELDS} } }`;
export const ROUND = `query($id: ID!) { round(id: $id) { ${ROUND_FIELDS} } }`;

/** create → start → cards → ready; returns the round id. */
export async function readyRound(h: Harness, regionCode: string, name: string, cards: Card[], extra: Record<string, unknown> = {}): Promise<string> {
  const { createRound } = await h.ok(CREATE, { i: roundInput(regionCode, name, extra) });
  await h.ok(START, { id: createRound.id });
  await publishCards(h, cards);
  await waitFor(`round ${name} ready`, async () => (await h.ok(ROUND, { id: createRound.id })).round.state === 'READY');
  return createRound.id;
}
