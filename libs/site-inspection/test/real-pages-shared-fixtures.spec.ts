// Reads shared fixtures: ../shared/fixtures/real-pages (real government pages saved from public repositories).
// Skipped with a visible message when the folder is absent (a user's own clone).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { loadRuleSet } from '@govinspect/rule-sets';
import { inspectSavedPage } from '../src';
import { decodeBody } from '@govinspect/web-fetch';

const ROOT = path.resolve(__dirname, '../../..');
const DIR = path.resolve(ROOT, '../shared/fixtures/real-pages');
const present = existsSync(DIR);
if (!present) console.warn(`SKIPPED real-pages-shared-fixtures: ${DIR} is absent (shared fixtures not checked out)`);
const d = present ? describe : describe.skip;
const ruleSet = loadRuleSet('national-2019');

function load(name: string, url: string, asOf: string) {
  const { text, charset } = decodeBody(readFileSync(path.join(DIR, name)));
  return { charset, ...inspectSavedPage(text, url, { asOf, ruleSet }) };
}

d('saved real pages (reads shared fixtures ../shared/fixtures/real-pages)', () => {
  it('shanxi article: visible date wins over the stale alt attribute; every footer label found and valid', () => {
    const r = load('GeneralNewsExtractor__GeneralNewsExtractor__shanxi-gov-article.html', 'http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_1.shtml', '2019-09-20T10:00:00+08:00');
    expect(r.page.article?.publishedAt?.slice(0, 10)).toBe('2019-09-18');
    expect(r.footer.siteCode).toMatchObject({ value: '1400000045', valid: true });
    expect(r.footer.siteCode.metaValue).toBe('1400000045');
    expect(r.footer.icp).toMatchObject({ text: expect.stringContaining('晋ICP备12000773号'), valid: true });
    expect(r.footer.psb.valid).toBe(true);
    expect(r.footer.conac.present).toBe(true);
    expect(r.findings.filter((f) => f.type === 'footer-label-malformed')).toEqual([]);
  });

  it('zjfgw article: empty SiteIDCode meta while the footer carries the code', () => {
    const r = load('GeneralNewsExtractor__GeneralNewsExtractor__zjfgw-deqing-article.html', 'http://fgw.zj.gov.cn/art/2016/11/22/art_1.html', '2016-12-01T10:00:00+08:00');
    expect(r.footer.siteCode.metaValue).toBe('');
    expect(r.footer.siteCode).toMatchObject({ value: '3300000020', valid: true });
    expect(r.page.article?.publishedAt?.slice(0, 10)).toBe('2016-11-22');
  });

  it('gov.cn gongbao: 网站标识码bm01000001 without a colon is read and valid', () => {
    const r = load('GeneralNewsExtractor__GeneralNewsExtractor__govcn-gongbao-article.html', 'http://www.gov.cn/gongbao/content/2007/content_1.htm', '2007-09-01T10:00:00+08:00');
    expect(r.footer.siteCode).toMatchObject({ value: 'bm01000001', valid: true });
    expect(r.footer.icp.valid).toBe(true);
  });

  it('cmse article (negative case): missing 网站标识码, 公网安备 and 党政机关标识 become findings', () => {
    const r = load('GeneralNewsExtractor__GeneralNewsExtractor__cmse-article-1.html', 'http://www.cmse.gov.cn/art/2012/6/24/art_1.html', '2012-07-01T10:00:00+08:00');
    const labels = r.findings.filter((f) => f.type === 'footer-label-missing').map((f) => f.attributes.label);
    expect(labels).toEqual(expect.arrayContaining(['site-code', 'psb', 'conac']));
    expect(labels).not.toContain('icp');
  });

  it('people.cn: UTF-8 bytes declared gb2312 decode as UTF-8', () => {
    const r = load('GeneralNewsExtractor__GeneralNewsExtractor__people-gb2312-declared.html', 'http://culture.people.com.cn/n1/1.html', '2020-01-01T10:00:00+08:00');
    expect(r.charset).toBe('utf-8');
    expect(r.page.title).toContain('郑板桥');
  });

  it('GBK re-encoded page decodes as GB18030', () => {
    const r = load('silverfoxy__JSCryptoMinerStudy__apta-gov-cn-home-GBK-REENCODED-DERIVED.html', 'http://www.apta.gov.cn/', '2018-03-22T10:00:00+08:00');
    expect(r.charset).toBe('gb18030');
    expect(r.page.title).toMatch(/[\u4e00-\u9fa5]{4}/);
  });

  it('alt.gov.cn homepage: tooltip dates, a pinned old notice does not hide the newest one, conac written by script', () => {
    const r = load('silverfoxy__JSCryptoMinerStudy__alt-gov-cn-home-2018.html', 'http://www.alt.gov.cn/', '2018-03-22T18:00:00+08:00');
    const notice = r.columns.find((c) => c.name === '公告通知');
    expect(notice).toMatchObject({ columnClass: 'notice', lastUpdated: '2018-03-13' });
    expect(r.footer.conac.present).toBe(true);
    expect(r.footer.icp.valid).toBe(true);
    const labels = r.findings.filter((f) => f.type === 'footer-label-missing').map((f) => f.attributes.label);
    expect(labels).toEqual(expect.arrayContaining(['site-code', 'psb']));
    expect(r.findings.some((f) => f.type === 'homepage-not-updated')).toBe(false);
    // tab panels of government links hidden by display:none are layout, not 暗链
    expect(r.findings.filter((f) => f.type === 'hidden-link')).toEqual([]);
  });

  it('synthetic dark-link page: inline-style hidden spam links are found with their technique (stylesheet classes need the renderer)', () => {
    const r = load('BINBIN02__YuanZhao__test-dark-link-SYNTHETIC.html', 'http://www.example.gov.cn/', '2020-01-01T10:00:00+08:00');
    const hidden = r.findings.filter((f) => f.type === 'hidden-link');
    expect(hidden.map((f) => f.evidence.text)).toEqual(expect.arrayContaining(['http://illegal-gambling.tf/', 'http://porn-site.ga/']));
    expect(hidden.every((f) => typeof f.attributes.technique === 'string')).toBe(true);
    // the visible normal link is not one
    expect(hidden.map((f) => f.evidence.text)).not.toContain('https://www.example.com/');
  });
});
