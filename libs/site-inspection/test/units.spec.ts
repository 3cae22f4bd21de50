// Unit tests of what the inspection relies on: dates, personal data, attachments (bad files), page analysis on bad
// HTML (page-analysis and web-fetch, as this library uses them), footer label rules, windows from the rule set,
// stable finding ids.
import JSZip from 'jszip';
import { loadRuleSet } from '@govinspect/rule-sets';
import { findingId, inspectSavedPage } from '../src';
import { analysePage, classifyColumn, extractAttachmentText, findPrivacyLeaks, idNumberValid, loadLexicon, parseDateText, PageAnalysisError } from '@govinspect/page-analysis';
import { decodeBody } from '@govinspect/web-fetch';
import { RuleSetError } from '@govinspect/rule-sets';
import { classWindow, olderThan, RULE_PARAMS, ruleParam, staleType } from '../src/rules';
import { inspectSite } from '../src';
import { messageDates } from '../src/checks/messages';
import iconv from 'iconv-lite';

const AS_OF = '2024-06-28T10:00:00+08:00';
const ruleSet = loadRuleSet('national-2019');

describe('dates on list pages', () => {
  it.each([
    ['2024-06-21', '2024-06-21'], ['2024/6/1', '2024-06-01'], ['2024年6月1日', '2024-06-01'], ['发布时间：2024-05-02', '2024-05-02'],
    ['[06-21]', '2024-06-21'], ['12-30', '2023-12-30'], ['更新时间：2018/3/22 12:20:00', '2018-03-22'],
  ])('%s → %s (a month-day after asOf belongs to the year before)', (text, iso) => {
    expect(parseDateText(text, { asOf: AS_OF })).toBe(iso);
  });
  it('rejects impossible dates and plain numbers', () => {
    expect(parseDateText('2024-02-30', { asOf: AS_OF })).toBeNull();
    expect(parseDateText('共120条', { asOf: AS_OF })).toBeNull();
  });
});

describe('personal data', () => {
  it('finds checksum-valid ID numbers, mobiles and Luhn-valid cards, masked', () => {
    const hits = findPrivacyLeaks('张三，身份证号码：42130019530323521X。李四，联系电话：15803180935。王五，银行账号：6228480402564890018。');
    expect(hits.map((h) => [h.kind, h.masked]).sort()).toEqual([
      ['bank-card', '622848*********0018'], ['id-number', '421300********521X'], ['mobile', '158****0935'],
    ]);
  });
  it('ignores invalid checksums, landlines and digits inside longer codes', () => {
    expect(idNumberValid('421300195303235210')).toBe(false);
    expect(findPrivacyLeaks('身份证号：421300195303235210；电话0715-8123456；索引号11421300MB1234567X/2024-00001；编号158031809351')).toEqual([]);
  });
});

describe('attachments', () => {
  it('reads docx and xlsx text', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', '<w:document><w:body><w:p><w:r><w:t>联系电话：15803180935</w:t></w:r></w:p></w:body></w:document>');
    const r = await extractAttachmentText(await zip.generateAsync({ type: 'nodebuffer' }), 'docx');
    expect(r).toContain('15803180935');
  });
  it('bad files get a classified error, never a throw', async () => {
    const code = (p: Promise<string>) => p.then(() => 'no error', (e: unknown) => (e instanceof PageAnalysisError ? e.code : String(e)));
    expect(await code(extractAttachmentText(Buffer.from('not a zip'), 'docx'))).toBe('ATTACHMENT_UNREADABLE');
    expect(await code(extractAttachmentText(Buffer.from('hello'), 'pdf'))).toBe('ATTACHMENT_UNREADABLE');
    expect(await code(extractAttachmentText(Buffer.from('x'), 'rar' as 'pdf'))).toBe('ATTACHMENT_KIND_UNSUPPORTED');
    const empty = new JSZip();
    empty.file('x.txt', 'x');
    expect(await code(extractAttachmentText(await empty.generateAsync({ type: 'nodebuffer' }), 'docx'))).toBe('ATTACHMENT_UNREADABLE');
  });
  it('reads hex UCS-2 strings of a CJK PDF', async () => {
    const hex = Buffer.from('联系电话', 'utf16le').swap16().toString('hex');
    const r = await extractAttachmentText(Buffer.from(`%PDF-1.4\nBT <${hex}> Tj ET\n%%EOF`, 'latin1'), 'pdf');
    expect(r).toContain('联系电话');
  });
});

