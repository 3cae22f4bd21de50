// HTML of every page kind of a simulated site. Pure functions of (site model, request path).
import lexicon from '../data/lexicon.json';
import { messageOf, policyLinkState, surveyOf, uninterpretedPolicies } from '../model/activities';
import { SECTIONS } from '../model/catalogue';
import { getItem, getPinned, listPage, pageCount, PAGE_SIZE, shortName } from '../model/items';
import type { ColumnModel, Item, SiteModel } from '../model/types';
import { hash32, pick } from '../util/hash';
import { cst, DAY_MS, pad2, ymd, ymdhm } from '../util/time';
import { cnDate, renderListDate } from './dates';
import { esc } from './escape';
import { brokenLinksOn, peerLinks } from './links';
import { columnCrumbs, columnMetas, listFile, renderListItem, renderPagination, renderShell, siteMetas } from './layout';
import { hiddenLinkMarkup, hijackedKeywords, hijackedTitle, spamKeywordBlock, spamLinks } from './spam';

export type Html = string;

function homepageBlock(site: SiteModel, col: ColumnModel, n: number): string {
  const items: string[] = [];
  const pinned = Math.min(col.pinned, n);
  for (let p = 0; p < pinned; p++) items.push(renderListItem(site, getPinned(site, col, p), false));
  for (let i = 0; i < Math.min(col.count, n - pinned); i++) items.push(renderListItem(site, getItem(site, col, i), false));
  const body = items.length ? `<ul>${items.join('\n')}</ul>` : `<p class="empty">暂无信息</p>`;
  return `<div class="box"><div class="box-title"><h3>${esc(col.name)}</h3><a href="${col.path}" class="more">更多&gt;&gt;</a></div>${body}</div>`;
}

export function renderHomepage(site: SiteModel, charsetMeta: string): Html {
  const blocks = site.columns.filter((c) => c.onHomepage).map((c) => homepageBlock(site, c, 7));
  const hd = site.columns.filter((c) => c.section === 'hdjl');
  const interact = `<div class="box hdjl"><h3>公众互动</h3><ul><li><a href="/hdjl/zxzx/">我要咨询</a></li>${hd
    .filter((c) => c.level === 1)
    .map((c) => `<li><a href="${c.path}">${esc(c.name)}</a></li>`)
    .join('')}</ul></div>`;
  const zwgk = site.columns
    .filter((c) => c.section === 'zwgk' && c.level === 1)
    .map((c) => `<li><a href="${c.path}">${esc(c.name)}</a></li>`)
    .join('');
  const links = [...peerLinks(site), ...brokenLinksOn(site, 'homepage')]
    .map((l) => `<a href="${l.href}" target="_blank">${esc(l.text)}</a>`)
    .join('\n');
  let head = '';
  let tail = '';
  let title = site.name;
  const metas: Record<string, string> = { ...siteMetas(site), keywords: `${site.name},政务公开,政务服务`, description: `${site.name}门户网站` };
  site.defects.forEach((d, n) => {
    if (d.type === 'hidden-link') tail += hiddenLinkMarkup(d.technique, spamLinks(site, n, d.count)) + '\n';
    if (d.type === 'title-hijack') title = hijackedTitle(site);
    if (d.type === 'keyword-hijack') metas.keywords = hijackedKeywords(site);
  });
  const spamBlocks = site.defects
    .map((d, n) => (d.type === 'spam-keywords' ? spamKeywordBlock(site, n, d.count).markup : ''))
    .join('');
  const body = `${spamBlocks}<div class="row">${blocks.join('\n')}</div>
<div class="row"><div class="box zwgk"><h3>政府信息公开</h3><ul>${zwgk}</ul></div>${interact}</div>
<div class="friend-links"><span>友情链接：</span>${links}</div>`;
  return renderShell(site, charsetMeta, { title, metas, body, headExtra: head, tailExtra: tail });
}

