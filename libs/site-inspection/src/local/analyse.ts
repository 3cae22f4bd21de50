// LOCAL page analysis (the minimum this library needs until @govinspect/page-analysis publishes analysePage):
// breadcrumb, 47号 meta tags, list blocks with dates, pagination, article parts, footer labels, links with their
// page region and hidden-style technique, forms. One cheerio parse per page.
import * as cheerio from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { parseDateText } from './dates';

export interface ListItem {
  title: string;
  url: string;
  date: string | null;
  dateTime: string | null;
  dateText: string | null;
  pinned: boolean;
  /** Remaining cells of a table row (留言公开: 留言人, 留言时间, 答复时间). */
  cells: string[];
}

export interface PageList {
  heading: string | null;
  moreUrl: string | null;
  container: 'static' | 'empty' | 'script-filled';
  /** Items read from an inline data array of a script-filled list (what a browser shows). */
  inlineData: boolean;
  items: ListItem[];
  kind: 'ul' | 'table';
}

export interface PageLink {
  url: string;
  text: string;
  region: 'nav' | 'breadcrumb' | 'body' | 'footer' | 'script';
  hidden: boolean;
  technique: string | null;
  tag: 'a' | 'iframe' | 'script';
}

export interface FooterLabels {
  conac: boolean;
  siteCode: { value: string; valid: boolean; text: string } | null;
  icp: { text: string; valid: boolean } | null;
  psb: { text: string; valid: boolean } | null;
  hostUnit: string | null;
  errorReport: boolean;
  metaSiteCode: string | null;
}

export interface ArticleInfo {
  title: string;
  publishedAt: string | null;
  publishedText: string | null;
  bodyText: string;
  paragraphs: string[];
  attachments: { url: string; text: string }[];
  relatedLinks: { url: string; text: string }[];
}

export interface FormInfo {
  action: string;
  method: string;
  inputs: string[];
}

export interface PageAnalysis {
  url: string;
  title: string;
  meta: Record<string, string>;
  breadcrumb: string[];
  lists: PageList[];
  pagination: string[];
  article: ArticleInfo | null;
  footer: FooterLabels;
  links: PageLink[];
  forms: FormInfo[];
  text: string;
  /** Paragraph-level text blocks of the visible body (for lexicon and spam scans). */
  blocks: { text: string; hidden: boolean }[];
}

function safeUnescape(s: string): string {
  try {
    return s.replace(/%([0-9A-F]{2})/gi, (_, h) => String.fromCharCode(parseInt(h, 16)));
  } catch {
    return s;
  }
}

const clean = (s: string) => s.replace(/\s+/g, ' ').trim();
const ATTACH = /\.(docx?|xlsx?|pdf|wps|et|zip|rar)(\?|$)/i;

