// Pure functions: URL normalisation, trap shapes, link extraction (incl. TRS pagination), sitemap parsing.
import { calendarShape, CrawlConfigError, crawlSite, type CrawlFetcher, extractLinks, normaliseUrl, normaliseUrlDetailed, parseSitemap, repeatingPath, robotsSitemaps, TrapGuard, type CrawledPage } from '../src';

const page = (html: string, url = 'http://www.yunxi.gov.cn/xwzx/bdyw/index.html'): CrawledPage => ({
  url, finalUrl: url, depth: 0, foundOn: null, status: 200, ok: true, failure: null, contentType: 'text/html', html, body: null, contentHash: null,
  duplicateOf: null, rendered: false, archiveId: null, screenshotId: null, etag: null, lastModified: null, notModified: false, fetchedAt: '',
});

describe('normaliseUrl', () => {
  const base = 'http://www.yunxi.gov.cn/zwgk/tzgg/index.html';
  it.each([
    ['HTTP://WWW.YunXi.GOV.CN:80/a/./b/../c.html#top', 'http://www.yunxi.gov.cn/a/c.html'],
    ['https://www.yunxi.gov.cn:443/', 'https://www.yunxi.gov.cn/'],
    ['http://www.yunxi.gov.cn:8080/', 'http://www.yunxi.gov.cn:8080/'],
    ['../../xwzx/?b=2&a=1&a=0', 'http://www.yunxi.gov.cn/xwzx/?a=1&a=0&b=2'],
    ['/show.jsp;jsessionid=0A1B2C3D?id=5', 'http://www.yunxi.gov.cn/show.jsp?id=5'],
    ['/list.php?PHPSESSID=abc&page=2&sid=x9', 'http://www.yunxi.gov.cn/list.php?page=2'],
    ['/(S(lit3py55t21z5v55vlm25s55))/default.aspx', 'http://www.yunxi.gov.cn/default.aspx'],
    ['t20240621_1.html', 'http://www.yunxi.gov.cn/zwgk/tzgg/t20240621_1.html'],
    ['http://www.yunxi.gov.cn/?', 'http://www.yunxi.gov.cn/'],
    ['  http://www.yunxi.gov.cn/a\n.html ', 'http://www.yunxi.gov.cn/a.html'],
    ['http://云溪.中国/', 'http://xn--9kq759e.xn--fiqs8s/'],
  ])('%s → %s', (href, out) => expect(normaliseUrl(href, base)).toBe(out));

  it.each(['javascript:void(0)', 'JavaScript:openWin()', 'mailto:zwgk@yunxi.gov.cn', 'tel:0710-1234567', 'data:text/html,x', 'ftp://ftp.yunxi.gov.cn/'])('%s → null (non-http)', (href) => {
    expect(normaliseUrl(href, base)).toBeNull();
    expect(normaliseUrlDetailed(href, base)).toEqual({ ok: false, reason: 'non-http' });
  });
  it('an href that is no URL → bad-url', () => expect(normaliseUrlDetailed('http://[::1', base)).toEqual({ ok: false, reason: 'bad-url' }));
});

describe('trap shapes', () => {
  it('calendarShape masks date-looking parts only', () => {
    expect(calendarShape('http://a.test/cal?month=7')).toBe(calendarShape('http://a.test/cal?month=8'));
    expect(calendarShape('http://a.test/events/2024-06-01/')).toBe(calendarShape('http://a.test/events/2024-06-02/'));
    expect(calendarShape('http://a.test/archive/202406/')).toBe(calendarShape('http://a.test/archive/202407/'));
    expect(calendarShape('http://a.test/list/index_3.html')).toBeNull(); // pagination is not a calendar
    expect(calendarShape('http://a.test/news/?id=7')).toBeNull();
  });
  it('repeatingPath', () => {
    expect(repeatingPath(['a', 'b', 'a', 'b', 'a', 'b'], 2)).toBe(true);
    expect(repeatingPath(['a', 'b', 'a', 'b'], 2)).toBe(false);
    expect(repeatingPath(['news', 'news', 'x'], 2)).toBe(false);
    expect(repeatingPath(['x', 'x', 'x', 'x'], 2)).toBe(true);
    expect(repeatingPath(['zwgk', 'tzgg', '202406'], 2)).toBe(false);
  });
  it('TrapGuard counts calendar steps along a chain and query variants per path', () => {
    const g = new TrapGuard({ maxCalendarSteps: 3 });
    let from = 'http://a.test/';
    const verdicts: (string | null)[] = [];
    for (let m = 1; m <= 6; m++) {
      const u = `http://a.test/cal?month=${m}`;
      verdicts.push(g.check(u, from));
      from = u;
    }
    // month=1 is found on the homepage (step 0), then 3 steps are allowed
    expect(verdicts).toEqual([null, null, null, null, 'calendar', 'calendar']);
    const q = new TrapGuard({ maxQueryVariants: 2 });
    expect(q.check('http://a.test/s?q=1', null)).toBeNull();
    expect(q.check('http://a.test/s?q=2', null)).toBeNull();
    expect(q.check('http://a.test/s?q=1', null)).toBeNull(); // already counted
    expect(q.check('http://a.test/s?q=3', null)).toBe('query-variants');
    expect(q.check('http://a.test/other?q=3', null)).toBeNull();
    expect(g.check(`http://a.test/${'x'.repeat(2000)}`, null)).toBe('url-length');
    expect(g.check(`http://a.test/${Array.from({ length: 17 }, (_, i) => `d${i}`).join('/')}/`, null)).toBe('path-depth');
    expect(g.check('http://a.test/a/b/a/b/a/b/', null)).toBe('repeating-path');
    expect(g.check('http://a.test/zwgk/tzgg/202406/t20240621_1.html', null)).toBeNull();
  });
});