describe('charset', () => {
  it('UTF-8 bytes labelled gb2312 stay UTF-8; GBK bytes labelled utf-8 decode as GB18030', () => {
    expect(decodeBody(Buffer.from('<meta charset="gb2312">政府'), 'text/html; charset=gb2312')).toMatchObject({ text: '<meta charset="gb2312">政府', charset: 'utf-8' });
    expect(decodeBody(iconv.encode('<p>云溪市人民政府 政务公开</p>', 'gbk'), 'text/html; charset=utf-8')).toMatchObject({ text: '<p>云溪市人民政府 政务公开</p>', charset: 'gb18030' });
  });
});

describe('page analysis on bad input', () => {
  it('malformed HTML and binary garbage give an analysis, not a throw', () => {
    const bad = ['<html><body><ul><li><a href="/a">x</a><li><a href="javascript:void(0)">y</a>', '\u0000\u0001\uFFFD<<<>>>', '', '<a href="http://[bad">z</a>'];
    for (const html of bad) expect(() => analysePage(html, 'http://www.x.gov.cn/', { asOf: AS_OF })).not.toThrow();
  });
  it('pinned items and commented-out items do not decide the newest date; script-filled lists read their inline data', () => {
    const html = `<html><head><meta name="ColumnName" content="通知公告"></head><body><div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <span>通知公告</span></div>
      <ul class="list"><!--<li><a href="/zwgk/tzgg/x.html">示例</a><span>2024-06-27</span></li>--><li><a href="/p.html">【置顶】关于旧事项的通知</a><span>2022-01-01</span></li><li><a href="/n.html">关于新事项的通知</a><span>2024-06-01</span></li></ul>
      <ul class="list" id="dataList"></ul><script>var listData = [{"t":"动态一","u":"/d1.html","d":"2024-06-20"}];(function(){var ul=document.getElementById('dataList');for(var i=0;i<listData.length;i++){var li=document.createElement('li');ul.appendChild(li);}})();</script></body></html>`;
    const a = analysePage(html, 'http://www.x.gov.cn/zwgk/tzgg/', { asOf: AS_OF });
    expect(a.breadcrumb).toEqual(['首页', '政府信息公开', '通知公告']);
    expect(a.lists[0].items.map((i) => [i.title, i.date, i.pinned])).toEqual([['关于旧事项的通知', '2022-01-01', true], ['关于新事项的通知', '2024-06-01', false]]);
    expect(a.lists[1]).toMatchObject({ container: 'script-filled', items: [{ title: '动态一', date: '2024-06-20' }] });
    const r = inspectSavedPage(html, 'http://www.x.gov.cn/zwgk/tzgg/', { asOf: AS_OF, ruleSet });
    expect(r.columns[0]).toMatchObject({ columnClass: 'notice', level: 1, lastUpdated: '2024-06-20', stale: false, blank: false });
  });
  it('an empty list with no script is a blank column; a remote script-filled list needs rendering instead', () => {
    const page = (list: string) => `<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <span>规划计划</span></div>${list}`;
    const blank = inspectSavedPage(page('<ul class="list"></ul><div>暂无信息</div>'), 'http://www.x.gov.cn/zwgk/ghjh/', { asOf: AS_OF, ruleSet });
    expect(blank.columns[0]).toMatchObject({ blank: true });
    expect(blank.findings.map((f) => [f.type, f.evidence.text])).toContainEqual(['column-blank', '首页>政府信息公开>规划计划 栏目无任何信息']);
    const remote = inspectSavedPage(page('<div><ul class="list" id="l"></ul><script>fetch("/api").then(r=>r.json()).then(d=>{document.getElementById("l").innerHTML=d})</script></div>'), 'http://www.x.gov.cn/zwgk/ghjh/', { asOf: AS_OF, ruleSet });
    expect(remote.columns[0]).toMatchObject({ blank: false, needsRendering: true });
    expect(remote.findings.filter((f) => f.type === 'column-blank')).toEqual([]);
  });
});

