// Seeded farm generator for scale tests: N sites with a realistic mix of problems, M accounts.
// Produces a scenario spec (same language as the YAML files) and resolves it; pages stay lazy.
import type { ScenarioModel } from '../model/types';
import { hash32, pick, rand } from '../util/hash';
import { resolveScenario } from './load';
import { type ColumnClass, type SiteDefect, scenarioSchema, siteSchema, type SiteSpec } from './schema';

export interface GenerateOptions {
  seed: number;
  sites: number;
  pagesPerSite?: number;
  accounts?: number;
  asOf: Date;
}

export const DEPARTMENTS: [string, string][] = [
  ['发展和改革委员会', 'fgw'], ['教育局', 'jyj'], ['公安局', 'gaj'], ['民政局', 'mzj'], ['财政局', 'czj'],
  ['人力资源和社会保障局', 'rsj'], ['自然资源和规划局', 'zrzyj'], ['生态环境局', 'sthjj'], ['住房和城乡建设局', 'zjj'],
  ['交通运输局', 'jtysj'], ['农业农村局', 'nyncj'], ['卫生健康委员会', 'wjw'], ['市场监督管理局', 'scjgj'],
  ['乡村振兴局', 'xczxj'], ['应急管理局', 'yjglj'], ['文化和旅游局', 'whlyj'], ['水利和湖泊局', 'slj'], ['统计局', 'tjj'],
  ['医疗保障局', 'ybj'], ['退役军人事务局', 'tyjrswj'],
];

const SYL: [string, string][] = [
  ['云', 'yun'], ['溪', 'xi'], ['青', 'qing'], ['阳', 'yang'], ['松', 'song'], ['兰', 'lan'], ['桂', 'gui'], ['宁', 'ning'],
  ['安', 'an'], ['平', 'ping'], ['华', 'hua'], ['川', 'chuan'], ['江', 'jiang'], ['河', 'he'], ['山', 'shan'], ['林', 'lin'],
  ['东', 'dong'], ['南', 'nan'], ['西', 'xi'], ['北', 'bei'], ['泉', 'quan'], ['丰', 'feng'], ['嘉', 'jia'], ['通', 'tong'],
];

const PROVINCE_ABBR = '鄂';

/** Share of items per list column when spreading a page budget. */
const WEIGHT: Partial<Record<ColumnClass, number>> = { news: 4, notice: 2, policy: 1.5, interpretation: 1, personnel: 1, planning: 0.5, other: 0.7 };

export function generateScenarioSpec(o: GenerateOptions) {
  const { seed } = o;
  const perCity = 25;
  const cities = Math.max(1, Math.ceil(o.sites / perCity));
  const regions: { code: string; name: string; level: 'province' | 'city' | 'county'; parent?: string }[] = [{ code: '420000', name: '云泽省', level: 'province' }];
  const units: { name: string; region: string; kind: 'government' | 'department' }[] = [];
  const sites: SiteSpec[] = [];
  const usedHosts = new Set<string>();
  for (let c = 0; c < cities && sites.length < o.sites; c++) {
    const a = pick(SYL, seed, 'city', c, 0);
    const b = pick(SYL, seed, 'city', c, 1);
    let slug = a[1] + b[1];
    for (let n = 2; usedHosts.has(`www.${slug}.gov.cn`); n++) slug = `${a[1]}${b[1]}${n}`;
    usedHosts.add(`www.${slug}.gov.cn`);
    const cityName = `${a[0]}${b[0]}市`;
    // real-format codes: 42 + city 01..99 + 00; beyond 99 cities we continue in 43xx, 44xx …
    const code = String(420000 + Math.floor(c / 99) * 10000 + ((c % 99) + 1) * 100);
    regions.push({ code, name: cityName, level: 'city', parent: '420000' });
    units.push({ name: `${cityName}人民政府办公室`, region: code, kind: 'government' });
    const budget = o.pagesPerSite ?? 300;
    for (let k = 0; k < perCity && sites.length < o.sites; k++) {
      const portal = k === 0;
      const dept = DEPARTMENTS[(k - 1) % DEPARTMENTS.length];
      const host = portal ? `www.${slug}.gov.cn` : `${dept[1]}${k > DEPARTMENTS.length ? Math.floor((k - 1) / DEPARTMENTS.length) + 1 : ''}.${slug}.gov.cn`;
      const hostUnit = portal ? `${cityName}人民政府办公室` : `${cityName}${dept[0]}`;
      if (!portal) units.push({ name: hostUnit, region: code, kind: 'department' });
      const id = `s${sites.length}`;
      const key = [seed, 'site', sites.length];
      sites.push(
        siteSchema.parse({
          id,
          name: portal ? `${cityName}人民政府` : `${cityName}${dept[0]}`,
          host,
          kind: portal ? 'portal' : 'department',
          region: code,
          siteCode: `${code}${String(k + 1).padStart(4, '0')}`,
          hostUnit,
          icpNumber: `${PROVINCE_ABBR}ICP备${String(10000000 + (hash32(...key, 'icp') % 89999999))}号`,
          psbNumber: `${PROVINCE_ABBR}公网安备 ${code}02${String(hash32(...key, 'psb') % 1e6).padStart(6, '0')}号`,
          template: pick(['hanweb', 'trs', 'aspnet'] as const, ...key, 'tpl'),
          charset: rand(...key, 'cs') < 0.25 ? 'gbk' : rand(...key, 'cs') < 0.3 ? 'gb18030' : 'utf-8',
          charsetDeclaration: pick(['both', 'both', 'header', 'meta', 'none', 'wrong'] as const, ...key, 'decl'),
          ipv6: rand(...key, 'v6') > 0.1,
          https: rand(...key, 'tls') > 0.15,
          columns: spreadPages(portal, budget, seed, sites.length),
          defects: defectsFor(seed, sites.length),
        }),
      );
    }
  }
  return {
    version: 1 as const,
    name: `generated-${seed}-${o.sites}`,
    seed,
    asOf: o.asOf.toISOString(),
    regions,
    units,
    assignedArticles: [
      { id: 'a1', title: '国务院关于进一步优化营商环境的意见', source: '中国政府网', published: '20d' },
      { id: 'a2', title: '省人民政府关于做好防汛抗旱工作的通知', source: '云泽省人民政府网', published: '9d' },
    ],
    sites,
    accounts: [],
    accountGroups: o.accounts
      ? [{ count: o.accounts, prefix: 'g', platforms: ['wechat', 'weibo', 'douyin', 'toutiao'] as const, share: { stale: 0.08, neverUpdated: 0.03, stopped: 0.02, commentsClosed: 0.05, unfiled: 0.04, nameMismatch: 0.03, repostAltered: 0.1, repostMissing: 0.15 } }]
      : [],
  };
}