export function renderSection(site: SiteModel, sectionKey: string, charsetMeta: string): Html | null {
  const section = SECTIONS.find((s) => s.key === sectionKey);
  if (!section) return null;
  const cols = site.columns.filter((c) => c.section === sectionKey && c.level === 1);
  const blocks = cols.map((c) => (c.single ? `<div class="box"><h3><a href="${c.path}">${esc(c.name)}</a></h3></div>` : homepageBlock(site, c, 5)));
  return renderShell(site, charsetMeta, {
    title: `${section.name}_${site.name}`,
    metas: siteMetas(site),
    crumbs: [{ name: '首页', href: '/' }, { name: section.name }],
    body: `<div class="sub-nav"><ul>${cols.map((c) => `<li><a href="${c.path}">${esc(c.name)}</a></li>`).join('')}</ul></div>${blocks.join('\n')}`,
  });
}

function messageListItem(site: SiteModel, i: number): string {
  const m = messageOf(site, i)!;
  const reply = m.repliedAt ? ymd(m.repliedAt) : '办理中';
  return `<tr><td><a href="${m.item.path}" target="_blank">${esc(m.item.title)}</a></td><td>${esc(m.asker)}</td><td>${ymd(m.item.date)}</td><td>${reply}</td></tr>`;
}

export function renderColumnList(site: SiteModel, col: ColumnModel, page: number, charsetMeta: string, extraTop = ''): Html | null {
  const total = pageCount(col);
  if (page >= total) return null;
  let list: string;
  if (col.count === 0) {
    list = `<ul class="list"></ul><div class="no-data">暂无信息</div>`;
  } else if (col.class === 'message-public') {
    const rows: string[] = [];
    for (let i = page * PAGE_SIZE; i < Math.min(col.count, (page + 1) * PAGE_SIZE); i++) rows.push(messageListItem(site, i));
    list = `<table class="ly-list"><tr><th>留言标题</th><th>留言人</th><th>留言时间</th><th>答复时间</th></tr>${rows.join('\n')}</table>`;
  } else {
    const items = listPage(site, col, page);
    const pinned: Item[] = [];
    if (page === 0) for (let p = 0; p < col.pinned; p++) pinned.push(getPinned(site, col, p));
    if (col.jsFilled) {
      const data = [...pinned, ...items].map((it) => ({ t: it.title, u: it.path, d: ymd(it.date) }));
      list = `<ul class="list" id="dataList"></ul>
<script type="text/javascript">
var listData = ${JSON.stringify(data)};
(function(){var ul=document.getElementById('dataList');for(var i=0;i<listData.length;i++){var li=document.createElement('li');li.innerHTML='<a href="'+listData[i].u+'" target="_blank">'+listData[i].t+'</a><span class="date">'+listData[i].d+'</span>';ul.appendChild(li);}})();
</script>`;
    } else {
      const lis = [...pinned, ...items].map((it, n) => renderListItem(site, it, col.staleAttribute && n === 0));
      if (col.commentedOut && page === 0) {
        const ghost = new Date(site.asOf.getTime() - DAY_MS);
        const d = renderListDate(ghost, col.dateFormat);
        lis.unshift(`<!--<li><a href="${col.path}${ymd(ghost).replace(/-/g, '').slice(0, 6)}/t${ymd(ghost).replace(/-/g, '')}_99999.html">${esc(col.name)}模板示例信息</a><span class="date">${esc(d.visible || ymd(ghost))}</span></li>-->`);
      }
      list = `<ul class="list">\n${lis.join('\n')}\n</ul>`;
    }
  }
  const children = site.columns.filter((c) => c.parent === col.key);
  const sub = children.length ? `<div class="sub-columns">${children.map((c) => `<a href="${c.path}">${esc(c.name)}</a>`).join(' ')}</div>` : '';
  return renderShell(site, charsetMeta, {
    title: `${col.name}_${site.name}`,
    metas: columnMetas(site, col),
    crumbs: columnCrumbs(site, col, true),
    body: `<div class="column-title"><h2>${esc(col.name)}</h2></div>${extraTop}${sub}${list}${renderPagination(site, col, page, total)}`,
  });
}

