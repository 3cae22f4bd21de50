// Resume after an interrupted crawl, and incremental re-crawl with ETag / Last-Modified (304 reuse).
import { crawlSite, MemoryPageStore } from '../src';
import { html, makeFetcher, startSite, type TestSite } from './helpers';

const sites: TestSite[] = [];
afterAll(async () => {
  await Promise.all(sites.map((s) => s.close()));
});

describe('resume', () => {
  it('a crawl aborted mid-way and run again with the same store fetches no page twice', async () => {
    const s = await startSite('resume.test', (_req, res, url) => {
      const links = Array.from({ length: 30 }, (_, i) => `<a href="/p${i}.html">第${i}篇</a>`).join('');
      setTimeout(() => html(res, url.pathname === '/' ? links : `<p>${url.pathname}</p>`), 20);
    });
    sites.push(s);
    const store = new MemoryPageStore();
    const fetcher = makeFetcher(s.resolveMap);
    const ac = new AbortController();
    let seen = 0;
    const first = await crawlSite({
      startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 100, maxDepth: 3, concurrency: 2, store, useSitemap: false, signal: ac.signal,
      onPage: () => {
        if (++seen === 10) ac.abort();
      },
    });
    expect(first.complete).toBe(false);
    expect(first.pages.length).toBeGreaterThanOrEqual(10);
    expect(first.pages.length).toBeLessThan(31);
    const afterFirst = s.requests.filter((q) => q.path !== '/robots.txt').length;
    expect(store.size).toBe(afterFirst); // in-flight pages landed in the store before the crawl returned

    const second = await crawlSite({ startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 100, maxDepth: 3, concurrency: 2, store, useSitemap: false });
    await fetcher.close();
    expect(second.complete).toBe(true);
    expect(second.pages.length).toBe(31);
    expect(second.stats.fromStore).toBe(first.pages.length);
    expect(second.stats.fetched).toBe(31 - first.pages.length);
    const pagePaths = s.requests.map((q) => q.path).filter((p) => p !== '/robots.txt');
    expect(new Set(pagePaths).size).toBe(pagePaths.length); // every page requested exactly once over both runs
    expect(pagePaths.length).toBe(31);
  });

  it('a stored network failure is fetched again on resume; a stored HTTP answer is not', async () => {
    let hang = true;
    const s = await startSite('retry.test', (_req, res, url) => {
      if (url.pathname === '/flaky.html' && hang) return; // first run: never answers
      html(res, url.pathname === '/' ? '<a href="/flaky.html">f</a><a href="/missing.html">m</a>' : url.pathname === '/missing.html' ? 'gone' : 'back', url.pathname === '/missing.html' ? 404 : 200);
    });
    sites.push(s);
    const store = new MemoryPageStore();
    const fetcher = makeFetcher(s.resolveMap, { timeoutMs: 800 });
    const opts = { startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 10, maxDepth: 2, store, useSitemap: false };
    const first = await crawlSite(opts);
    expect(first.byUrl.get(`${s.origin}/flaky.html`)!.failure).toBe('timeout');
    hang = false;
    const second = await crawlSite(opts);
    await fetcher.close();
    expect(second.byUrl.get(`${s.origin}/flaky.html`)).toMatchObject({ ok: true, status: 200 });
    expect(second.byUrl.get(`${s.origin}/missing.html`)).toMatchObject({ ok: false, status: 404 });
    expect(second.stats).toMatchObject({ fromStore: 2, fetched: 1 });
    expect(s.hits('/missing.html')).toBe(1);
  });
});

describe('incremental re-crawl', () => {
  it('sends If-None-Match / If-Modified-Since for stored pages older than freshAfter; a 304 keeps the stored html', async () => {
    let version = 1;
    const lastModified = 'Wed, 26 Jun 2024 02:00:00 GMT';
    const s = await startSite('etag.test', (req, res, url) => {
      const p = url.pathname;
      if (p === '/') return html(res, `<a href="/etag.html">E</a><a href="/lm.html">L</a><a href="/changing.html">C</a>`);
      if (p === '/etag.html') {
        if (req.headers['if-none-match'] === '"v1"') return void res.writeHead(304, { etag: '"v1"' }).end();
        return html(res, '<p>etag page</p>', 200, { etag: '"v1"' });
      }
      if (p === '/lm.html') {
        if (req.headers['if-modified-since'] === lastModified) return void res.writeHead(304).end();
        return html(res, '<p>last-modified page</p>', 200, { 'last-modified': lastModified });
      }
      if (p === '/changing.html') {
        const tag = `"c${version}"`;
        if (req.headers['if-none-match'] === tag) return void res.writeHead(304, { etag: tag }).end();
        return html(res, `<p>version ${version}</p>`, 200, { etag: tag });
      }
      html(res, 'nope', 404);
    });
    sites.push(s);
    const store = new MemoryPageStore();
    const fetcher = makeFetcher(s.resolveMap);
    const opts = { startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 20, maxDepth: 2, store, useSitemap: false };
    const first = await crawlSite(opts);
    expect(first.stats).toMatchObject({ fetched: 4, notModified: 0, fromStore: 0 });
    expect(first.byUrl.get(`${s.origin}/etag.html`)!.etag).toBe('"v1"');
    expect(first.byUrl.get(`${s.origin}/lm.html`)!.lastModified).toBe(lastModified);

    version = 2;
    const freshAfter = new Date(Date.now() + 1000).toISOString(); // everything stored is older than this run
    const second = await crawlSite({ ...opts, freshAfter });
    await fetcher.close();
    const etag = second.byUrl.get(`${s.origin}/etag.html`)!;
    const lm = second.byUrl.get(`${s.origin}/lm.html`)!;
    const changing = second.byUrl.get(`${s.origin}/changing.html`)!;
    expect(etag).toMatchObject({ notModified: true, ok: true, status: 200 });
    expect(etag.html).toContain('etag page');
    expect(lm).toMatchObject({ notModified: true });
    expect(lm.html).toContain('last-modified page');
    expect(changing.notModified).toBe(false);
    expect(changing.html).toContain('version 2');
    expect(second.stats.notModified).toBe(2);
    const revalidations = s.requests.filter((q) => q.headers['if-none-match'] || q.headers['if-modified-since']).map((q) => q.path).sort();
    expect(revalidations).toEqual(['/changing.html', '/etag.html', '/lm.html']);
  });
});
