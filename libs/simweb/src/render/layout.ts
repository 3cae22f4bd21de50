// Page shell for the three template families (大汉 hanweb, TRS WCM trs, ASP.NET aspnet):
// head with 47号 meta tags, header with search, navigation, breadcrumb, body, footer.
import { SECTIONS } from '../model/catalogue';
import type { ColumnModel, Item, SiteModel } from '../model/types';
import { renderListDate } from './dates';
import { esc } from './escape';
import { renderFooter } from './footer';

export interface Crumb {
  name: string;
  href?: string;
}

export interface ShellInput {
  title: string;
  metas: Record<string, string>;
  crumbs?: Crumb[];
  body: string;
  /** Extra raw markup for <head> (defects inject here). */
  headExtra?: string;
  /** Raw markup before </body> (defects inject here). */
  tailExtra?: string;
}

/** The charset meta markup is decided by the encoder; the shell only places it. */
export function renderShell(site: SiteModel, charsetMeta: string, s: ShellInput): string {
  const metas = Object.entries(s.metas)
    .map(([k, v]) => `<meta name="${k}" content="${esc(v)}">`)
    .join('\n');
  const nav = [`<li><a href="/">首页</a></li>`, ...SECTIONS.map((x) => `<li><a href="${x.path}">${x.name}</a></li>`)].join('');
  const crumbs = s.crumbs ? renderCrumbs(site, s.crumbs) : '';
  const search =
    site.template === 'aspnet'
      ? `<form action="/search/" method="get" id="form1"><input type="text" name="q" class="txt"><input type="submit" value="搜索"></form>`
      : `<div class="search"><form action="/search/" method="get" target="_blank"><input type="text" name="q" placeholder="请输入关键字"><button type="submit">搜索</button></form></div>`;
  const wrap = { hanweb: 'main', trs: 'container', aspnet: 'wrap' }[site.template];
  return `<!DOCTYPE html>
<html>
<head>
${charsetMeta}
<meta http-equiv="X-UA-Compatible" content="IE=edge">
<title>${esc(s.title)}</title>
${metas}
${s.headExtra ?? ''}
<link rel="stylesheet" href="/css/${site.template}.css">
</head>
<body>
<div class="header"><div class="logo"><a href="/"><img src="/images/logo.png" alt="${esc(site.name)}">${esc(site.name)}</a></div>${search}</div>
<div class="nav"><ul>${nav}</ul></div>
${crumbs}
<div class="${wrap}">
${s.body}
</div>
${renderFooter(site)}
${s.tailExtra ?? ''}
</body>
</html>
`;
}

function renderCrumbs(site: SiteModel, crumbs: Crumb[]): string {
  const links = crumbs.map((c) => (c.href ? `<a href="${c.href}">${esc(c.name)}</a>` : `<span>${esc(c.name)}</span>`));
  if (site.template === 'trs') return `<div class="bread">您当前的位置：${links.join(' &gt; ')}</div>`;
  if (site.template === 'aspnet') return `<div class="location">当前位置：${links.join(' &gt;&gt; ')}</div>`;
  return `<div class="position">当前位置：${links.join(' &gt; ')}</div>`;
}

export function columnCrumbs(site: SiteModel, col: ColumnModel, self = false): Crumb[] {
  const section = SECTIONS.find((s) => s.key === col.section)!;
  const parent = col.parent ? site.columnByKey.get(col.parent) : undefined;
  return [
    { name: '首页', href: '/' },
    { name: section.name, href: section.path },
    ...(parent ? [{ name: parent.name, href: parent.path }] : []),
    { name: col.name, href: self ? undefined : col.path },
  ];
}

export function siteMetas(site: SiteModel): Record<string, string> {
  const hasEmpty = site.defects.some((d) => d.type === 'meta-sitecode-empty');
  return { SiteName: site.name, SiteDomain: site.host, SiteIDCode: hasEmpty ? '' : site.siteCode };
}

export function columnMetas(site: SiteModel, col: ColumnModel): Record<string, string> {
  return {
    ...siteMetas(site),
    ColumnName: col.name,
    ColumnDescription: `${site.name}${col.name}栏目`,
    ColumnKeywords: col.name,
    ColumnType: col.name,
  };
}

/** One list entry in the family's markup, with the column's date format. */
export function renderListItem(site: SiteModel, it: Item, staleAttr: boolean): string {
  const d = renderListDate(it.date, it.column.dateFormat);
  const title = d.tooltip ? ` title="${esc(d.tooltip)}"` : ` title="${esc(it.title)}"`;
  const alt = staleAttr ? ` alt="时间：2017-11-08 20:26"` : '';
  const date = d.visible ? `<span class="date"${alt}>${esc(d.visible)}</span>` : '';
  const a = `<a href="${it.path}"${title} target="_blank">${esc(it.title)}</a>`;
  if (site.template === 'trs') return `<li>${date}${a}</li>`;
  if (site.template === 'aspnet') return `<li><img src="/images/dot.gif" alt="">${a}${date}</li>`;
  return `<li>${a}${date}</li>`;
}

export function listFile(page: number): string {
  return page === 0 ? 'index.html' : `index_${page}.html`;
}

/** Pagination per family; TRS writes its links with createPageHTML() in JavaScript, as real TRS sites do. */
export function renderPagination(site: SiteModel, col: ColumnModel, page: number, total: number): string {
  if (total <= 1) return '';
  if (site.template === 'trs') {
    return `<div class="page"><script type="text/javascript">
var currentPage = ${page};var countPage = ${total};
function createPageHTML(_nPageCount, _nCurrIndex, _sPageName, _sPageExt){
 if(_nPageCount == null || _nPageCount<=1){ return; }
 var s = '';
 s += (_nCurrIndex>0) ? "<a href=\\""+(_nCurrIndex==1?_sPageName+"."+_sPageExt:_sPageName+"_"+(_nCurrIndex-1)+"."+_sPageExt)+"\\">上一页</a> " : "上一页 ";
 for(var i=0;i<_nPageCount;i++){ s += (i==_nCurrIndex) ? i+1+" " : "<a href=\\""+(i==0?_sPageName+"."+_sPageExt:_sPageName+"_"+i+"."+_sPageExt)+"\\">"+(i+1)+"</a> "; }
 s += (_nCurrIndex+1<_nPageCount) ? "<a href=\\""+_sPageName+"_"+(_nCurrIndex+1)+"."+_sPageExt+"\\">下一页</a>" : "下一页";
 document.write(s);
}
createPageHTML(${total}, ${page}, "index", "html");
</script></div>`;
  }
  const links: string[] = [];
  if (site.template === 'hanweb') {
    links.push(`共${col.count}条&nbsp;${page + 1}/${total}页`);
    links.push(page > 0 ? `<a href="${listFile(0)}">首页</a>` : '首页');
    links.push(page > 0 ? `<a href="${listFile(page - 1)}">上一页</a>` : '上一页');
    links.push(page + 1 < total ? `<a href="${listFile(page + 1)}">下一页</a>` : '下一页');
    links.push(page + 1 < total ? `<a href="${listFile(total - 1)}">尾页</a>` : '尾页');
  } else {
    for (let i = 0; i < total; i++) links.push(i === page ? `<b>${i + 1}</b>` : `<a href="${listFile(i)}">${i + 1}</a>`);
  }
  return `<div class="page">${links.join('&nbsp;')}</div>`;
}