/** 索引号 in the usual form: unit credit code / year-serial. */
function indexNo(site: SiteModel, it: Item): string {
  const code = `11${site.regionCode}${(hash32(site.seed, site.id, 'usc') % 1e8).toString(36).toUpperCase().padStart(8, '0')}`;
  return `${code.slice(0, 18)}/${cst(it.date).y}-${String(it.index + 1).padStart(5, '0')}`;
}

function bodyParagraphs(site: SiteModel, it: Item): string[] {
  const k = [site.seed, site.id, it.column.key, it.index];
  const subject = pick(lexicon.titleSubjects, ...k, 's');
  const n = 3 + (hash32(...k, 'n') % 3);
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pick(lexicon.bodySentences, ...k, 'b', i).replace('{S}', subject));
  return out;
}

export function articleInjections(site: SiteModel, it: Item, where: 'article' | 'attachment') {
  return site.injections.filter((j) => j.column === it.column.key && j.index === it.index && j.where === where && j.kind !== 'forged-date');
}

/** Plain text of an attachment (also what docx/xlsx/pdf carry). */
export function attachmentText(site: SiteModel, it: Item): string[] {
  return [it.title, ...bodyParagraphs(site, it), ...articleInjections(site, it, 'attachment').map((j) => j.sentence), `${site.hostUnit}`, cnDate(it.date)];
}

export function renderArticle(site: SiteModel, it: Item, charsetMeta: string): Html {
  const col = it.column;
  const paras = bodyParagraphs(site, it);
  for (const j of articleInjections(site, it, 'article')) paras.splice(1, 0, j.sentence);
  let extra = '';
  if (col.class === 'survey') {
    const s = surveyOf(site, it.index);
    if (s) {
      extra += `<p class="zjsj">征集时间：${s.periodText}</p><p>请通过电子邮件或信函方式提出意见建议。</p>`;
      extra += s.feedbackAt
        ? `<div class="fkjg"><h3>征集结果反馈</h3><p>反馈时间：${ymd(s.feedbackAt)}</p><p>本次征集共收到意见建议${2 + (hash32(site.seed, site.id, 'fk', it.index) % 30)}条，采纳情况如下……</p></div>`
        : '';
    }
  }
  if (col.class === 'policy' && col.key === 'policy') {
    const st = policyLinkState(site, it.index);
    if (st.interpretation !== null && st.policyLinksBack) {
      const ii = getItem(site, site.columnByKey.get('interpretation')!, st.interpretation);
      extra += `<div class="xgjd">相关解读：<a href="${ii.path}">${esc(ii.title)}</a></div>`;
    }
  }
  if (col.class === 'interpretation') {
    const st = policyLinkState(site, it.index);
    const pol = site.columnByKey.get('policy');
    if (st.interpretation !== null && st.interpretationLinks && pol) {
      const pi = getItem(site, pol, it.index);
      extra += `<div class="xgwj">相关文件：<a href="${pi.path}">${esc(pi.title)}</a></div>`;
    }
  }
  if (col.class === 'interview') {
    extra += `<div class="ft-record"><p><b>主持人：</b>各位网友大家好，欢迎收看本期在线访谈。</p><p><b>嘉宾：</b>${esc(site.hostUnit)}负责同志</p><p><b>网友：</b>${esc(pick(lexicon.questions, site.seed, site.id, 'ft', it.index))}</p></div>`;
  }
  const att = it.attachments.length
    ? `<div class="attachments"><p>附件：</p>${it.attachments.map((a) => `<p><a href="${a.path}">${esc(a.name)}</a></p>`).join('')}</div>`
    : '';
  const gk = col.section === 'zwgk';
  const table = gk
    ? `<table class="xxgk-table"><tr><td>索引号：</td><td>${indexNo(site, it)}</td><td>主题分类：</td><td>综合政务</td></tr>
<tr><td>发布机构：</td><td>${esc(site.hostUnit)}</td><td>成文日期：</td><td>${ymd(new Date(it.date.getTime() - 2 * DAY_MS))}</td></tr>
<tr><td>文　　号：</td><td>${esc(it.docNo ?? '')}</td><td>发布日期：</td><td>${ymd(it.date)}</td></tr>
<tr><td>标　　题：</td><td colspan="3">${esc(it.title)}</td></tr></table>`
    : '';
  const alt = col.staleAttribute ? ` alt="时间：2017-11-08 20:26"` : '';
  const when = { hanweb: `发布日期：${ymd(it.date)}`, trs: `时间：${ymdhm(it.date)}`, aspnet: `发布时间：${ymdhm(it.date)}` }[site.template];
  const info = `<div class="info"><span class="time"${alt}>${when}</span>&nbsp;&nbsp;<span>来源：${esc(site.hostUnit)}</span>&nbsp;&nbsp;<span>浏览次数：<script>document.write(${hash32(site.seed, site.id, it.column.key, it.index, 'pv') % 5000})</script></span></div>`;
  const broken = it.column.key === 'news' && it.index === 0 ? brokenLinksOn(site, 'article') : [];
  const brokenHtml = broken.map((l) => `<p>相关链接：<a href="${l.href}" target="_blank">${esc(l.text)}</a></p>`).join('');
  return renderShell(site, charsetMeta, {
    title: `${it.title}_${site.name}`,
    metas: { ...columnMetas(site, col), ArticleTitle: it.title, PubDate: ymdhm(it.date), ContentSource: site.hostUnit },
    crumbs: columnCrumbs(site, col),
    body: `${table}<div class="article"><h1>${esc(it.title)}</h1>${info}<div class="content" id="zoom">${paras.map((p) => `<p>${esc(p)}</p>`).join('\n')}${extra}${brokenHtml}</div>${att}</div>`,
  });
}

