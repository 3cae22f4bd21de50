// Routes one request to a simulated site and produces its bytes (in the site's charset).
import { ConsultationDesk } from '../consultation/desk';
import { attachmentFromPath, itemFromPath, pageCount } from '../model/items';
import type { SiteModel } from '../model/types';
import { attachmentText, errorPage, renderArticle, renderColumnList, renderHomepage, renderInstitution, renderLeaders, renderMessagePage, renderSearch, renderSection } from '../render/pages';
import { MIME, renderDocx, renderPdf, renderXlsx } from '../render/attachments';
import { charsetMeta, contentType, encodeText } from '../render/encode';
import { esc } from '../render/escape';
import { renderShell, siteMetas } from '../render/layout';
import { cloakedPage, redirectTarget, SEARCH_REFERER, SPIDER_UA } from '../render/spam';
import { SECTIONS } from '../model/catalogue';
import { ymdhm } from '../util/time';

export type Outcome =
  | { kind: 'response'; status: number; headers: Record<string, string>; body: Buffer; cacheable: boolean }
  | { kind: 'hang' }
  | { kind: 'reset' };

export interface SiteRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
  now: Date;
}

const GIF = Buffer.from('R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==', 'base64');
const HOME_PATHS = new Set(['/', '/index.html', '/index.htm', '/index.shtml']);

export class SiteHandler {
  readonly desk: ConsultationDesk;
  private readonly meta: string;
  private readonly ctype: string;

  constructor(readonly site: SiteModel) {
    this.desk = new ConsultationDesk(site);
    this.meta = charsetMeta(site.charset, site.charsetDeclaration);
    this.ctype = contentType(site.charset, site.charsetDeclaration);
  }

  private page(status: number, html: string, cacheable = true, extra: Record<string, string> = {}): Outcome {
    return { kind: 'response', status, headers: { 'content-type': this.ctype, ...extra }, body: encodeText(html, this.site.charset), cacheable };
  }

  private raw(status: number, type: string, body: Buffer | string, cacheable = true, extra: Record<string, string> = {}): Outcome {
    return { kind: 'response', status, headers: { 'content-type': type, ...extra }, body: typeof body === 'string' ? Buffer.from(body) : body, cacheable };
  }

  /** Answers that depend on request headers (cloaking, referrer redirect) must not come from the cache. */
  bypassCache(path: string): boolean {
    return HOME_PATHS.has(path) && this.site.defects.some((d) => d.type === 'cloaking' || d.type === 'referrer-redirect');
  }

  notFound(): Outcome {
    return this.raw(404, 'text/html; charset=utf-8', errorPage(404, this.site.name));
  }