describe('extractLinks', () => {
  it('a/area/iframe/frame, <base href>, and TRS createPageHTML pagination', () => {
    const links = extractLinks(page(`<base href="http://www.yunxi.gov.cn/xwzx/bdyw/"><a href="t1.html">1</a><area href="/map.html"><iframe src="//www.yunxi.gov.cn/f.html"></iframe>
      <a href="#x">anchor</a><a href="javascript:;">js</a><script>createPageHTML(3, 0, "index", "html");</script>`));
    expect(links).toEqual([
      'http://www.yunxi.gov.cn/xwzx/bdyw/t1.html', 'http://www.yunxi.gov.cn/map.html', 'http://www.yunxi.gov.cn/f.html', 'javascript:;',
      'http://www.yunxi.gov.cn/xwzx/bdyw/index.html', 'http://www.yunxi.gov.cn/xwzx/bdyw/index_1.html', 'http://www.yunxi.gov.cn/xwzx/bdyw/index_2.html',
    ]);
  });
  it('a non-HTML or empty page has no links', () => {
    expect(extractLinks({ ...page(''), html: null })).toEqual([]);
  });
});

describe('sitemaps', () => {
  it('robots.txt Sitemap: lines (any case), urlset and sitemapindex', () => {
    expect(robotsSitemaps('User-agent: *\nSITEMAP: /s1.xml\nsitemap:http://a.test/s2.xml\n', 'http://a.test/')).toEqual(['http://a.test/s1.xml', 'http://a.test/s2.xml']);
    expect(parseSitemap('<urlset><url><loc> http://a.test/1 </loc></url><url><loc>http://a.test/2</loc></url></urlset>')).toEqual({ urls: ['http://a.test/1', 'http://a.test/2'], sitemaps: [] });
    expect(parseSitemap('<sitemapindex><sitemap><loc>http://a.test/s.xml</loc></sitemap></sitemapindex>')).toEqual({ urls: [], sitemaps: ['http://a.test/s.xml'] });
    expect(parseSitemap('<<not xml')).toEqual({ urls: [], sitemaps: [] });
  });
});

describe('crawlSite options', () => {
  // never called: the options are rejected before any request
  const fetcher: CrawlFetcher = { fetch: () => Promise.reject(new Error('no request expected')), robotsAllows: () => Promise.reject(new Error('no request expected')) };
  const base = { startUrls: ['http://a.test/'], scopeHosts: ['a.test'], fetcher, pageBudget: 10, maxDepth: 2 };
  it.each([
    [{ startUrls: [] }, /startUrls is empty/],
    [{ pageBudget: -1 }, /pageBudget/],
    [{ maxDepth: Number.NaN }, /maxDepth/],
    [{ freshAfter: 'yesterday' }, /not an ISO date/],
  ])('%j → CrawlConfigError', async (patch, msg) => {
    await expect(crawlSite({ ...base, ...patch })).rejects.toThrow(CrawlConfigError);
    await expect(crawlSite({ ...base, ...patch })).rejects.toThrow(msg);
  });
  it('a start URL outside the scope is skipped, not fetched', async () => {
    const r = await crawlSite({ ...base, startUrls: ['http://b.test/', 'mailto:x@a.test'], useSitemap: false });
    expect(r.pages).toEqual([]);
    expect(r.skipped.map((x) => x.reason).sort()).toEqual(['non-http', 'out-of-scope']);
    expect(r.complete).toBe(true);
  });
});
