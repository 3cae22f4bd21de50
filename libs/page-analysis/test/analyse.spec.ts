import { analysePage, consultationChannel, searchFormOf } from '../src';

const asOf = '2024-06-28T10:00:00+08:00';

const shell = (body: string, metas = '') => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>通知公告_云溪市人民政府</title>
<meta name="SiteName" content="云溪市人民政府"><meta name="SiteIDCode" content="4213000001">${metas}</head><body>
<div class="header"><form action="/search/" method="get"><input type="text" name="q"><button>搜索</button></form></div>
<div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk/">政府信息公开</a><ul class="sub"><li><a href="/zwgk/tzgg/">通知公告</a></li></ul></li><li><a href="/hdjl/">公众互动</a></li></ul></div>
<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; <span>通知公告</span></div>
${body}
<div class="footer"><a href="https://bszs.conac.cn/sitename?method=show&id=1"><img src="/red.png"></a>
<p>主办单位：云溪市人民政府办公室&nbsp;&nbsp;网站标识码：4213000001</p>
<p><a href="https://beian.miit.gov.cn/">鄂ICP备05003311号-1</a>&nbsp;&nbsp;<a href="http://www.beian.gov.cn/">鄂公网安备 42130202000001号</a>
<a href="https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=4213000001">我为政府网站找错</a><a href="/hdjl/zxzx/">我要咨询</a></p></div></body></html>`;

describe('analysePage on a column list', () => {
  const html = shell(`<div class="column-title"><h2>通知公告</h2></div><ul class="list">
<!--<li><a href="/zwgk/tzgg/202406/t20240627_9.html">模板示例信息</a><span class="date">2024-06-27</span></li>-->
<li><a href="/zwgk/tzgg/202301/t20230101_p0.html">【置顶】关于做好防汛工作的通知</a><span class="date" alt="时间：2017-11-08 20:26">2023-01-01</span></li>
<li><a href="/zwgk/tzgg/202406/t20240621_0.html">关于开展安全生产专项行动的通知</a><span class="date">2024-06-21</span></li>
<li><a href="/zwgk/tzgg/202406/t20240611_1.html">关于印发教育实施方案的通知2024-06-11</a></li>
<li><a href="/zwgk/tzgg/202405/t20240530_2.html" title="更新时间：2024/5/30 12:20:00">关于城市更新项目的公示</a></li>
<li><a href="/zwgk/tzgg/202405/t20240520_3.html">关于征集意见的公告</a><span>[05-20]</span></li>
</ul><div class="page"><script>createPageHTML(3, 0, "index", "html");</script></div>`, '<meta name="ColumnName" content="通知公告">');
  const a = analysePage(html, 'http://www.yunxi.gov.cn/zwgk/tzgg/', { asOf });

  it('reads the kind, breadcrumb, meta and title', () => {
    expect(a.pageKind).toBe('list');
    expect(a.breadcrumb).toEqual(['首页', '政府信息公开', '通知公告']);
    expect(a.meta).toMatchObject({ SiteIDCode: '4213000001', ColumnName: '通知公告' });
    expect(a.title).toBe('通知公告_云溪市人民政府');
  });

  it('reads list items: visible, glued, tooltip and month-day dates; pinned; commented-out items ignored', () => {
    expect(a.lists).toHaveLength(1);
    const l = a.lists[0];
    expect(l.heading).toBe('通知公告');
    expect(l.container).toBe('static');
    expect(l.items.map((i) => [i.title, i.date, i.pinned])).toEqual([
      ['关于做好防汛工作的通知', '2023-01-01', true],
      ['关于开展安全生产专项行动的通知', '2024-06-21', false],
      ['关于印发教育实施方案的通知', '2024-06-11', false],
      ['关于城市更新项目的公示', '2024-05-30', false],
      ['关于征集意见的公告', '2024-05-20', false],
    ]);
    expect(l.items[0].url).toBe('http://www.yunxi.gov.cn/zwgk/tzgg/202301/t20230101_p0.html');
    expect(l.items[3].dateText).toBe('更新时间：2024/5/30 12:20:00');
    expect(l.items[3].dateTime).toBe('2024-05-30T12:20');
    expect(a.forms).toEqual([{ action: 'http://www.yunxi.gov.cn/search/', method: 'get', inputs: ['q'] }]);
  });

  it('expands TRS createPageHTML pagination', () => {
    expect(a.pagination).toEqual({
      pageCount: 3,
      pageUrls: ['http://www.yunxi.gov.cn/zwgk/tzgg/index.html', 'http://www.yunxi.gov.cn/zwgk/tzgg/index_1.html', 'http://www.yunxi.gov.cn/zwgk/tzgg/index_2.html'],
    });
  });

  it('reads footer labels', () => {
    expect(a.footer).toEqual({
      conac: { present: true, href: 'https://bszs.conac.cn/sitename?method=show&id=1' },
      siteCode: { value: '4213000001', valid: true, text: '网站标识码：4213000001', source: 'footer', metaValue: '4213000001' },
      icp: { value: '鄂ICP备05003311号-1', valid: true, text: '鄂ICP备05003311号-1' },
      psb: { value: '鄂公网安备42130202000001号', valid: true, text: '鄂公网安备 42130202000001号' },
      hostUnit: { value: '云溪市人民政府办公室' },
      errorReport: { present: true, href: 'https://zfwzzc.www.gov.cn/check_web/errorInfo/jcInfoNew?sitecode=4213000001' },
    });
  });

  it('reads navigation with levels, link regions, search form and consultation channel', () => {
    expect(a.nav).toEqual(expect.arrayContaining([
      { text: '政府信息公开', url: 'http://www.yunxi.gov.cn/zwgk/', level: 1 },
      { text: '通知公告', url: 'http://www.yunxi.gov.cn/zwgk/tzgg/', level: 2 },
    ]));
    expect(a.links.find((l) => l.text === '鄂ICP备05003311号-1')?.region).toBe('footer');
    expect(a.links.find((l) => l.text === '政府信息公开' && l.region === 'breadcrumb')).toBeTruthy();
    expect(a.links.find((l) => l.url.endsWith('t20240627_9.html'))?.hidden).toBe('comment');
    expect(searchFormOf(a)).toEqual({ action: 'http://www.yunxi.gov.cn/search/', method: 'get', queryParam: 'q', urlTemplate: 'http://www.yunxi.gov.cn/search/?q={q}' });
    expect(consultationChannel(a)).toMatchObject({ present: true, text: '我要咨询' });
  });

  it('visible text excludes scripts, comments and hidden elements', () => {
    expect(a.text).toContain('关于开展安全生产专项行动的通知');
    expect(a.text).not.toContain('模板示例信息');
    expect(a.text).not.toContain('createPageHTML');
    expect(a.text).not.toContain('2017-11-08');
  });
});

describe('analysePage containers and footers', () => {
  it('table rows are list items (留言公开: 标题 | 留言人 | 留言时间 | 答复时间); a layout table cell with many links is not a row item', () => {
    const board = analysePage(shell(`<table class="ly-list"><tr><th>留言标题</th><th>留言人</th><th>留言时间</th><th>答复时间</th></tr>
