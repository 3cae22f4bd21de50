// Reads real government pages from ../shared/fixtures/real-pages (third-party test data, see its README).
// Skipped with a visible message where that folder is absent (a user's own clone).
import * as fs from 'node:fs';
import * as path from 'node:path';
import iconv from 'iconv-lite';
import { analysePage, classifyColumn, findHiddenLinks, findScriptSigns, findSpam, loadLexicon, type PageAnalysis } from '../src';

const DIR = path.resolve(__dirname, '../../../../shared/fixtures/real-pages');
const present = fs.existsSync(DIR);
if (!present) console.warn(`[page-analysis] ${DIR} is absent: real-page tests are skipped (synthetic tests cover the same behaviour)`);
const d = present ? describe : describe.skip;

const read = (name: string) => fs.readFileSync(path.join(DIR, name), 'utf8');
const file = (suffix: string) => fs.readdirSync(DIR).find((f) => f.endsWith(suffix))!;
const dates = (a: PageAnalysis) => a.lists.flatMap((l) => l.items.map((i) => i.date));

d('real pages from ../shared/fixtures/real-pages', () => {
  d('山西省人民政府 article', () => {
    const a = analysePage(read(file('shanxi-gov-article.html')), 'http://www.shanxi.gov.cn/yw/sxyw/201909/t20190918_693227.shtml');
    it('reads the visible date, not the stale alt= template value', () => {
      expect(a.pageKind).toBe('article');
      expect(a.article).toMatchObject({ title: '山西品牌丝路行（南美站）正式启动', publishedAt: '2019-09-18T06:23', dateText: '时间：2019-09-18 06:23', source: '山西日报' });
      expect(a.text).not.toContain('2017-11-08');
      expect(a.breadcrumb).toEqual(['首页', '要闻', '山西要闻']);
    });
    it('reads meta and footer labels', () => {
      expect(a.meta).toMatchObject({ SiteIDCode: '1400000045', PubDate: '2019-09-18 06:23', ColumnName: '山西要闻' });
      expect(a.footer.siteCode).toMatchObject({ value: '1400000045', valid: true, source: 'footer', metaValue: '1400000045' });
      expect(a.footer.icp).toEqual({ value: '晋ICP备12000773号', valid: true, text: '晋ICP备12000773号' });
      expect(a.footer.psb).toMatchObject({ value: '晋公网安备14010502050691号', valid: true });
      expect(a.footer.conac.present).toBe(true);
      expect(a.footer.hostUnit.value).toBe('山西省人民政府办公厅');
      expect(a.footer.errorReport.present).toBe(true); // the _jiucuo_ script
    });
    it('hidden CMS copies of visible friend links are not hidden links', () => {
      expect(a.hiddenLinks).toEqual([]);
    });
  });

  d('浙江省发展和改革委员会 (大汉) article', () => {
    const a = analysePage(read(file('zjfgw-deqing-article.html')), 'http://fgw.zj.gov.cn/art/2016/11/22/art_1621004_30332664.html');
    it('empty meta SiteIDCode, footer code 3300000020', () => {
      expect(a.meta.SiteIDCode).toBe('');
      expect(a.footer.siteCode).toEqual({ value: '3300000020', valid: true, text: '网站标识码：3300000020', source: 'footer', metaValue: '' });
      expect(a.footer.icp.value).toBe('浙ICP备05018911号');
      expect(a.footer.psb).toMatchObject({ value: '浙公网安备33010602009328号', valid: true });
      expect(a.footer.conac.present).toBe(true);
    });
    it('date 2016-11-22 and the visible breadcrumb (not the hidden copy)', () => {
      expect(a.article).toMatchObject({ publishedAt: '2016-11-22', title: '1-10月德清县固定资产投资结构趋稳趋优', source: '省发改委' });
      expect(a.breadcrumb).toEqual(['首页', '发展改革工作', '投资管理和项目推进', '投资运行']);
    });
    it('nav columns are read and classified', () => {
      const byText = new Map(a.nav.map((n) => [n.text, n]));
      const want: [string, string][] = [['动态资讯', 'news'], ['机构职能', 'institution'], ['政策文件', 'policy'], ['人事信息', 'personnel'], ['互动交流', 'consultation']];
      for (const [name, cls] of want) {
        expect(byText.get(name)).toBeDefined();
        expect(classifyColumn(name).columnClass).toBe(cls);
      }
      expect(byText.get('动态资讯')!.url).toBe('http://fgw.zj.gov.cn/col/col1599526/index.html');
    });
    it('the CSS-hidden own-site nav and the hidden hanweb signature are not hidden links', () => {
      expect(a.links.find((l) => l.text === '动态资讯')?.hidden).toBe('display-none');
      expect(a.hiddenLinks).toEqual([]);
    });
  });

  d('中国政府网 国务院公报 article', () => {
    const a = analysePage(read(file('govcn-gongbao-article.html')), 'https://www.gov.cn/gongbao/content/2007/content_711039.htm');
    it('siteCode without colon, ICP, PSB; the footer appears twice', () => {
      expect(a.footer.siteCode).toEqual({ value: 'bm01000001', valid: true, text: '网站标识码bm01000001', source: 'footer', metaValue: null });
      expect(a.footer.icp).toMatchObject({ value: '京ICP备05070218号', valid: true });
      expect(a.footer.psb).toMatchObject({ value: '京公网安备11010202000001号', valid: true });
      expect(a.footer.hostUnit.value).toBe('国务院办公厅');
      expect(a.footer.conac.present).toBe(true);
      expect((a.text.match(/网站标识码bm01000001/g) ?? []).length).toBeGreaterThanOrEqual(1);
    });
    it('no visible date: the odd meta firstpublishedtime 2007-08-20-23:59:59 is used', () => {
      expect(a.meta.firstpublishedtime).toBe('2007-08-20-23:59:59');
      expect(a.article).toMatchObject({ publishedAt: '2007-08-20T23:59', dateText: null });
      expect(a.article!.title).toContain('全国人民代表大会常务委员会关于批准财政部发行特别国债');
      expect(a.breadcrumb).toEqual(['首页', '国务院公报', '2007年第23号']);
    });
  });

  d('中国载人航天工程 article', () => {
    const a = analysePage(read(file('cmse-article-1.html')), 'http://www.cmse.gov.cn/ztbd/xwfbh/201206/t20120624_49437.html');
    it('breadcrumb and date', () => {
      expect(a.breadcrumb).toEqual(['首页', '专题报道', '新闻发布会']);
      expect(a.article).toMatchObject({ publishedAt: '2012-06-24', dateText: '发布日期: 2012-06-24' });
    });
    it('ICP only: no siteCode, no PSB, no conac; the commented-out 纠错 link does not count', () => {
      expect(a.footer.icp).toMatchObject({ value: '京ICP备20027467号-1', valid: true });
      expect(a.footer.siteCode).toMatchObject({ value: null, source: null });
      expect(a.footer.psb.value).toBeNull();
      expect(a.footer.conac.present).toBe(false);
      expect(a.footer.errorReport.present).toBe(false);
      expect(a.footer.hostUnit.value).toBe('中国载人航天工程办公室');
    });
  });

  d('人民网 page declared GB2312 but UTF-8 bytes (the fetcher decodes; read here as UTF-8)', () => {
    const a = analysePage(read(file('people-gb2312-declared.html')), 'http://culture.people.com.cn/n1/2019/0615/c1013-31153719.html');
    it('is read as an article of a non-government site', () => {
      expect(a.title).toContain('郑板桥');
      expect(a.pageKind).toBe('article');
      expect(a.article!.publishedAt).toMatch(/^2019-06-15/);
      expect(a.footer.siteCode.value).toBeNull();
    });
  });

  d('阿勒泰市政府网站 homepage (ASP.NET CMS), saved 2018-03-22', () => {
    const asOf = '2018-03-22T18:00:00+08:00';
    const a = analysePage(read(file('alt-gov-cn-home-2018.html')), 'http://www.alt.gov.cn/', { asOf });
    const block = (h: string) => a.lists.find((l) => l.heading === h);
    it('is a homepage whose item dates live in title= tooltips', () => {
      expect(a.pageKind).toBe('homepage');
      const tip = a.lists.flatMap((l) => l.items).find((i) => i.dateText?.startsWith('更新时间：2018/3/22 12:20:00'));
      expect(tip).toMatchObject({ date: '2018-03-22' });
      expect(dates(a).filter(Boolean).length).toBeGreaterThan(80);
      expect(dates(a).filter((x) => x && x > '2018-03-22')).toEqual([]);
    });
    it('the 动态 tabs show [2018-03-22] dates under their tab names', () => {
      expect(block('政务动态')!.items[0]).toMatchObject({ date: '2018-03-22', dateText: '2018-03-22' });
      expect(block('政务动态')!.moreUrl).toBe('http://www.alt.gov.cn/Article/ArticleList.aspx?ClassID=663');
      expect(block('部门动态')).toBeDefined();
    });
    it('公告通知: the old first item is pinned, the newest unpinned item is 2018-03-13', () => {
      const b = block('公告通知')!;
      expect(b.items[0]).toMatchObject({ date: '2016-06-01', pinned: true });
      const unpinned = b.items.filter((i) => !i.pinned).map((i) => i.date!).sort();
      expect(unpinned.at(-1)).toBe('2018-03-13');
      expect(b.items.filter((i) => i.pinned)).toHaveLength(1);
    });
    it('建言献策: the list template sits inside a comment, so the column is an empty container', () => {
      expect(block('建言献策')).toEqual({ heading: '建言献策', moreUrl: null, container: 'empty', items: [] });
    });
    it('footer: ICP and conac (document.write(unescape(...))) but no siteCode and no PSB', () => {
      expect(a.footer.icp).toEqual({ value: '新ICP备15003890号-1', valid: true, text: '新ICP备15003890号-1' });
      expect(a.footer.conac).toEqual({ present: true, href: 'http://dcs.conac.cn/js/31/429/4370/60876833/CA314294370608768330002.js' });
      expect(a.footer.siteCode.value).toBeNull();
      expect(a.footer.psb.value).toBeNull();
      expect(a.footer.hostUnit.value).toBe('阿勒泰市人民政府办公室');
    });
    it('nav: 人事信息, 规划信息, 统计信息, 政策解读 and a survey column (网上调查)', () => {
      const names = a.nav.map((n) => n.text);
      for (const n of ['人事信息', '规划信息', '统计信息', '政策解读', '网上调查']) expect(names).toContain(n);
      expect(classifyColumn('人事信息').columnClass).toBe('personnel');
      expect(classifyColumn('规划信息').columnClass).toBe('planning');
      expect(classifyColumn('统计信息').columnClass).toBe('other');
      expect(classifyColumn('政策解读').columnClass).toBe('interpretation');
      expect(classifyColumn('网上调查').columnClass).toBe('survey');
      expect(a.nav.find((n) => n.text === '人事信息')!.level).toBe(2); // in a hidden drop-down
    });
    it('hidden own-site drop-down menus are not hidden links', () => {
      expect(a.hiddenLinks).toEqual([]);
    });
  });

  d('dark-link test page (synthetic, YuanZhao scanner)', () => {
    const html = read(file('test-dark-link-SYNTHETIC.html'));
    const url = 'http://www.test.gov.cn/index.html';
    const hidden = findHiddenLinks(html, url);
    const byTech = (t: string) => hidden.filter((h) => h.technique === t).map((h) => h.url);
    it.each([
      ['display-none', 'http://illegal-gambling.tf/'],
      ['display-none', 'http://multi-level-hidden.ml/'],
      ['display-none', 'http://hidden-evil-site.tk/'],
      ['visibility-hidden', 'http://porn-site.ga/'],
      ['opacity', 'http://bet365-clone.gq/'],
      ['offscreen', 'http://game-private-server.tk/'],
      ['text-indent', 'http://lottery-predict.cm/'],
      ['tiny-font', 'http://adult-videos.ga/'],
      ['hidden-iframe', 'http://malware-site.ml/install'],
      ['js-write', 'http://evil-gambling-site.tk/promotion'],
      ['js-write', 'http://dynamic-evil-link.tk/headless-test'],
      ['js-write', 'http://dom-based-hidden.cm/'],
    ])('%s: %s', (technique, u) => {
      expect(byTech(technique)).toContain(u);
    });
    it('the visible normal link is not hidden; links in comments are never reported', () => {
      expect(hidden.map((h) => h.url)).not.toContain('https://www.example.com/');
      expect(hidden.filter((h) => h.technique === 'comment')).toEqual([]);
    });
    it('the second keywords meta with gambling/porn words, the delayed redirect, document.write and eval', () => {
      const spam = findSpam(html, loadLexicon(), url);
      expect(spam).toContainEqual({ kind: 'keyword-hijack', evidence: '赌博 博彩 时时彩 六合彩 黄色网站 色情 黑客' });
      expect(spam).toContainEqual({ kind: 'redirect-script', evidence: 'http://malicious-phishing.ga/login' });
      const signs = findScriptSigns(html, url).map((s) => s.kind);
      expect(signs).toEqual(expect.arrayContaining(['document-write', 'eval', 'delayed-redirect', 'dynamic-html']));
      const meta = analysePage(html, url).metaAll.filter((m) => m.name === 'keywords');
      expect(meta).toHaveLength(2);
    });
  });

  d('安徽省人事考试网 entry page, GBK bytes', () => {
    const html = iconv.decode(fs.readFileSync(path.join(DIR, file('apta-gov-cn-home-GBK-REENCODED-DERIVED.html'))), 'gb18030');
    const a = analysePage(html, 'http://www.apta.gov.cn/');
    it('decodes and reads the title; no dates, no footer labels', () => {
      expect(a.title).toBe('安徽省人事考试网');
      expect(dates(a)).toEqual([]);
      expect(a.article).toBeNull();
      expect(a.footer).toEqual({
        conac: { present: false, href: null },
        siteCode: { value: null, valid: false, text: null, source: null, metaValue: null },
        icp: { value: null, valid: false, text: null },
        psb: { value: null, valid: false, text: null },
        hostUnit: { value: null },
        errorReport: { present: false, href: null },
      });
    });
    it('the network-choice pop-up the page script opens is not a hidden link', () => {
      expect(a.hiddenLinks).toEqual([]);
    });
  });
});
