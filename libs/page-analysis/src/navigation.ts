// Breadcrumb trail (当前位置：首页 > 政府信息公开 > 通知公告) and the site's navigation columns.
import type { Element } from 'domhandler';
import { absolutise, attr, classId, inlineText, isElement, textOf, walk } from './dom';
import type { PageContext } from './context';
import { sameSite } from './scope';
import type { NavEntry } from './types';

const LABEL = /^\s*(您现在的位置|您当前的位置|您的位置|当前位置|所在位置|当前栏目|现在位置|位置)\s*[：:]?\s*/;
const TOOLS = /^(字号|打印|分享|收藏|关闭|默认|【|\[|繁體|简体)/;
const SEP = /\s*(?:>>|>|›|»|＞|→|\/|\s-\s|\|)\s*/;

export function breadcrumbOf(ctx: PageContext): string[] | null {
  if (!ctx.crumbEl) return null;
  const text = textOf(ctx.crumbEl, (el) => ctx.vis.of(el) !== null).replace(LABEL, '');
  const parts: string[] = [];
  for (const raw of text.split(/\n|\s+(?=字号|打印|分享)/)) {
    for (const piece of raw.split(SEP)) {
      const p = piece.replace(LABEL, '').trim();
      if (!p) continue;
      if (TOOLS.test(p) || p.length > 30) return parts.length ? parts : null;
      parts.push(p);
    }
  }
  return parts.length ? parts : null;
}

/** URLs of single items (articles), as opposed to column/list pages. */
export const ARTICLE_URL =
  /\/t\d{8}_\w+\.s?html?$|\/art\/\d{4}\/\d{1,2}\/\d{1,2}\/|content_\d+|showarticle|articleshow|show\.aspx|detail|\/info\/\d+\/\d+\.htm|\/\d{6}\/t?\d+[_\w]*\.s?html?$|\/\d{4}-\d{2}\/\d{2}\/|\/\d{8}\/\w+\.s?html?$|[?&](articleid|newsid|infoid|contentid)=|\/(19|20)\d{2}\/\d{4}\/[\w-]+\.s?html?$|\/(19|20)\d{2}\/\d{2}\/\d{2}\/|\.(docx?|xlsx?|pdf|wps|zip|rar)$/i;

const SKIP_TEXT = /^(首页|网站首页|返回首页|更多|more|更多>>|>>|»|登录|注册|english|简体|繁体|无障碍|设为首页|加入收藏|手机版|\d+)$/i;
const SUB_RE = /sub|child|second|erji|xiala|drop|sec-|two|level2|qh_con/;

function levelOf(el: Element, ctx: PageContext, root: Element | null): 1 | 2 {
  if (ctx.vis.of(el)) return 2; // dropdown sub-menus are hidden until hover
  let p = el.parent;
  let lists = 0;
  while (p && isElement(p) && p !== root) {
    if (p.name === 'ul' || p.name === 'ol') lists++;
    if (p.name === 'dd' && p.parent?.children.some((c) => isElement(c) && c.name === 'dt')) return 2;
    if (SUB_RE.test(classId(p))) return 2;
    p = p.parent;
  }
  return lists >= 2 ? 2 : 1;
}

/**
 * Navigation entries: links in nav regions (main menu, dropdowns) plus groups of ≥3 sibling links to
 * column pages of the site elsewhere in the body (section pages' column lists, 信息公开 directories).
 */
export function navigationOf(ctx: PageContext): NavEntry[] {
  const out: NavEntry[] = [];
  const seen = new Set<string>();
  const add = (text: string, url: string, level: 1 | 2) => {
    const t = text.replace(/\s+/g, '');
    if (!t || t.length > 16 || SKIP_TEXT.test(t)) return;
    const key = `${t}\u0000${url}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ text: t, url, level });
  };
  const groups = new Map<Element, { el: Element; text: string; url: string }[]>();
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name !== 'a') return true;
    const url = absolutise(attr(n, 'href'), ctx.url);
    if (!url) return false;
    let text = inlineText(n);
    if (!text) walk(n, (c) => (isElement(c) && c.name === 'img' && !text ? ((text = attr(c, 'alt') ?? ''), false) : true));
    const region = ctx.regionOf(n);
    if (region === 'nav') {
      add(text, url, levelOf(n, ctx, null));
      return false;
    }
    if (region !== 'body' || !sameSite(url, ctx.url) || ARTICLE_URL.test(url) || text.length > 12 || text.length < 2) return false;
    // group by the list/container holding the link's item
    let item: Element = n;
    while (item.parent && isElement(item.parent) && ['li', 'dd', 'dt', 'td', 'span', 'h3', 'h4', 'strong', 'b', 'p'].includes(item.parent.name)) item = item.parent;
    const container = item.parent && isElement(item.parent) ? item.parent : null;
    if (container) {
      const g = groups.get(container) ?? [];
      g.push({ el: n, text, url });
      groups.set(container, g);
    }
    return false;
  });
  for (const [container, g] of groups) {
    if (g.length < 3) continue;
    const sub = SUB_RE.test(classId(container));
    for (const x of g) add(x.text, x.url, sub ? 2 : levelOf(x.el, ctx, container) === 2 ? 2 : 1);
  }
  return out;
}