<tr><td><a href="/hdjl/lygk/202406/t20240626_0.html">老旧小区改造什么时候开始</a></td><td>孙**</td><td>2024-06-26 10:05</td><td>办理中</td></tr>
<tr><td><a href="/hdjl/lygk/202406/t20240620_2.html">公积金提取需要哪些材料</a></td><td>李**</td><td>2024-06-20 08:30</td><td>2024-06-23 16:00</td></tr></table>`), 'http://www.yunxi.gov.cn/hdjl/lygk/', { asOf });
    expect(board.lists).toHaveLength(1);
    expect(board.lists[0].items.map((i) => [i.title, i.date, i.dateTime])).toEqual([
      ['老旧小区改造什么时候开始', '2024-06-26', '2024-06-26T10:05'],
      ['公积金提取需要哪些材料', '2024-06-20', '2024-06-20T08:30'],
    ]);
    const layout = analysePage(shell(`<table><tr><td><ul><li><a href="/xwzx/a/202406/t20240601_1.html">云溪市召开全市安全生产工作会议</a> 2024-06-01</li><li><a href="/xwzx/a/202406/t20240602_2.html">云溪市开展防汛应急演练活动</a> 2024-06-02</li></ul></td></tr></table>`), 'http://www.yunxi.gov.cn/', { asOf });
    expect(layout.lists.map((l) => l.items.length)).toEqual([2]);
  });

  it('an empty list with a heading is an empty container; a script-filled one carries the script data', () => {
    const empty = analysePage(shell('<div class="column-title"><h2>规划计划</h2></div><ul class="list"></ul><div class="no-data">暂无信息</div>'), 'http://www.yunxi.gov.cn/zwgk/ghjh/');
    expect(empty.lists).toEqual([{ heading: '规划计划', moreUrl: null, container: 'empty', items: [] }]);
    const js = analysePage(
      shell(`<h2>人事信息</h2><ul class="list" id="dataList"></ul><script>var listData = [{"t":"2024年度招聘公告","u":"/zwgk/rsxx/202406/t20240601_0.html","d":"2024-06-01"}];
