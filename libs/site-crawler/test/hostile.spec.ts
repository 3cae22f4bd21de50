// Hostile and odd sites on loopback (own node:http servers): traps, session ids, duplicates, hangs, garbage, sitemaps.
import { gzipSync } from 'node:zlib';
import { crawlSite, extractLinks, type CrawledPage } from '../src';
import { html, makeFetcher, startSite, type TestSite } from './helpers';

const sites: TestSite[] = [];
afterAll(async () => {
  await Promise.all(sites.map((s) => s.close()));
});
async function site(host: string, handler: Parameters<typeof startSite>[1]) {
  const s = await startSite(host, handler);
  sites.push(s);
  return s;
}
const article = (n: number) => `<a href="/news/${n}.html">新闻${n}</a>`;

describe('crawler traps', () => {
  it('a calendar that steps forever (/cal?month=N → N+1, /riqi/YYYY-MM-DD/ → next day) stops with trap skips; the rest of the site is crawled', async () => {
    const s = await site('cal.test', (_req, res, url) => {
      const p = url.pathname;
      if (p === '/') return html(res, `<a href="/cal?month=1">日历</a><a href="/riqi/2024-06-01/">活动</a><a href="/news/">新闻</a><a href="/about.html">关于</a>`);
      if (p === '/cal') {
        const m = Number(url.searchParams.get('month'));
        return html(res, `<a href="/cal?month=${m - 1}">上月</a><a href="/cal?month=${m + 1}">下月</a>`);
      }
      const d = /^\/riqi\/(\d{4}-\d{2}-\d{2})\/$/.exec(p);
      if (d) {
        const next = new Date(Date.parse(`${d[1]}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
        return html(res, `<a href="/riqi/${next}/">后一天</a>`);
      }
      if (p === '/news/') return html(res, [1, 2, 3, 4, 5].map(article).join(''));
      if (/^\/news\/\d\.html$/.test(p) || p === '/about.html') return html(res, `<p>${p}</p>`);
      return html(res, 'not found', 404);
    });
    const fetcher = makeFetcher(s.resolveMap);
    const r = await crawlSite({ startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 2000, maxDepth: 1000, traps: { maxCalendarSteps: 10 }, useSitemap: false });
    await fetcher.close();
    const trap = r.skipped.filter((x) => x.reason === 'trap');
    expect(trap.some((x) => x.url.includes('/cal?month=') && x.detail === 'calendar')).toBe(true);
    expect(trap.some((x) => x.url.includes('/riqi/') && x.detail === 'calendar')).toBe(true);
    // 上月 and 下月 are two chains of at most 10 steps each from month=1
    expect(r.pages.filter((p) => p.url.includes('/cal?')).length).toBeLessThanOrEqual(21);
    expect(r.pages.filter((p) => p.url.includes('/riqi/')).length).toBeLessThanOrEqual(11);
    for (const u of ['/about.html', '/news/', '/news/1.html', '/news/5.html']) expect(r.byUrl.has(`${s.origin}${u}`)).toBe(true);
    expect(r.complete).toBe(true);
  });

  it('endless query-string variants are capped per path', async () => {
    let n = 0;
    const s = await site('query.test', (_req, res, url) => {
      if (url.pathname === '/') return html(res, `<a href="/list?q=start">检索</a><a href="/about.html">关于</a>`);
      if (url.pathname === '/list') return html(res, [1, 2, 3].map(() => `<a href="/list?q=${++n}&sort=${n % 3}">更多</a>`).join(''));
      return html(res, 'about');
    });
    const fetcher = makeFetcher(s.resolveMap);
    const r = await crawlSite({ startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 1000, maxDepth: 1000, traps: { maxQueryVariants: 20 }, useSitemap: false });
    await fetcher.close();
    expect(r.pages.filter((p) => p.url.includes('/list?')).length).toBe(20);
    expect(r.skipped.some((x) => x.reason === 'trap' && x.detail === 'query-variants')).toBe(true);
    expect(r.byUrl.has(`${s.origin}/about.html`)).toBe(true);
  });

  it('session ids in URLs (;jsessionid=, PHPSESSID=, sid=) do not multiply pages: each page is fetched once', async () => {
    let n = 0;
    const s = await site('session.test', (_req, res) => {
      const id = () => `${Date.now().toString(36)}${++n}`;
      html(res, `<a href="/a.html;jsessionid=${id()}">A</a><a href="/b.html?PHPSESSID=${id()}">B</a><a href="/c.html?sid=${id()}&page=2">C</a>`);
    });
    const fetcher = makeFetcher(s.resolveMap);
    const r = await crawlSite({ startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 500, maxDepth: 50, useSitemap: false });
    await fetcher.close();
    expect(r.pages.map((p) => p.url).sort()).toEqual([`${s.origin}/`, `${s.origin}/a.html`, `${s.origin}/b.html`, `${s.origin}/c.html?page=2`]);
    // the crawler asks for the normalised URL (session id stripped), once
    for (const p of ['/a.html', '/b.html', '/c.html?page=2']) expect(s.hits(p)).toBe(1);
    expect(s.requests.filter((q) => q.path !== '/robots.txt').length).toBe(4);
    expect(r.skipped.filter((x) => x.reason === 'duplicate-url').length).toBeGreaterThan(0);
  });

  it('repeating path segments (/a/b/a/b/…) and ever-longer URLs are traps', async () => {
    const s = await site('loop.test', (_req, res, url) => {
      if (url.pathname === '/') return html(res, `<a href="/a/b/">循环</a><a href="/long/x">长</a>`);
      if (url.pathname.startsWith('/long/')) return html(res, `<a href="${url.pathname}${'y'.repeat(100)}">更长</a>`);
      // the path in the body keeps the pages distinct, so content dedupe alone would not stop this
      html(res, `<p>${url.pathname}</p><a href="a/b/">相对链接</a>`);
    });
    const fetcher = makeFetcher(s.resolveMap);
    const r = await crawlSite({ startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 500, maxDepth: 500, useSitemap: false });
    await fetcher.close();
    expect(r.skipped.some((x) => x.reason === 'trap' && x.detail === 'repeating-path')).toBe(true);
    expect(r.skipped.some((x) => x.reason === 'trap' && x.detail === 'url-length')).toBe(true);
    expect(r.pages.length).toBeLessThan(30);
    expect(r.complete).toBe(true);
  });
});

describe('bad and odd content', () => {
  it('the same bytes under two URLs: the second is duplicateOf the first and its links are not extracted again', async () => {
    const same = `<a href="/shared.html">共享</a>`;
    const s = await site('dup.test', (_req, res, url) => {
      if (url.pathname === '/') return html(res, `<a href="/x.html">X</a><a href="/y.html">Y</a>`);
      if (url.pathname === '/x.html' || url.pathname === '/y.html') return html(res, same);
      html(res, 'shared');
    });
    const extracted: string[] = [];
    const fetcher = makeFetcher(s.resolveMap);
    const r = await crawlSite({
      startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 50, maxDepth: 5, concurrency: 1, useSitemap: false,
      extractLinks: (p: CrawledPage) => (extracted.push(p.url), extractLinks(p)),
    });
    await fetcher.close();
    const x = r.byUrl.get(`${s.origin}/x.html`)!;
    const y = r.byUrl.get(`${s.origin}/y.html`)!;
    expect(y.duplicateOf).toBe(x.url);
    expect(y.contentHash).toBe(x.contentHash);
    expect(x.duplicateOf).toBeNull();
    expect(extracted).not.toContain(y.url);
    expect(s.hits('/shared.html')).toBe(1);
  });

  it('a page that never answers fails with the fetcher timeout and does not stall the rest', async () => {
    const s = await site('hang.test', (_req, res, url) => {
      if (url.pathname === '/hang.html') return; // accept, never answer
      if (url.pathname === '/') return html(res, `<a href="/hang.html">挂起</a>${[1, 2, 3, 4, 5, 6].map(article).join('')}`);
      html(res, url.pathname);
    });
    const fetcher = makeFetcher(s.resolveMap, { timeoutMs: 1500 });
    const t0 = Date.now();
    const r = await crawlSite({ startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 50, maxDepth: 5, concurrency: 2, useSitemap: false });
    const ms = Date.now() - t0;
    await fetcher.close();
    const hang = r.byUrl.get(`${s.origin}/hang.html`)!;
    expect(hang.ok).toBe(false);
    expect(hang.failure).toBe('timeout');
    expect(hang.status).toBeNull();
    expect(r.pages.filter((p) => p.ok).length).toBe(7);
    expect(r.stats.failed).toBe(1);
    expect(ms).toBeLessThan(5000);
  });

  it('malformed HTML, junk hrefs, binary garbage and error statuses: each gets a classified outcome, nothing else is lost', async () => {
    const s = await site('junk.test', (_req, res, url) => {
      const p = url.pathname;
      if (p === '/')
        return html(res, `<div><table><tr><td><a href=/ok1.html>unquoted<td><A HREF='/ok2.html'>upper</A></table>
          <a href="javascript:void(0)">js</a><a href="mailto:a@b.cn">mail</a><a href="tel:12345">tel</a><a href="http://[::1">bad</a>
          <a href="#top">fragment</a><a href="">empty</a><iframe src="/frame.html"></iframe><a href="/garbage.html">g</a><a href="/boom.html">500</a>
          <a href="/empty.html">e</a><p><b><i>never closed`);
      if (p === '/garbage.html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end(Buffer.from([0xff, 0xfe, 0x00, 0x3c, 0x61, 0x20, 0x68, 0x72, 0xc3, 0x28, 0x00, 0x80, 0x81]));
      }
      if (p === '/boom.html') return html(res, 'error', 500);
      if (p === '/empty.html') {
        res.writeHead(200, { 'content-type': 'text/html' });
        return res.end();
      }
      html(res, `<a href="/deep.html">deep</a>`);
    });
    const fetcher = makeFetcher(s.resolveMap);
    const r = await crawlSite({ startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 50, maxDepth: 5, useSitemap: false });
    await fetcher.close();
    for (const u of ['/ok1.html', '/ok2.html', '/frame.html', '/deep.html', '/garbage.html', '/empty.html']) expect(r.byUrl.get(`${s.origin}${u}`)?.ok).toBe(true);
    const boom = r.byUrl.get(`${s.origin}/boom.html`)!;
    expect(boom).toMatchObject({ ok: false, status: 500, failure: 'http-status' });
    const reasons = (reason: string) => r.skipped.filter((x) => x.reason === reason).map((x) => x.url);
    expect(reasons('non-http').sort()).toEqual(['javascript:void(0)', 'mailto:a@b.cn', 'tel:12345']);
    expect(reasons('bad-url')).toEqual(['http://[::1']);
    expect(r.stats.failed).toBe(1);
    expect(r.complete).toBe(true);
  });
});

describe('robots.txt and sitemaps', () => {
  it('robots.txt Sitemap: lines → a sitemap index → a gzipped urlset: orphan pages are reached; Disallow is honoured; ignoreRobots overrides it', async () => {
    const urlset = (urls: string[]) => `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls.map((u) => `<url><loc>${u}</loc></url>`).join('')}</urlset>`;
    const s = await site('sm.test', (_req, res, url) => {
      const p = url.pathname;
      if (p === '/robots.txt') {
        res.writeHead(200, { 'content-type': 'text/plain' });
        return res.end('User-agent: *\nDisallow: /private/\n\nSitemap: http://sm.test/maps/index.xml\n');
      }
      if (p === '/maps/index.xml') {
        res.writeHead(200, { 'content-type': 'application/xml' });
        return res.end(`<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>http://sm.test/maps/pages.xml.gz</loc></sitemap></sitemapindex>`);
      }
      if (p === '/maps/pages.xml.gz') {
        res.writeHead(200, { 'content-type': 'application/x-gzip' });
        return res.end(gzipSync(urlset(['http://sm.test/orphan.html', 'http://elsewhere.test/x.html', 'http://sm.test/private/listed.html'])));
      }
      if (p === '/') return html(res, `<a href="/private/secret.html">内部</a>`);
      html(res, p);
    });
    const fetcher = makeFetcher(s.resolveMap);
    const r = await crawlSite({ startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 50, maxDepth: 5 });
    expect(r.byUrl.get(`${s.origin}/orphan.html`)).toMatchObject({ ok: true, depth: 1, foundOn: 'http://sm.test/maps/pages.xml.gz' });
    expect(r.skipped).toEqual(expect.arrayContaining([
      expect.objectContaining({ url: 'http://elsewhere.test/x.html', reason: 'out-of-scope' }),
      expect.objectContaining({ url: `${s.origin}/private/secret.html`, reason: 'robots' }),
      expect.objectContaining({ url: `${s.origin}/private/listed.html`, reason: 'robots' }),
    ]));
    expect(s.requests.some((q) => q.path.startsWith('/private/'))).toBe(false);

    const without = await crawlSite({ startUrls: [`${s.origin}/`], scopeHosts: [s.host], fetcher, pageBudget: 50, maxDepth: 5, useSitemap: false, ignoreRobots: true });
    await fetcher.close();
    expect(without.byUrl.has(`${s.origin}/orphan.html`)).toBe(false);
    expect(without.byUrl.get(`${s.origin}/private/secret.html`)?.ok).toBe(true);
  });
});