function resolve(href: string | undefined, base: string): string | null {
  if (!href) return null;
  const h = href.trim();
  if (!h || /^(javascript:|mailto:|tel:|#)/i.test(h)) return null;
  try {
    const u = new URL(h, base);
    if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
    u.hash = '';
    return u.toString();
  } catch {
    return null;
  }
}

/** Simple `.class` / `#id` rules of the page's own <style> blocks (暗链 often hide behind a class). */
export type CssRules = Map<string, string>;

function cssRulesOf(html: string): CssRules {
  const rules: CssRules = new Map();
  for (const block of html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/gi)) {
    for (const r of block[1].replace(/\/\*[\s\S]*?\*\//g, '').matchAll(/([^{}]+)\{([^}]*)\}/g)) {
      for (const sel of r[1].split(',').map((x) => x.trim())) if (/^[.#][\w-]+$/.test(sel)) rules.set(sel, `${rules.get(sel) ?? ''};${r[2]}`);
    }
  }
  return rules;
}

function styleOf(el: Element, css?: CssRules): Record<string, string> {
  const out: Record<string, string> = {};
  let text = el.attribs?.style ?? '';
  if (css?.size && el.attribs) {
    const fromSheet = [...(el.attribs.class ?? '').split(/\s+/).filter(Boolean).map((c) => css.get(`.${c}`)), el.attribs.id ? css.get(`#${el.attribs.id}`) : undefined].filter(Boolean).join(';');
    text = `${fromSheet};${text}`;
  }
  for (const decl of text.split(';')) {
    const i = decl.indexOf(':');
    if (i > 0) out[decl.slice(0, i).trim().toLowerCase()] = decl.slice(i + 1).replace(/!important/i, '').trim().toLowerCase();
  }
  return out;
}

const px = (v: string | undefined) => (v ? parseFloat(v) : NaN);

/** Inline-style hiding techniques seen in 暗链 (stylesheets are not evaluated; a renderer covers those). */
export function hidingTechnique(el: Element, css?: CssRules): string | null {
  const s = styleOf(el, css);
  if (s.opacity !== undefined && px(s.opacity) === 0) return 'opacity-zero';
  if (s.display === 'none') return 'display-none';
  if (s.visibility === 'hidden') return 'visibility-hidden';
  if ((s.position === 'absolute' || s.position === 'fixed') && (px(s.left) <= -500 || px(s.top) <= -500)) return 'offscreen';
  if (px(s['text-indent']) <= -500) return 'text-indent';
  if (s['font-size'] !== undefined && px(s['font-size']) <= 1) return 'tiny-font';
  const bg = s['background-color'] ?? s.background;
  if (s.color && bg && s.color.replace(/\s/g, '') === bg.replace(/\s/g, '')) return 'same-color';
  if (el.name === 'iframe' && (el.attribs.width === '0' || el.attribs.height === '0')) return 'hidden-iframe';
  return null;
}

function techniqueOf(el: Element, css?: CssRules): string | null {
  for (let n: AnyNode | null = el; n && (n as Element).name !== 'body'; n = n.parent) {
    if ((n as Element).type !== 'tag' && (n as Element).type !== 'script') continue;
    const t = hidingTechnique(n as Element, css);
    if (t) return t;
  }
  return null;
}

/** Page region of an element from its ancestors' tag, class and id (a plain walk: selector matching per link is slow). */
function regionOf(_$: cheerio.CheerioAPI, el: Element): PageLink['region'] {
  for (let n: AnyNode | null = el.parent; n && (n as Element).name !== 'body'; n = n.parent) {
    const e = n as Element;
    if (e.type !== 'tag') continue;
    const c = ` ${e.attribs.class ?? ''} ${e.attribs.id ?? ''} `.toLowerCase();
    if (e.name === 'nav' || e.name === 'header' || / (nav|header)\b/.test(c)) return 'nav';
    if (/ (position|bread|location|crumb|breadcrumb) /.test(c)) return 'breadcrumb';
    if (e.name === 'footer' || /footer| (bottom|foot) /.test(c)) return 'footer';
  }
  return 'body';
}

const CRUMB_LEAD = /^(当前位置|您当前的位置|您的位置|当前的位置|所在位置)\s*[：:]?/;

function breadcrumbOf($: cheerio.CheerioAPI): string[] {
  // the element whose own leading text node is 当前位置 / 您当前的位置 …; walking text nodes once keeps this linear
  let found: string[] = [];
  const visit = (n: AnyNode) => {
    if (n.type === 'text') {
      const t = (n as unknown as { data: string }).data.trim();
      if (t && CRUMB_LEAD.test(t) && n.parent && !found.length) {
        const el = n.parent as Element;
        const parts = $(el).find('a, span').toArray().map((x) => clean($(x).text())).filter(Boolean);
        found = parts.length ? parts : clean($(el).text()).replace(CRUMB_LEAD, '').split(/\s*(?:>>|>|»|→)\s*/).filter(Boolean);
      }
      return;
    }
    const kids = (n as Element).children;
    if (kids && (n as Element).name !== 'script' && (n as Element).name !== 'style') for (const k of kids) visit(k);
  };
  const body = $('body')[0];
  if (body) visit(body);
  return found;
}

function itemOf($: cheerio.CheerioAPI, el: Element, base: string, asOf: string, table: boolean): ListItem | null {
  const a = $(el).find('a[href]').first();
  const url = resolve(a.attr('href'), base);
  if (!url) return null;
  const title = clean(a.text()) || clean(a.attr('title') ?? '');
  if (!title) return null;
  const cells = table ? $(el).children('td').toArray().map((td) => clean($(td).text())) : [];
  const rest = table ? cells.slice(1).join(' ') : clean($(el).clone().find('a').remove().end().text());
  let d = rest ? parseDateText(rest, asOf) : null;
  if (!d) {
    const tip = a.attr('title') ?? '';
    if (/\d/.test(tip)) d = parseDateText(tip, asOf);
  }
  const pinned = /^【?置顶】?/.test(title) || $(el).find('.top, .zd, img[alt*="置顶"]').length > 0;
  return { title, url, date: d?.date ?? null, dateTime: d?.dateTime ?? null, dateText: d?.text ?? null, pinned, cells };
}

/** Items of a script-filled list from an inline JSON array in a script next to it (what the browser renders). */
function inlineItems(script: string, base: string, asOf: string): ListItem[] {
  const m = /=\s*(\[\s*\{[\s\S]*?\}\s*\])\s*;/.exec(script);
  if (!m) return [];
  let data: unknown;
  try {
    data = JSON.parse(m[1]);
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  const out: ListItem[] = [];
  for (const row of data) {
    if (!row || typeof row !== 'object') continue;
    const vals = Object.values(row as Record<string, unknown>).filter((v): v is string => typeof v === 'string');
    const urlV = vals.find((v) => /^(\/|https?:\/\/)/.test(v));
    const dateV = vals.map((v) => ({ v, d: parseDateText(v, asOf) })).find((x) => x.d && x.v.length <= 25);
    const titleV = vals.filter((v) => v !== urlV && v !== dateV?.v).sort((a, b) => b.length - a.length)[0];
    const url = resolve(urlV, base);
    if (!url || !titleV) continue;
    out.push({ title: titleV, url, date: dateV?.d?.date ?? null, dateTime: dateV?.d?.dateTime ?? null, dateText: dateV?.v ?? null, pinned: /^【?置顶/.test(titleV), cells: [] });
  }
  return out;
}

function headingOf($: cheerio.CheerioAPI, el: Element): { heading: string | null; more: string | null } {
  const box = $(el).closest('.box, .column, .panel, .mod, [class*="box"]');
  const scope = box.length ? box : $(el).parent();
  const h = scope.find('h2, h3, h4, .title, .box-title').first();
  const more = scope.find('a').filter((_, a) => /更多|more/i.test($(a).text()) || /\bmore\b/.test($(a).attr('class') ?? '')).first();
  return { heading: h.length ? clean(h.text()).replace(/更多.*$/, '').trim() || null : null, more: more.attr('href') ?? null };
}

function listsOf($: cheerio.CheerioAPI, base: string, asOf: string): PageList[] {
  const out: PageList[] = [];
  $('body ul, body ol, body table').each((_, el) => {
    const $el = $(el);
    const region = regionOf($, el);
    if (region === 'nav' || region === 'footer') return;
    const table = el.name === 'table';
    const rows = table ? $el.find('tr').toArray() : $el.children('li').toArray();
    const items = rows.map((r) => itemOf($, r, base, asOf, table)).filter((x): x is ListItem => !!x);
    const { heading, more } = headingOf($, el);
    if (items.length) {
      out.push({ heading, moreUrl: resolve(more ?? undefined, base), container: 'static', inlineData: false, items, kind: table ? 'table' : 'ul' });
      return;
    }
    if (table || !/list/i.test(`${$el.attr('class') ?? ''} ${$el.attr('id') ?? ''}`)) return;
    // an empty list: filled by a script (inline data or remote), or really empty
    const id = $el.attr('id');
    const scripts = $el.parent().find('script').toArray().map((s) => $(s).html() ?? '');
    const filler = scripts.find((s) => (id && s.includes(id)) || /appendChild|innerHTML|document\.write/.test(s));
    if (filler !== undefined) {
      const data = inlineItems(filler, base, asOf);
      out.push({ heading, moreUrl: resolve(more ?? undefined, base), container: 'script-filled', inlineData: data.length > 0, items: data, kind: 'ul' });
    } else out.push({ heading, moreUrl: resolve(more ?? undefined, base), container: 'empty', inlineData: false, items: [], kind: 'ul' });
  });
  return out;
}

function paginationOf($: cheerio.CheerioAPI, base: string, html: string): string[] {
  const out = new Set<string>();
  $('a[href]').each((_, a) => {
    const href = $(a).attr('href') ?? '';
    if (/(^|\/)index_\d+\.s?html?$/.test(href) || /[?&](page|pageNo|pageIndex)=\d+/.test(href)) {
      const u = resolve(href, base);
      if (u) out.add(u);
    }
  });
  // TRS WCM writes its page links with createPageHTML(count, current, "index", "html") only
  for (const m of html.matchAll(/createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["'](\w+)["']\s*,\s*["'](\w+)["']\s*\)/g)) {
    const [count, name, ext] = [Number(m[1]), m[3], m[4]];
    for (let i = 1; i < Math.min(count, 200); i++) out.add(new URL(`${name}_${i}.${ext}`, base).toString());
  }
  return [...out];
}

const ICP_VALID = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]ICP备\d{6,}号(-\d+)?/;
const PSB_VALID = /[京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼]公网安备\s*\d{14}号/;
export const SITE_CODE_VALID = /^(\d{10}|bm\d{8})$/i;

function footerOf($: cheerio.CheerioAPI, meta: Record<string, string>, raw: string): FooterLabels {
  // labels are looked for in the footer blocks first, then in the whole page (footers are often unmarked tables)
  const $foot = $('.footer, .bottom, .foot, #footer, footer, [class*="footer"], [id*="footer"], [class*="bottom"]');
  const footText = clean($foot.text());
  const $f = /标识码|ICP|公网安备|主办/.test(footText) ? $foot : $('body');
  const text = clean($f.text());
  const html = $f.toArray().map((e) => $.html(e)).join('');
  const sc = /(?:政府)?网站标识码\s*[：:]?\s*((?:bm|BM)?\d+)/.exec(text);
  const icpA = $f.find('a').toArray().map((a) => clean($(a).text())).find((t) => /ICP/i.test(t));
  const icpText = icpA ?? /[\u4e00-\u9fa5]?ICP备[\w-]*号?(-\d+)?/.exec(text)?.[0];
  const psbA = $f.find('a').toArray().map((a) => clean($(a).text())).find((t) => /公网安备/.test(t));
  const psbText = psbA ?? /[\u4e00-\u9fa5]?公网安备[\s\d]*号?/.exec(text)?.[0];
  const host = /主办(?:单位)?\s*[：:]\s*([\u4e00-\u9fa5（）()]+)/.exec(text);
  return {
    // the badge is often written by a conac.cn script (document.write(unescape(...))): the raw page counts too
    conac: /conac\.cn/i.test(html) || $f.find('img[alt*="党政机关"], #_ideConac').length > 0 || /conac\.cn|_ideConac/i.test(raw.includes('%') ? safeUnescape(raw) : raw),
    siteCode: sc ? { value: sc[1], valid: SITE_CODE_VALID.test(sc[1]), text: sc[0].trim() } : null,
    icp: icpText ? { text: icpText, valid: ICP_VALID.test(icpText) } : null,
    psb: psbText ? { text: psbText.trim(), valid: PSB_VALID.test(psbText) } : null,
    hostUnit: host ? host[1].replace(/承办单位$/, '') : null,
    errorReport: /我为政府网站找错/.test(text) || /zfwzzc\.www\.gov\.cn/.test(html),
    metaSiteCode: meta.SiteIDCode ?? null,
  };
}

function articleOf($: cheerio.CheerioAPI, meta: Record<string, string>, base: string, asOf: string): ArticleInfo | null {
  const $body = $('#zoom, .content, .article-content, .TRS_Editor, .article').first();
  const h1 = clean($('h1').first().text());
  const title = meta.ArticleTitle || h1;
  if (!title || (!meta.ArticleTitle && !$body.length)) return null;
  const info = clean($('.info, .time, .pubtime, .article-info').first().text());
  const pub = meta.PubDate ? parseDateText(meta.PubDate, asOf) : parseDateText(info, asOf);
  const $content = $body.length ? $body : $('body');
  const paragraphs = $content.find('p, td').toArray().map((p) => clean($(p).text())).filter(Boolean);
  const links = $('a[href]').toArray().map((a) => ({ url: resolve($(a).attr('href'), base), text: clean($(a).text()) })).filter((l): l is { url: string; text: string } => !!l.url);
  const related = $content.find('a[href]').toArray().map((a) => ({ url: resolve($(a).attr('href'), base), text: clean($(a).text()) })).filter((l): l is { url: string; text: string } => !!l.url && !ATTACH.test(l.url));
  return {
    title,
    publishedAt: pub?.dateTime ?? pub?.date ?? null,
    publishedText: pub?.text ?? null,
    bodyText: clean($content.text()),
    paragraphs,
    attachments: links.filter((l) => ATTACH.test(l.url)),
    relatedLinks: related,
  };
}

/** Links written by document.write in inline scripts (a favourite 暗链 hiding place). */
function scriptLinks($: cheerio.CheerioAPI, base: string): PageLink[] {
  const out: PageLink[] = [];
  $('script').each((_, s) => {
    const code = ($(s).html() ?? '').replace(/\\"/g, '"').replace(/\\'/g, "'");
    if (!/document\.write/.test(code)) return;
    const hidden = /position\s*:\s*absolute[^"']*(top|left)\s*:\s*-\d{3,}|display\s*:\s*none|visibility\s*:\s*hidden/.test(code);
    for (const m of code.matchAll(/<a[^>]+href=["']([^"']+)["'][^>]*>([^<]*)</g)) {
      const url = resolve(m[1], base);
      if (url) out.push({ url, text: m[2], region: 'script', hidden, technique: hidden ? 'js-write' : null, tag: 'script' });
    }
  });
  return out;
}

/** `blocks: false` skips the text-block sweep (only the homepage needs it: spam keyword blocks). */
export function analysePage(html: string, url: string, opts: { asOf: string; blocks?: boolean }): PageAnalysis {
  const $ = cheerio.load(html);
  const meta: Record<string, string> = {};
  $('meta[name]').each((_, m) => {
    const name = $(m).attr('name')!;
    meta[name] = $(m).attr('content') ?? '';
  });
  const css = cssRulesOf(html);
  const links: PageLink[] = [];
  $('a[href]').each((_, a) => {
    const u = resolve($(a).attr('href'), url);
    if (!u) return;
    const technique = techniqueOf(a, css);
    links.push({ url: u, text: clean($(a).text()), region: regionOf($, a), hidden: !!technique, technique, tag: 'a' });
  });
  $('iframe[src]').each((_, f) => {
    const u = resolve($(f).attr('src'), url);
    const technique = techniqueOf(f, css) ?? (f.attribs.width === '0' || f.attribs.height === '0' ? 'hidden-iframe' : null);
    if (u) links.push({ url: u, text: '', region: regionOf($, f), hidden: !!technique, technique: technique ? 'hidden-iframe' : null, tag: 'iframe' });
  });
  links.push(...scriptLinks($, url));
  const forms: FormInfo[] = $('form').toArray().map((f) => ({
    action: resolve($(f).attr('action') ?? url, url) ?? url,
    method: ($(f).attr('method') ?? 'get').toLowerCase(),
    inputs: $(f).find('input[name], textarea[name], select[name]').toArray().map((i) => $(i).attr('name')!),
  }));
  // parts that read scripts (inline list data, TRS pagination) come first; the text parts are read without them
  const lists = listsOf($, url, opts.asOf);
  const pagination = paginationOf($, url, html);
  const title = clean($('title').first().text());
  $('script, style, noscript').remove();
  const blocks: { text: string; hidden: boolean }[] = [];
  if (opts.blocks !== false) $('body div, body p, body td, body li, body span').each((_, el) => {
    if ($(el).children('div, p, ul, table').length) return;
    const t = clean($(el).text());
    if (t) blocks.push({ text: t, hidden: !!techniqueOf(el, css) });
  });
  return {
    url,
    title,
    meta,
    breadcrumb: breadcrumbOf($),
    lists,
    pagination,
    article: articleOf($, meta, url, opts.asOf),
    footer: footerOf($, meta, html),
    links,
    forms,
    text: clean($('body').text()),
    blocks,
  };
}