describe('footer labels', () => {
  const footer = (inner: string) => `<html><head><meta name="SiteIDCode" content="4213000001"></head><body><div class="footer">${inner}</div></body></html>`;
  const good = '<a href="https://bszs.conac.cn/x"><img alt="党政机关"></a><p>主办单位：云溪市人民政府办公室 网站标识码：4213000001</p><a>鄂ICP备05003311号</a><a>鄂公网安备 42130202000001号</a><a>我为政府网站找错</a>';
  it('a complete footer has no finding; a wrong site code is malformed; a different registered code is a mismatch', () => {
    expect(inspectSavedPage(footer(good), 'http://www.yunxi.gov.cn/', { asOf: AS_OF, ruleSet, siteCode: '4213000001' }).findings.filter((f) => f.type.startsWith('footer'))).toEqual([]);
    const bad = inspectSavedPage(footer(good.replace('4213000001', '421300001').replace('鄂ICP备05003311号', 'ICP备05003311')), 'http://www.yunxi.gov.cn/', { asOf: AS_OF, ruleSet });
    expect(bad.findings.filter((f) => f.type === 'footer-label-malformed').map((f) => [f.attributes.label, f.evidence.text])).toEqual([['site-code', '网站标识码：421300001'], ['icp', 'ICP备05003311']]);
    const other = inspectSavedPage(footer(good), 'http://www.yunxi.gov.cn/', { asOf: AS_OF, ruleSet, siteCode: '4213000009' });
    expect(other.findings.find((f) => f.type === 'footer-label-malformed')?.attributes).toMatchObject({ label: 'site-code', reason: expect.stringContaining('4213000009') });
  });
});

describe('rule-set data', () => {
  it('windows and finding types come from columnClasses; classes without a window use their lookback', () => {
    expect(classWindow(ruleSet, 'news')).toBe('P2W');
    expect(classWindow(ruleSet, 'notice')).toBe('P6M');
    expect(classWindow(ruleSet, 'survey')).toBe('P1Y');
    expect(staleType(ruleSet, 'message-public')).toBe('message-board-stale');
    expect(staleType(ruleSet, 'planning')).toBe('column-stale');
    expect(olderThan('2024-06-13', AS_OF, 'P2W')).toBe(true);
    expect(olderThan('2024-06-14', AS_OF, 'P2W')).toBe(false);
  });
  it('sample sizes and the forged-period limit come from the rule set (国办秘函〔2019〕19号 / product default)', () => {
    expect(ruleParam(ruleSet, 'W-D-INTERP-LINK.sampleSize')).toBe(3);
    expect(ruleParam(ruleSet, 'W-D-INTERP-COVERAGE.sampleSize')).toBe(3);
    expect(ruleParam(ruleSet, 'W-V1.forgedPeriodDays')).toBe(365);
    const w1 = ruleSet.indicators.find((i) => i.id === 'W-V1')!;
    expect(w1.params.forgedPeriodDays).toMatchObject({ verified: false, unit: 'day' });
    expect(Object.keys(RULE_PARAMS).sort()).toEqual(['W-D-INTERP-COVERAGE.sampleSize', 'W-D-INTERP-LINK.sampleSize', 'W-V1.forgedPeriodDays']);
  });
  it('a rule set without one of them is a classified RuleSetError, before any request is made', async () => {
    const bare = { ...ruleSet, indicators: ruleSet.indicators.map((i) => (i.id === 'W-D-INTERP-LINK' ? { ...i, params: {} } : i)) };
    expect(() => ruleParam(bare, 'W-D-INTERP-LINK.sampleSize')).toThrow(RuleSetError);
    expect(() => ruleParam(bare, 'W-D-INTERP-LINK.sampleSize')).toThrow(/indicators\[W-D-INTERP-LINK\]\.params\.sampleSize/);
    let requests = 0;
    const fetcher = { fetch: async () => { requests++; throw new Error('no request expected'); }, robotsAllows: async () => true };
    const site = { id: 's', name: 'x', url: 'http://www.x.gov.cn/', siteCode: '4213000001', kind: 'portal' as const, regionCode: '421300' };
    await expect(inspectSite({ runId: 'r', site, asOf: AS_OF, ruleSet: bare, fetcher })).rejects.toMatchObject({ name: 'RuleSetError', classification: 'rule-set-invalid' });
    expect(requests).toBe(0);
  });
  it('classifies column names into glossary classes', () => {
    expect(['本地要闻', '通知公告', '政策解读', '市政府文件', '留言公开', '访谈预告', '统计信息', '办事统计'].map((n) => classifyColumn(n).columnClass)).toEqual(
      ['news', 'notice', 'interpretation', 'policy', 'message-public', 'interview', 'other', 'service-stats']);
  });
  it('finding ids are stable for the same problem and differ by the distinguishing key', () => {
    expect(findingId('s1', 'broken-link', 'http://a/', 'http://b/')).toBe(findingId('s1', 'broken-link', 'http://a/', 'http://b/'));
    expect(findingId('s1', 'broken-link', 'http://a/', 'http://b/')).not.toBe(findingId('s1', 'broken-link', 'http://a/', 'http://c/'));
  });
});