/** Items per column so that list pages + articles ≈ the page budget. */
function spreadPages(portal: boolean, budget: number, seed: number, n: number): Record<string, { items: number; newest?: string }> {
  const cols: [string, ColumnClass][] = portal
    ? [['news', 'news'], ['dept-news', 'news'], ['county-news', 'news'], ['notice', 'notice'], ['policy', 'policy'], ['interpretation', 'interpretation'], ['personnel', 'personnel'], ['planning', 'planning'], ['stats', 'other'], ['finance', 'other']]
    : [['news', 'news'], ['notice', 'notice'], ['policy', 'policy'], ['interpretation', 'interpretation'], ['personnel', 'personnel'], ['planning', 'planning']];
  const total = cols.reduce((s, [, c]) => s + (WEIGHT[c] ?? 1), 0);
  const articles = Math.max(cols.length, Math.round(budget * 0.9));
  const out: Record<string, { items: number; newest?: string }> = {};
  for (const [k, c] of cols) out[k] = { items: Math.max(1, Math.round((articles * (WEIGHT[c] ?? 1)) / total)) };
  // a realistic share of problems
  const r = rand(seed, 'cols', n);
  if (r < 0.08) out.notice.newest = '200d';
  else if (r < 0.12) out.news.newest = '30d';
  else if (r < 0.15) out.planning = { items: 0 };
  return out;
}

function defectsFor(seed: number, n: number): SiteDefect[] {
  const d: SiteDefect[] = [];
  const r = (k: string) => rand(seed, 'def', n, k);
  if (r('fm') < 0.06) d.push({ type: 'footer-label-missing', labels: [pick(['psb', 'siteCode', 'conac', 'jiucuo'] as const, seed, 'fl', n)] });
  if (r('bl') < 0.1) d.push({ type: 'broken-link', kind: pick(['404', '500', 'unresolvable', 'closed-domain'] as const, seed, 'bk', n), on: 'homepage' });
  if (r('hl') < 0.01) d.push({ type: 'hidden-link', technique: pick(['display-none', 'offscreen', 'js-write', 'same-color'] as const, seed, 'ht', n), count: 5 });
  if (r('pl') < 0.02) d.push({ type: 'privacy-leak', kind: pick(['id-number', 'mobile', 'bank-card'] as const, seed, 'pk', n), where: 'article', column: 'notice', item: 0 });
  if (r('wd') < 0.01) d.push({ type: 'wording-error', column: 'news', item: 0 });
  if (r('av') < 0.02) d.push({ type: 'availability', downWindows: [], slowShare: 0, slowMs: 16000, errorShare: 0.08, resetShare: 0 });
  return d;
}

export function generateScenario(o: GenerateOptions): ScenarioModel {
  const spec = scenarioSchema.parse(generateScenarioSpec(o));
  return resolveScenario(spec, { asOf: o.asOf }, spec.name);
}
