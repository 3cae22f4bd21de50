// inspectSite on simulated sites: stable finding ids across runs, inspector corrections win over the classifier,
// findings arrive in batches, an unreachable homepage is a classified failure, and (real headless Chromium) the
// homepage is rendered for axe-core while script-filled lists are not blank.
import path from 'node:path';
import { findingSchema, type Finding } from '@govinspect/contracts';
import { loadRuleSet } from '@govinspect/rule-sets';
import { Renderer } from '@govinspect/site-crawler';
import { loadScenario, startSimweb, type ScenarioModel, type SimwebHandle } from '@govinspect/simweb';
import { Fetcher } from '@govinspect/web-fetch';
import { inspectSite, type InspectSiteInput } from '../src';

jest.setTimeout(240_000);
const ROOT = path.resolve(__dirname, '../../..');
const ruleSet = loadRuleSet('national-2019');

describe('inspectSite', () => {
  let sc: ScenarioModel;
  let web: SimwebHandle;
  let fetcher: Fetcher;
  const input = (id: string, extra: Partial<InspectSiteInput> = {}): InspectSiteInput => {
    const s = sc.sites.find((x) => x.id === id)!;
    return {
      runId: `t-${id}`, asOf: sc.asOf.toISOString(), ruleSet, fetcher,
      site: { id, name: s.name, url: web.urlOf(id), siteCode: s.siteCode, kind: s.kind, regionCode: s.regionCode }, ...extra,
    };
  };
  beforeAll(async () => {
    sc = loadScenario(path.join(ROOT, 'libs/simweb/scenarios/demo-city.yaml'));
    web = await startSimweb({ scenario: sc });
    fetcher = new Fetcher({ policy: { mode: 'loopback', resolveMap: web.resolveMap }, caCertPem: web.caCertPem ?? undefined, perHostDelayMs: 0, perHostConcurrency: 4, retryBaseMs: 20 });
  });
  afterAll(async () => {
    await fetcher?.close();
    await web?.close();
  });

  it('same problems get the same ids in a second run; findings are valid contract findings with evidence, batched', async () => {
    const batches: Finding[][] = [];
    const a = await inspectSite(input('yunxi-czj', { onFindings: async (b) => void batches.push(b) }));
    const b = await inspectSite(input('yunxi-czj'));
    expect(a.status).toBe('completed');
    expect(a.findings.map((f) => f.id).sort()).toEqual(b.findings.map((f) => f.id).sort());
    expect(batches.flat().map((f) => f.id).sort()).toEqual(a.findings.map((f) => f.id).sort());
    for (const f of a.findings) expect(findingSchema.parse(f)).toEqual(f);
    const stale = a.findings.find((f) => f.type === 'notice-column-stale')!;
    expect(stale).toMatchObject({
      source: 'machine', targetId: 'yunxi-czj', location: { url: 'http://czj.yunxi.gov.cn/zwgk/tzgg/', breadcrumb: '首页>政府信息公开>通知公告' },
      evidence: { text: '关于征集招商引资意见建议的公告 2023-12-11' }, attributes: { columnClass: 'notice', level: 1, lastUpdated: '2023-12-11' },
    });
    const inv = a.columns.find((c) => c.url === 'http://czj.yunxi.gov.cn/zwgk/tzgg/');
    expect(inv).toMatchObject({ columnClass: 'notice', classifiedBy: 'classifier', stale: true, window: 'P6M' });
  });

  it('an inspector correction wins over the classifier (and changes the window the column is judged by)', async () => {
    const r = await inspectSite(input('yunxi-czj', { corrections: [{ url: 'http://czj.yunxi.gov.cn/zwgk/tzgg/', columnClass: 'other' }] }));
    expect(r.columns.find((c) => c.url === 'http://czj.yunxi.gov.cn/zwgk/tzgg/')).toMatchObject({ columnClass: 'other', classifiedBy: 'inspector', window: 'P1Y', stale: false });
    expect(r.findings.filter((f) => f.type === 'notice-column-stale' || f.type === 'column-stale')).toEqual([]);
  });

  it('a host the resolve map does not know fails as homepage-unreachable (dns), with nothing else lost', async () => {
    const r = await inspectSite({ ...input('yunxi-czj'), site: { id: 'x', name: 'x', url: 'http://www.nowhere.gov.cn/', siteCode: '4213009999', kind: 'department', regionCode: '421300' } });
    expect(r).toMatchObject({ status: 'failed', error: expect.stringMatching(/^homepage-unreachable: .*\(dns\)$/), findings: [] });
  });

  it('renders the homepage in headless Chromium for axe-core; a script-filled news list is not blank', async () => {
    const renderer = await Renderer.launch({ fetcher, ignoreHTTPSErrors: true });
    try {
      const r = await inspectSite(input('yunxi-sthjj', { renderer, crawl: { render: 'auto' } }));
      expect(r.status).toBe('completed');
      expect(Array.isArray(r.accessibility)).toBe(true);
      // every axe rule that failed is a finding a webmaster can see, with the rule id and the count of elements
      const a11y = r.findings.filter((f) => f.type === 'accessibility-violation');
      expect(a11y.map((f) => f.attributes.element).sort()).toEqual(r.accessibility!.map((v) => v.id).sort());
      for (const f of a11y) expect(f).toMatchObject({ location: { url: web.urlOf('yunxi-sthjj'), breadcrumb: '首页' }, evidence: { text: expect.stringMatching(/处/) } });
      const news = r.columns.find((c) => c.breadcrumb === '首页>新闻中心>工作动态')!;
      expect(news).toMatchObject({ blank: false, stale: false });
      expect(news.itemCount).toBeGreaterThan(0);
      expect(r.findings.filter((f) => f.type === 'column-blank')).toEqual([]);
    } finally {
      await renderer.close();
    }
  });
});