(function(){var ul=document.getElementById('dataList');for(var i=0;i<listData.length;i++){var li=document.createElement('li');ul.appendChild(li);}})();</script>`),
      'http://www.yunxi.gov.cn/zwgk/rsxx/',
      { asOf },
    );
    expect(js.lists).toEqual([{ heading: '人事信息', moreUrl: null, container: 'script-filled', items: [{ title: '2024年度招聘公告', url: 'http://www.yunxi.gov.cn/zwgk/rsxx/202406/t20240601_0.html', date: '2024-06-01', dateTime: null, dateText: '2024-06-01', pinned: false }] }]);
  });

  it('homepage blocks carry heading and 更多 link; a block with 暂无信息 is an empty container', () => {
    const h = analysePage(shell(`<div class="box"><div class="box-title"><h3>通知公告</h3><a href="/zwgk/tzgg/" class="more">更多&gt;&gt;</a></div>
<ul><li><a href="/zwgk/tzgg/202406/t20240621_0.html">关于开展安全生产专项行动的通知</a><span>2024-06-21</span></li><li><a href="/zwgk/tzgg/202406/t20240611_1.html">关于印发教育实施方案的通知</a><span>2024-06-11</span></li></ul></div>
<div class="box"><div class="box-title"><h3>规划计划</h3><a href="/zwgk/ghjh/" class="more">更多&gt;&gt;</a></div><p class="empty">暂无信息</p></div>`), 'http://www.yunxi.gov.cn/');
    expect(h.pageKind).toBe('homepage');
    expect(h.lists.map((l) => [l.heading, l.moreUrl, l.container, l.items.length])).toEqual([
      ['通知公告', 'http://www.yunxi.gov.cn/zwgk/tzgg/', 'static', 2],
      ['规划计划', 'http://www.yunxi.gov.cn/zwgk/ghjh/', 'empty', 0],
    ]);
  });

  it('malformed and missing footer labels', () => {
    const html = `<html><head><meta name="SiteIDCode" content=""></head><body><div class="footer"><p>网站标识码：421300000</p><p><a href="https://beian.miit.gov.cn/">ICP备05003311</a> 鄂公网安备号</p></div></body></html>`;
    const f = analysePage(html, 'http://www.yunxi.gov.cn/').footer;
    expect(f.siteCode).toEqual({ value: '421300000', valid: false, text: '网站标识码：421300000', source: 'footer', metaValue: '' });
    expect(f.icp).toEqual({ value: 'ICP备05003311', valid: false, text: 'ICP备05003311' });
    expect(f.psb).toEqual({ value: '鄂公网安备号', valid: false, text: '鄂公网安备号' });
    expect(f.conac.present).toBe(false);
    expect(f.errorReport.present).toBe(false);
    const metaOnly = analysePage('<html><head><meta name="SiteIDCode" content="4213000001"></head><body></body></html>', 'http://x.gov.cn/').footer.siteCode;
    expect(metaOnly).toEqual({ value: '4213000001', valid: true, text: null, source: 'meta', metaValue: '4213000001' });
  });

  it('article facts: title, date with time, source, info table, attachments, related links', () => {
    const html = shell(`<table class="xxgk-table"><tr><td>索引号：</td><td>114213000000ABCD/2024-00001</td><td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发布机构：</td><td>云溪市人民政府办公室</td><td>成文日期：</td><td>2024-06-19</td></tr><tr><td>文　　号：</td><td>云溪政发〔2024〕12号</td><td>发布日期：</td><td>2024-06-21</td></tr></table>