export function renderMessagePage(site: SiteModel, it: Item, charsetMeta: string): Html {
  const m = messageOf(site, it.index)!;
  const reply = m.repliedAt
    ? `<tr><th>答复单位</th><td>${esc(m.replyUnit)}</td></tr><tr><th>答复时间</th><td>${ymdhm(m.repliedAt)}</td></tr><tr><th>答复内容</th><td>${esc(m.reply)}</td></tr>`
    : `<tr><th>办理状态</th><td>办理中</td></tr>`;
  return renderShell(site, charsetMeta, {
    title: `${m.item.title}_${site.name}`,
    metas: columnMetas(site, it.column),
    crumbs: columnCrumbs(site, it.column),
    body: `<table class="ly-detail"><tr><th>留言标题</th><td>${esc(m.item.title)}</td></tr><tr><th>留言人</th><td>${esc(m.asker)}</td></tr><tr><th>留言时间</th><td>${ymdhm(m.item.date)}</td></tr><tr><th>留言内容</th><td>${esc(m.question)}</td></tr>${reply}</table>`,
  });
}

export const OFFICE_HOURS_TEXT = '工作日上午8:30—12:00，下午14:30—17:30（法定节假日除外）';

export function leaderName(site: SiteModel, i: number): string {
  return pick(lexicon.surnames, site.seed, site.id, 'ld', i, 's') + pick(lexicon.givenNames, site.seed, site.id, 'ld', i, 'g');
}

