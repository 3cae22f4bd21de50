import { analysePage, findHiddenLinks, findSpam, leaderElements, parseMessageBoard } from '../src';

const URL_ = 'http://www.yunxi.gov.cn/';

describe('bad input gets a result, never a throw, in bounded time', () => {
  it('empty string and non-string input', () => {
    const a = analysePage('', URL_);
    expect(a).toMatchObject({ url: URL_, title: '', pageKind: 'homepage', lists: [], links: [], text: '', article: null, breadcrumb: null });
    expect(a.footer.conac.present).toBe(false);
    expect(analysePage(undefined as unknown as string, URL_).text).toBe('');
  });

  it('unclosed tags and tag soup', () => {
    // unclosed li/p/td as on old CMS templates; the document ends mid-table
    const a = analysePage('<html><body><div><ul><li><a href="/a/t20240601_1.html">关于开展安全生产检查的通知</a><span>2024-06-01<li><a href="/a/t20240501_2.html">关于防汛工作的通知</a>2024-05-01</ul><p>说明<p><table><tr><td>网站标识码：4213000001<td>', URL_);
    expect(a.footer.siteCode.value).toBe('4213000001');
    expect(a.lists.flatMap((l) => l.items.map((i) => i.date))).toEqual(['2024-06-01', '2024-05-01']);
    // an unclosed <a> swallows what follows, as the parser nests it; still a result
    const b = analysePage('<ul><li><a href="/a/1.html">标题一<li><a href="/a/2.html">标题二</ul><div class="footer">网站标识码：4213000001', URL_);
    expect(b.footer.siteCode.value).toBe('4213000001');
    expect(b.links.map((l) => l.url)).toEqual(['http://www.yunxi.gov.cn/a/1.html', 'http://www.yunxi.gov.cn/a/2.html']);
  });

  it('binary garbage', () => {
    const bytes = Buffer.alloc(200_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    const a = analysePage(bytes.toString('latin1'), URL_);
    expect(typeof a.text).toBe('string');
    expect(findHiddenLinks(bytes.toString('utf8'), URL_)).toEqual(expect.any(Array));
  });

  it('5 MB of nested divs', () => {
    const depth = 5 * 1024 * 1024 / 11;
    const html = `<html><body>${'<div>'.repeat(depth)}<a href="http://x.tk/">深处</a>网站标识码：4213000001${'</div>'.repeat(depth)}</body></html>`;
    const t0 = Date.now();
    const a = analysePage(html, URL_);
    // bounded: the nesting is capped before parsing (seconds, not the parser's quadratic minutes)
    expect(Date.now() - t0).toBeLessThan(30_000);
    expect(a.footer.siteCode.value).toBe('4213000001');
    expect(a.links.map((l) => l.url)).toContain('http://x.tk/');
    expect(() => findSpam(html)).not.toThrow();
    expect(() => leaderElements(html)).not.toThrow();
    expect(() => parseMessageBoard(html, URL_)).not.toThrow();
  }, 120_000);

  it('a bad URL does not throw', () => {
    expect(() => analysePage('<a href="/x">x</a>', 'not a url')).not.toThrow();
  });
});