<div class="article"><h1>关于进一步加强安全生产工作的实施意见</h1><div class="info"><span class="time">时间：2024-06-21 10:20</span> <span>来源：云溪市人民政府办公室</span></div>
<div class="content" id="zoom"><p>各县市区人民政府，市政府各部门：</p><p>现将有关事项通知如下。</p><div class="xgjd">相关解读：<a href="/zwgk/zcjd/202406/t20240622_0.html">图解：关于进一步加强安全生产工作的实施意见</a></div></div>
<div class="attachments"><p><a href="/zwgk/zcwj/202406/W20240621_0_1.docx">附件1：相关材料.docx</a></p></div></div>`,
    '<meta name="ArticleTitle" content="关于进一步加强安全生产工作的实施意见"><meta name="PubDate" content="2024-06-21 10:20">');
    const a = analysePage(html, 'http://www.yunxi.gov.cn/zwgk/zcwj/202406/t20240621_0.html');
    expect(a.pageKind).toBe('article');
    expect(a.article).toMatchObject({
      title: '关于进一步加强安全生产工作的实施意见',
      publishedAt: '2024-06-21T10:20',
      source: '云溪市人民政府办公室',
      attachments: ['http://www.yunxi.gov.cn/zwgk/zcwj/202406/W20240621_0_1.docx'],
      relatedLinks: [{ text: '图解：关于进一步加强安全生产工作的实施意见', url: 'http://www.yunxi.gov.cn/zwgk/zcjd/202406/t20240622_0.html' }],
    });
    expect(a.article!.infoTable).toMatchObject({ 索引号: '114213000000ABCD/2024-00001', 发布机构: '云溪市人民政府办公室', 成文日期: '2024-06-19', 文号: '云溪政发〔2024〕12号', 发布日期: '2024-06-21' });
    expect(a.article!.bodyText).toContain('现将有关事项通知如下。');
  });

  it('related links written as 相关链接： paragraphs inside the article body are related links', () => {
    const html = shell(`<div class="article"><h1>举行安全生产专题培训</h1><div class="info"><span class="time">发布时间：2024-06-27 11:18</span></div><div class="content" id="zoom"><p>据悉，今年以来全市安全生产工作稳步推进，各项指标完成情况良好，会议要求进一步抓好落实。</p><p>相关链接：<a href="http://www.yunxi.gov.cn/cms/servlet/ShowArticle?id=78639">政府信息公开目录</a></p><p>相关链接：<a href="/zwgk/tzgg/201805/t20180512_10637.html">2018年政府工作要点</a></p></div></div>`, '<meta name="ArticleTitle" content="举行安全生产专题培训"><meta name="PubDate" content="2024-06-27 11:18">');
    const a = analysePage(html, 'http://www.yunxi.gov.cn/xwzx/gzdt/202406/t20240627_0.html', { asOf });
    expect(a.article?.relatedLinks.map((l) => l.url)).toEqual(['http://www.yunxi.gov.cn/cms/servlet/ShowArticle?id=78639', 'http://www.yunxi.gov.cn/zwgk/tzgg/201805/t20180512_10637.html']);
  });

  it('falls back to meta dates when the page shows none', () => {
    const a = analysePage('<html><head><meta name="PubDate" content="2024-06-21 10:20"><title>x</title></head><body><h1>某某文章标题</h1><div id="zoom"><p>正文内容</p></div></body></html>', 'http://x.gov.cn/a/t20240621_1.html');
    expect(a.article).toMatchObject({ publishedAt: '2024-06-21T10:20', dateText: null });
  });

  it('month-day lists: years from asOf, one year back each time the order wraps; old leading items are pinned without a marker', () => {
    const li = (d: string, n: number) => `<li><a href="/xwzx/gzdt/t${n}.html">工作动态标题第${n}条信息</a><span>${d}</span></li>`;
    const html = shell(`<h2>工作动态</h2><ul class="list">${li('[2021-01-05]', 9)}${['06-27', '03-02', '12-30', '07-01', '06-27'].map(li).join('')}</ul>`);
    const l = analysePage(html, 'http://www.yunxi.gov.cn/xwzx/gzdt/', { asOf }).lists[0];
    expect(l.items.map((i) => [i.date, i.pinned])).toEqual([
      ['2021-01-05', true],
      ['2024-06-27', false],
      ['2024-03-02', false],
      ['2023-12-30', false],
      ['2023-07-01', false],
      ['2023-06-27', false],
    ]);
  });

  it('without asOf, month-day dates take the year of the page\'s own full dates', () => {
    const html = shell('<p>发布时间：2018-03-22</p><ul class="list"><li><a href="/a/t1.html">第一条测试信息标题</a>03-20</li><li><a href="/a/t2.html">第二条测试信息标题</a>03-12</li></ul>');
    expect(analysePage(html, 'http://www.yunxi.gov.cn/a/').lists[0].items.map((i) => i.date)).toEqual(['2018-03-20', '2018-03-12']);
  });
});