export function renderInstitution(site: SiteModel, col: ColumnModel, charsetMeta: string): Html {
  const miss = new Set(site.institutionMissing);
  const rows = [
    `<h3>主要职责</h3><p>贯彻执行国家和省、市有关方针政策和法律法规，负责本地区${esc(shortName(site))}相关工作的统筹协调和组织实施。</p>`,
    `<h3>内设机构</h3><p>办公室、政策法规科、综合业务科、监督管理科。</p>`,
    miss.has('address') ? '' : `<p>办公地址：${esc(shortName(site))}人民路${1 + (hash32(site.seed, site.id, 'addr') % 300)}号</p>`,
    miss.has('officeHours') ? '' : `<p>办公时间：${OFFICE_HOURS_TEXT}</p>`,
    miss.has('phone') ? '' : `<p>联系电话：0715-${8000000 + (hash32(site.seed, site.id, 'ph') % 999999)}</p>`,
    miss.has('leaderName') ? '<p>负责人：</p>' : `<p>负责人：${esc(leaderName(site, 0))}</p>`,
  ];
  return renderShell(site, charsetMeta, {
    title: `${col.name}_${site.name}`,
    metas: columnMetas(site, col),
    crumbs: columnCrumbs(site, col, true),
    body: `<div class="jgzn"><h2>${esc(site.hostUnit)}</h2>${rows.join('\n')}</div>`,
  });
}

export function renderLeaders(site: SiteModel, col: ColumnModel, charsetMeta: string): Html {
  const miss = new Set(site.leaders.missing);
  const posts = ['局长', '副局长', '副局长', '副局长', '总工程师', '党组成员'];
  const list: string[] = [];
  for (let i = 0; i < site.leaders.count; i++) {
    const name = leaderName(site, i);
    const post = site.kind === 'portal' ? ['市长', '常务副市长', '副市长', '副市长', '副市长', '秘书长'][i % 6] : posts[i % 6];
    list.push(`<div class="leader">${miss.has('photo') ? '' : `<img src="/images/ld${i}.jpg" alt="${esc(name)}">`}<h3>${esc(name)}</h3><p class="zw">${post}</p>
${miss.has('resume') ? '' : `<p class="jl">简历：${esc(name)}，男，汉族，${1965 + (hash32(site.seed, site.id, 'ld', i) % 15)}年生，大学学历，中共党员。</p>`}
${miss.has('duties') ? '' : `<p class="fg">分工：负责${esc(pick(lexicon.titleSubjects, site.seed, site.id, 'ld', i, 'fg'))}等方面工作。</p>`}</div>`);
  }
  return renderShell(site, charsetMeta, {
    title: `${col.name}_${site.name}`,
    metas: columnMetas(site, col),
    crumbs: columnCrumbs(site, col, true),
    body: `<div class="ldxx">${list.join('\n') || '<p>暂无信息</p>'}</div>`,
  });
}

export function renderSearch(site: SiteModel, q: string, charsetMeta: string): { status: number; html: Html } {
  const broken = site.defects.find((d) => d.type === 'search-broken');
  if (broken?.mode === '500') return { status: 500, html: errorPage(500, site.name) };
  let body: string;
  if (broken?.mode === 'maintenance') body = '<p class="tips">系统维护中，请稍后再试。</p>';
  else {
    const hits: Item[] = [];
    if (q && !broken) {
      for (const col of site.columns) {
        if (col.single || col.class === 'message-public') continue;
        for (let i = 0; i < Math.min(col.count, 60) && hits.length < 20; i++) {
          const it = getItem(site, col, i);
          if (it.title.includes(q)) hits.push(it);
        }
      }
    }
    body = hits.length
      ? `<p>共找到${hits.length}条结果</p><ul class="search-list">${hits.map((h) => `<li><a href="${h.path}">${esc(h.title)}</a><span>${ymd(h.date)}</span></li>`).join('')}</ul>`
      : `<p class="tips">未找到与“${esc(q)}”相关的结果。</p>`;
  }
  return {
    status: 200,
    html: renderShell(site, charsetMeta, { title: `搜索_${site.name}`, metas: siteMetas(site), crumbs: [{ name: '首页', href: '/' }, { name: '搜索' }], body }),
  };
}

export function errorPage(status: number, siteName = ''): Html {
  const text = status === 404 ? '您访问的页面不存在或已被删除' : status >= 500 ? 'Internal Server Error' : '请求错误';
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${status}</title></head><body><h1>${status}</h1><p>${text}</p><p>${esc(siteName)}</p></body></html>`;
}

export { uninterpretedPolicies, pad2, listFile };
