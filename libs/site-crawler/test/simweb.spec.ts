// Crawling a simulated government site of the demo city (libs/simweb, loopback only).
import * as path from 'node:path';
import { loadScenario, startSimweb, type SimwebHandle } from '@govinspect/simweb';
import { crawlSite, type CrawlResult } from '../src';
import { makeFetcher } from './helpers';

const SCENARIO = path.resolve(__dirname, '../../simweb/scenarios/demo-city.yaml');
/** simweb's list page size (libs/simweb/src/model/items.ts PAGE_SIZE): list pages per column = ceil(count / 20). */
const PAGE_SIZE = 20;

let sim: SimwebHandle;
beforeAll(async () => {
  sim = await startSimweb({ scenario: loadScenario(SCENARIO), https: false });
});
afterAll(async () => {
  await sim?.close();
});

function siteOf(id: string) {
  const url = sim.urlOf(id);
  const host = new URL(url).hostname;
  const model = sim.farm.site(host)!;
  return { url, host, model };
}

// one site per CMS family: hanweb (pagination links), TRS (pagination written by createPageHTML script), ASP.NET
describe.each([
  ['yunxi-fgw', 'hanweb'],
  ['yunxi-whlyj', 'trs'],
  ['yunxi-gaj', 'aspnet'],
])('full crawl of simweb site %s (%s)', (siteId, template) => {
  let result: CrawlResult;
  let host: string;
  let expectedLists: string[];
  let requested: string[];

  beforeAll(async () => {
    const s = siteOf(siteId);
    expect(s.model.template).toBe(template);
    host = s.host;
    expectedLists = [];
    for (const c of s.model.columns) {
      expectedLists.push(`http://${host}${c.path}`);
      if (!c.single) for (let p = 1; p < Math.ceil(c.count / PAGE_SIZE); p++) expectedLists.push(`http://${host}${c.path}index_${p}.html`);
    }
    requested = [];
    const handle = sim.farm.handle.bind(sim.farm);
    sim.farm.handle = (r) => {
      if (r.host === host) requested.push(r.path);
      return handle(r);
    };
    const fetcher = makeFetcher(sim.resolveMap);
    try {
      result = await crawlSite({ startUrls: [s.url], scopeHosts: [host], fetcher, pageBudget: 5000, maxDepth: 6, concurrency: 4 });
    } finally {
      sim.farm.handle = handle;
      await fetcher.close();
    }
  }, 120_000);

  it('reaches every column list and every page of each list, and completes within the budget', () => {
    expect(expectedLists.length).toBeGreaterThan(10);
    const missing = expectedLists.filter((u) => !result.byUrl.has(u));
    expect(missing).toEqual([]);
    expect(result.complete).toBe(true);
    expect(result.stats.fetched).toBe(result.pages.length);
  });

  it('reaches every article of every column', () => {
    const s = siteOf(siteId);
    const total = s.model.columns.filter((c) => !c.single && c.class !== 'message-public').reduce((n, c) => n + c.count, 0);
    const articles = result.pages.filter((p) => /\/\d{6}\/t\d{8}_\d+\.html$/.test(p.url) && p.ok);
    expect(articles.length).toBeGreaterThanOrEqual(total);
  });

  it('records links to other hosts as out-of-scope and never fetches them', () => {
    const outside = result.skipped.filter((x) => x.reason === 'out-of-scope');
    expect(outside.some((x) => new URL(x.url).hostname === 'bszs.conac.cn')).toBe(true);
    for (const p of result.pages) expect(new URL(p.url).hostname).toBe(host);
  });

  it('decodes pages (GBK sites included); /index.html is a content duplicate of the column path', () => {
    const home = result.byUrl.get(`http://${host}/`)!;
    expect(home.ok).toBe(true);
    expect(home.html).toContain(siteOf(siteId).model.name);
    expect(home.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const dups = result.pages.filter((p) => p.duplicateOf);
    for (const d of dups) expect(result.byUrl.get(d.duplicateOf!)!.contentHash).toBe(d.contentHash);
  });

  it('asks robots.txt and the sitemap (simweb serves none: 404, the link graph still finds everything) and honours Disallow: /cms/', () => {
    expect(requested).toContain('/robots.txt');
    expect(requested).toContain('/sitemap.xml');
    expect(requested.some((p) => p.startsWith('/cms/'))).toBe(false);
    for (const x of result.skipped.filter((k) => k.reason === 'robots')) expect(new URL(x.url).pathname).toMatch(/^\/cms\//);
  });
});

describe('limits on a simweb site', () => {
  it('stops at the page budget (budget skips recorded, crawl not complete) and keeps breadth-first order', async () => {
    const s = siteOf('yunxi-portal');
    const fetcher = makeFetcher(sim.resolveMap);
    const r = await crawlSite({ startUrls: [s.url], scopeHosts: [s.host], fetcher, pageBudget: 40, maxDepth: 10 });
    await fetcher.close();
    expect(r.pages.length).toBe(40);
    expect(r.complete).toBe(false);
    expect(r.skipped.some((x) => x.reason === 'budget')).toBe(true);
    // breadth-first: with one start page every depth-1 link is taken before any depth-2 page is
    const depths = r.pages.map((p) => p.depth);
    expect(Math.max(...depths)).toBeLessThanOrEqual(2);
    expect(r.pages[0].depth).toBe(0);
  }, 60_000);

  it('maxDepth 1 fetches the homepage and its direct links only', async () => {
    const s = siteOf('yunxi-jyj');
    const fetcher = makeFetcher(sim.resolveMap);
    const r = await crawlSite({ startUrls: [s.url], scopeHosts: [s.host], fetcher, pageBudget: 1000, maxDepth: 1 });
    await fetcher.close();
    expect(r.pages.every((p) => p.depth <= 1)).toBe(true);
    // Depth 1 = linked from the homepage, or listed in the sitemap the site announces in robots.txt.
    const parents = new Set([`http://${s.host}/`, `http://${s.host}/sitemap.xml`]);
    expect(r.pages.filter((p) => p.depth === 1).every((p) => parents.has(p.foundOn!))).toBe(true);
    expect(r.pages.some((p) => p.foundOn === `http://${s.host}/sitemap.xml`)).toBe(true);
    expect(r.skipped.some((x) => x.reason === 'depth')).toBe(true);
    expect(r.complete).toBe(true);
  }, 60_000);

  it('a priority function takes list pages first within the budget', async () => {
    const s = siteOf('yunxi-portal');
    const fetcher = makeFetcher(sim.resolveMap);
    const isArticle = (u: string) => /\/\d{6}\/t\d{8}_\d+\.html$/.test(u);
    const r = await crawlSite({ startUrls: [s.url], scopeHosts: [s.host], fetcher, pageBudget: 60, maxDepth: 10, concurrency: 1, priority: (u) => (isArticle(u) ? 1 : 0) });
    await fetcher.close();
    const firstArticle = r.pages.findIndex((p) => isArticle(p.url));
    const lists = r.pages.filter((p) => !isArticle(p.url)).length;
    expect(lists).toBeGreaterThan(40);
    expect(r.pages.slice(firstArticle).some((p) => !isArticle(p.url) && p.depth <= 2)).toBe(false);
  }, 60_000);
});