  /** Requests whose answer depends on request headers or state are never cached. */
  async handle(r: SiteRequest): Promise<Outcome> {
    const s = this.site;
    const home = HOME_PATHS.has(r.path);
    if (home) {
      for (const d of s.defects) {
        if (d.type === 'homepage-status') return this.raw(d.status, 'text/html; charset=utf-8', errorPage(d.status, s.name), false);
        if (d.type === 'homepage-hang') return { kind: 'hang' };
      }
      const ua = String(r.headers['user-agent'] ?? '');
      const ref = String(r.headers.referer ?? '');
      if (s.defects.some((d) => d.type === 'referrer-redirect') && SEARCH_REFERER.test(ref)) {
        return this.raw(302, 'text/html; charset=utf-8', '', false, { location: redirectTarget(s) });
      }
      if (s.defects.some((d) => d.type === 'cloaking') && SPIDER_UA.test(ua)) {
        return this.raw(200, 'text/html; charset=utf-8', cloakedPage(s).html, false);
      }
      return this.page(200, renderHomepage(s, this.meta));
    }
    if (r.path.startsWith('/images/')) return this.raw(200, 'image/gif', GIF);
    if (r.path.startsWith('/css/')) return this.raw(200, 'text/css', 'body{font-family:"Microsoft YaHei",SimSun;}');
    if (r.path === '/robots.txt') return this.raw(200, 'text/plain', `User-agent: *\nDisallow: /cms/\nSitemap: http://${s.host}/sitemap.xml\n`);
    if (r.path === '/sitemap.xml') return this.raw(200, 'application/xml; charset=utf-8', this.sitemapXml());
    if (r.path === '/cms/servlet/ShowArticle') return this.raw(500, 'text/html; charset=utf-8', errorPage(500, s.name));
    if (r.path === '/gkml/search.jsp') return { kind: 'hang' };
    if (r.path === '/search/' || r.path === '/search/index.html') {
      const out = renderSearch(s, r.query.get('q') ?? '', this.meta);
      return this.page(out.status, out.html, false);
    }
    if (r.path.startsWith('/hdjl/zxzx/')) return this.consultation(r);
    if (r.path === '/wzdt/' || r.path === '/wzdt/index.html') return this.page(200, this.siteMap());
    if (['/lxwm/', '/sybz/'].includes(r.path)) return this.page(200, renderShell(s, this.meta, { title: s.name, metas: siteMetas(s), body: `<p>${esc(s.hostUnit)}</p>` }));
    const section = SECTIONS.find((x) => r.path === x.path || r.path === `${x.path}index.html`);
    if (section) return this.page(200, renderSection(s, section.key, this.meta)!);
    const listMatch = /^(.*\/)(index(?:_(\d+))?\.(?:html|shtml))?$/.exec(r.path);
    if (listMatch) {
      const col = s.columnByPath.get(listMatch[1]);
      if (col) {
        if (col.single) return this.page(200, col.class === 'institution' ? renderInstitution(s, col, this.meta) : renderLeaders(s, col, this.meta));
        const pageNo = listMatch[3] ? Number(listMatch[3]) : 0;
        if (listMatch[3] === '0' || pageNo >= pageCount(col)) return this.notFound();
        const dynamic = col.class === 'message-public' && pageNo === 0 && this.desk.submissions.length > 0;
        const top = dynamic ? this.publishedConsultations(r.now) : '';
        const html = renderColumnList(s, col, pageNo, this.meta, top);
        return html ? this.page(200, html, !dynamic) : this.notFound();
      }
    }
    const item = itemFromPath(s, r.path);
    if (item) {
      const html = item.column.class === 'message-public' ? renderMessagePage(s, item, this.meta) : renderArticle(s, item, this.meta);
      return this.page(200, html, true, { 'last-modified': item.date.toUTCString() });
    }
    const att = attachmentFromPath(s, r.path);
    if (att) {
      const lines = attachmentText(s, att.item);
      const ext = att.attachment.ext;
      const body = ext === 'pdf' ? renderPdf(lines) : ext === 'docx' ? await renderDocx(lines, att.item.date) : await renderXlsx(lines, att.item.date);
      return this.raw(200, MIME[ext], body, true, { 'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(att.attachment.name)}` });
    }
    return this.notFound();
  }

  /** sitemap.xml (sitemaps.org 0.9): the homepage, the section pages and every column's first list page. */
  private sitemapXml(): string {
    const s = this.site;
    const paths = ['/', ...SECTIONS.map((x) => x.path), ...s.columns.map((c) => c.path)];
    const urls = [...new Set(paths)].map((p) => `<url><loc>http://${s.host}${p}</loc></url>`).join('');
    return `<?xml version="1.0" encoding="UTF-8"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${urls}</urlset>`;
  }

  private siteMap(): string {
    const s = this.site;
    const list = SECTIONS.map((x) => `<h3><a href="${x.path}">${x.name}</a></h3><ul>${s.columns.filter((c) => c.section === x.key).map((c) => `<li><a href="${c.path}">${esc(c.name)}</a></li>`).join('')}</ul>`).join('\n');
    return renderShell(s, this.meta, { title: `网站地图_${s.name}`, metas: siteMetas(s), crumbs: [{ name: '首页', href: '/' }, { name: '网站地图' }], body: list });
  }

  private publishedConsultations(now: Date): string {
    const rows = this.desk
      .published(now)
      .map((x) => `<tr class="zx"><td><a href="/hdjl/zxzx/detail?code=${x.code}">${esc(x.title)}</a></td><td>${esc(x.name.slice(0, 1))}**</td><td>${ymdhm(x.postedAt)}</td><td>${ymdhm(x.answerAt!)}</td></tr>`);
    return rows.length ? `<table class="ly-list zx-list"><tr><th>咨询标题</th><th>留言人</th><th>留言时间</th><th>答复时间</th></tr>${rows.join('')}</table>` : '';
  }

  private consultation(r: SiteRequest): Outcome {
    const s = this.site;
    const cfg = s.consultation;
    const shell = (body: string) => renderShell(s, this.meta, { title: `我要咨询_${s.name}`, metas: siteMetas(s), crumbs: [{ name: '首页', href: '/' }, { name: '公众互动', href: '/hdjl/' }, { name: '我要咨询' }], body });
    if (r.path === '/hdjl/zxzx/' || r.path === '/hdjl/zxzx/index.html') {
      const rules = [cfg.minLength ? `留言内容不少于${cfg.minLength}字` : '', cfg.onePerDay ? '每人每天限提交一条' : '', cfg.openHours ? `受理时间${cfg.openHours[0]}-${cfg.openHours[1]}` : ''].filter(Boolean);
      return this.page(200, shell(`<form method="post" action="/hdjl/zxzx/submit" id="zxForm"><p>${rules.join('；')}</p>
<p>姓名：<input name="name"></p><p>联系电话：<input name="phone"></p><p>标题：<input name="title"></p><p>内容：<textarea name="content"></textarea></p><p><button type="submit">提交</button></p></form>${cfg.lookup ? '<p><a href="/hdjl/zxzx/query">留言查询</a></p>' : ''}`));
    }
    if (r.path === '/hdjl/zxzx/submit' && r.method === 'POST') {
      const form = new URLSearchParams(r.body);
      const out = this.desk.submit(Object.fromEntries(form), r.now);
      if (!out.ok) return this.page(200, shell(`<p class="error" data-reason="${out.reason}">${esc(out.message)}</p>`), false);
      return this.page(200, shell(`<p class="success">提交成功！${out.code ? `您的查询码为：<b id="queryCode">${out.code}</b>` : '我们将尽快办理。'}</p>`), false);
    }
    if ((r.path === '/hdjl/zxzx/query' || r.path === '/hdjl/zxzx/detail') && (cfg.lookup || r.path === '/hdjl/zxzx/detail')) {
      const code = r.query.get('code');
      const x = code ? this.desk.find(code) : undefined;
      const published = x && x.answerAt && x.answerAt.getTime() <= r.now.getTime();
      if (r.path === '/hdjl/zxzx/detail' && !published) return this.notFound();
      const body = !code
        ? `<form action="/hdjl/zxzx/query"><input name="code"><button>查询</button></form>`
        : !x
          ? '<p>未查询到该留言</p>'
          : `<table class="ly-detail"><tr><th>标题</th><td>${esc(x.title)}</td></tr><tr><th>留言时间</th><td>${ymdhm(x.postedAt)}</td></tr>${published ? `<tr><th>答复时间</th><td>${ymdhm(x.answerAt!)}</td></tr><tr><th>答复内容</th><td class="reply">${esc(x.reply)}</td></tr>` : '<tr><th>办理状态</th><td>办理中</td></tr>'}</table>`;
      return this.page(200, shell(body), false);
    }
    return this.notFound();
  }
}