describe('lexicon input', () => {
  it("page-analysis's lexicon carries what the inspection's checks used to keep locally", () => {
    const l = loadLexicon();
    expect(l.wordingErrors.map((e) => e.wrong)).toEqual(expect.arrayContaining(['党的十九大精神精神', '习近平新时代中国特色社会主义思想思想']));
    expect(l.outdatedInstitutionNames.map((n) => n.old)).toEqual(expect.arrayContaining(['安全生产监督管理局', '食品药品监督管理局']));
    const r = inspectSavedPage('<html><head><meta name="ArticleTitle" content="通知"><meta name="PubDate" content="2024-06-01"></head><body><h1>通知</h1><div id="zoom"><p>云溪市安全生产监督管理局关于开展检查的通知</p></div></body></html>', 'http://www.x.gov.cn/zwgk/tzgg/202406/t20240601_1.html', { asOf: AS_OF, ruleSet });
    expect(r.findings.filter((f) => f.type === 'outdated-institution-name').map((f) => [f.evidence.text, f.attributes.current])).toEqual([['云溪市安全生产监督管理局', '应急管理局']]);
  });
});

describe('published messages must show 留言时间 and 答复时间 (留言公开)', () => {
  const page = (rows: string) => ({ ok: true, archiveId: 'a:1', html: `<html><body><table class="ly-detail">${rows}</table></body></html>` });
  const item = (n: number) => ({ url: `http://www.x.gov.cn/hdjl/lygk/202405/t20240501_${n}.html`, title: `留言${n}` });
  const view = (pages: Record<string, ReturnType<typeof page>>) =>
    ({
      columns: [{ columnClass: 'message-public', breadcrumb: '首页>公众互动>留言公开', archiveId: 'a:0', items: [item(1), item(2), item(3)] }],
      pages: new Map(Object.entries(pages)),
    }) as never;

  it('reports each missing element once per column, counting the messages that lack it', () => {
    const out = messageDates(view({
      [item(1).url]: page('<tr><th>标题</th><td>留言1</td></tr><tr><th>答复内容</th><td>已转交</td></tr>'),
      [item(2).url]: page('<tr><th>留言时间</th><td>2024-05-01 09:00</td></tr><tr><th>答复内容</th><td>已办理</td></tr>'),
      [item(3).url]: page('<tr><th>留言时间</th><td>2024-05-02 09:00</td></tr><tr><th>答复时间</th><td>2024-05-03 10:00</td></tr><tr><th>答复内容</th><td>好</td></tr>'),
    }));
    expect(out.map((f) => [f.type, f.attributes?.element, f.attributes?.subject])).toEqual([
      ['message-dates-missing', '留言时间', '1条公开留言未标明留言时间'],
      ['message-dates-missing', '答复时间', '2条公开留言未标明答复时间'],
    ]);
    expect(out[0]).toMatchObject({ url: item(1).url, breadcrumb: '首页>公众互动>留言公开', evidence: '留言1 未标明留言时间' });
  });

  it('a message still being handled (办理中) needs no 答复时间, and a message page the crawl did not fetch is not judged', () => {
    const out = messageDates(view({
      [item(1).url]: page('<tr><th>留言时间</th><td>2024-05-01 09:00</td></tr><tr><th>办理状态</th><td>办理中</td></tr>'),
    }));
    expect(out).toEqual([]);
  });
});
