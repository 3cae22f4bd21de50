// Lists of items (column lists, homepage blocks): title, URL, date (visible, glued to the title, or only in
// the title= tooltip), pinned items; empty and script-filled containers (blank columns vs JS lists).
import type { AnyNode, Element } from 'domhandler';
import { absolutise, attr, boundedText, classId, inlineText, isElement, textOf, walk } from './dom';
import type { PageContext } from './context';
import { findDates, findLabelledDates, type DateContext } from './dates';
import { ARTICLE_URL } from './navigation';
import { scriptArrays, scriptTargets } from './scripts';
import type { ListBlock, ListItem } from './types';

const ITEM_TAGS = new Set(['li', 'tr', 'dd', 'dt', 'p']);
const CONTAINER_TAGS = new Set(['ul', 'ol', 'table', 'tbody', 'dl', 'div', 'td', 'section']);
const MORE = /^(更多|more|更多>>|更多»|更多\s*>+|>>|»|查看更多|more\s*>+|\+)$/i;
const NO_DATA = /^(暂无|没有)(相关)?(信息|数据|内容|记录|文章|留言)/;
const PIN_CLASS = /(^|[\s_-])(zhiding|zd|pinned|sticky|istop|top|settop)($|[\s_-])/;
const PIN_IMG = /zhiding|settop|icon_top|top\.(gif|png|jpg)|ding\.(gif|png)/i;
const TEMPLATE_MARK = /\{%|%\}|<\$\[|\$\{|\{\{|<a\s+href|<li/i;
const HEADING_TAGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
const HEADING_CLASS = /tit|title|hd|head|\bbt\b|bt_|_bt|caption|lanmu|name/;

/** Gap after which a leading item older than the rest counts as pinned (perception, not a rule window). */
const PIN_GAP_DAYS = 60;

function tooltipTitle(a: Element): string | null {
  const t = attr(a, 'title');
  if (!t) return null;
  const m = /文章标题[：:]\s*([^\n\r]+)/.exec(t);
  return (m ? m[1] : t.split(/[\n\r]/)[0]).trim() || null;
}

function linkCount(el: Element): number {
  let n = 0;
  walk(el, (x) => (isElement(x) && x.name === 'a' && attr(x, 'href') ? (n++, false) : true));
  return n;
}

function itemOf(a: Element, stop: Element | null): Element {
  let el: Element = a;
  for (let p = a.parent; p && isElement(p) && p !== stop; p = p.parent) {
    if (ITEM_TAGS.has(p.name)) return p;
    // a table row whose cell holds just this link is one item (留言公开: 标题 | 留言人 | 留言时间 | 答复时间);
    // cells of a layout table hold many links and stay containers
    if ((p.name === 'td' || p.name === 'th') && p.parent && isElement(p.parent) && p.parent.name === 'tr' && linkCount(p) === 1) return p.parent;
    if (CONTAINER_TAGS.has(p.name)) break;
    el = p;
  }
  return el;
}

function dayDiff(a: string, b: string): number {
  return (Date.parse(a) - Date.parse(b)) / 86400000;
}

interface Draft {
  container: Element;
  items: { a: Element; item: Element }[];
}

/** Heading and 更多 link of a list container: nearest title element / tab before it, within 3 levels. */
function headingOf(ctx: PageContext, container: Element): { heading: string | null; moreUrl: string | null } {
  let heading: string | null = null;
  let moreUrl: string | null = null;
  // tabs: container is the k-th of several sibling lists, preceded by a tab bar with ≥ as many entries
  const parent = container.parent && isElement(container.parent) ? container.parent : null;
  let node: Element = container;
  for (let level = 0; level < 4 && node && (!heading || !moreUrl); level++) {
    const sibs = node.parent && isElement(node.parent) ? node.parent.children.filter(isElement) : [];
    const idx = sibs.indexOf(node);
    for (let i = idx - 1; i >= 0 && i >= idx - 3; i--) {
      const s = sibs[i];
      if (s.name === 'script' || s.name === 'style') continue;
      const t = inlineText(s);
      if (!moreUrl) {
        walk(s, (n) => {
          if (moreUrl || !isElement(n)) return !moreUrl;
          if (n.name === 'a' && MORE.test(inlineText(n).replace(/\s+/g, ''))) moreUrl = absolutise(attr(n, 'href'), ctx.url);
          return true;
        });
      }
      if (!heading) heading = headingText(s) ?? (t && t.length <= 16 && !/[>»]{2}$/.test(t) ? t : null);
      if (heading) break;
    }
    if (heading && moreUrl) break;
    if (!node.parent || !isElement(node.parent)) break;
    node = node.parent;
  }
  if (parent && !heading) {
    // a comment naming the block: <!--建言献策列表-->
    for (const c of [...container.children, ...(parent.children ?? [])]) {
      if (c.type === 'comment') {
        const m = /^\s*([\u4e00-\u9fa5]{2,10}?)(列表|栏目|信息)?\s*$/.exec((c as unknown as { data: string }).data);
        if (m && !/首页标签|文章列表|图片列表/.test(m[0])) {
          heading = m[1];
          break;
        }
      }
    }
  }
  return { heading: heading ? cleanHeading(heading) : null, moreUrl };
}

function cleanHeading(h: string): string | null {
  return h.replace(/\s*(更多|more)\s*[>»]*\s*$/i, '').replace(/^[>»\s]+|[>»\s]+$/g, '').trim() || null;
}

/** A comment naming the block inside it: <!--建言献策列表--> (CMS templates label their tags). */
function commentHeading(el: Element): string | null {
  let found: string | null = null;
  walk(el, (x) => {
    if (found) return false;
    if (x.type === 'comment') {
      const m = /^\s*([\u4e00-\u9fa5]{2,10}?)(列表|栏目)\s*$/.exec((x as unknown as { data: string }).data);
      if (m && !/^(文章|图片|首页标签)/.test(m[1])) found = m[1];
    }
    return true;
  });
  return found;
}

function headingText(el: Element): string | null {
  let found: string | null = null;
  walk(el, (n) => {
    if (found || !isElement(n)) return !found;
    if (HEADING_TAGS.has(n.name) || (n !== el && HEADING_CLASS.test(classId(n)) && n.name !== 'a')) {
      const t = inlineText(n).replace(/\s*(更多|more)\s*[>»]*\s*$/i, '').trim();
      if (t && t.length <= 16) found = t;
      return false;
    }
    return true;
  });
  if (!found && HEADING_TAGS.has(el.name)) found = inlineText(el) || null;
  return found;
}

/**
 * Tab scripts pair a pane with its tab by id: pane `one_con1` / `con_one_1` ↔ tab `one1` (setTab('one',1,n),
 * the common 选项卡 script). The tab's label names the pane.
 */
function tabByPaneId(ctx: PageContext, container: Element): { heading: string | null; moreUrl: string | null } | null {
  const id = attr(container, 'id') ?? '';
  const m = /^([a-z][\w-]*?)_?con_?(\d+)$/i.exec(id) ?? /^con_([a-z][\w-]*?)_(\d+)$/i.exec(id);
  if (!m) return null;
  const tab = ctx.$(`[id="${m[1]}${m[2]}"]`).get(0) as Element | undefined;
  const t = tab ? inlineText(tab).trim() : '';
  return t && t.length <= 16 ? { heading: t, moreUrl: null } : null;
}

function tabHeading(ctx: PageContext, container: Element): { heading: string | null; moreUrl: string | null } | null {
  const byId = tabByPaneId(ctx, container);
  if (byId) return byId;
  const holder = container.parent && isElement(container.parent) ? container.parent : null;
  if (!holder) return null;
  const lists = holder.children.filter((c): c is Element => isElement(c) && c.name === container.name);
  if (lists.length < 2) return null;
  const k = lists.indexOf(container);
  const bar = holder.parent && isElement(holder.parent) ? holder.parent.children.filter(isElement).find((s) => s !== holder && /tab|dh|nav/.test(classId(s)) && s.children.some(isElement)) : undefined;
  if (!bar) return null;
  const tabs = bar.children.filter((c): c is Element => isElement(c) && (c.name === 'li' || c.name === 'a' || c.name === 'span'));
  if (tabs.length < 2 || !tabs[k]) return null;
  let url: string | null = null;
  walk(tabs[k], (n) => (isElement(n) && n.name === 'a' && !url ? ((url = absolutise(attr(n, 'href'), ctx.url)), false) : true));
  const t = inlineText(tabs[k]);
  return t ? { heading: t, moreUrl: url } : null;
}

/** Items whose year was inferred (month-day dates), for the descending-order correction below. */
const MONTH_DAY = new WeakSet<ListItem>();

function readItem(ctx: PageContext, a: Element, item: Element, dctx: DateContext): ListItem | null {
  const url = absolutise(attr(a, 'href'), ctx.url);
  if (!url) return null;
  const hidden = (el: Element) => ctx.vis.of(el) !== null && ctx.vis.of(el) !== ctx.vis.of(item);
  let title = inlineText(a);
  const tip = tooltipTitle(a);
  // date outside the link text (the span next to it), then glued to the title, then in the tooltip
  const itemText = item === a ? '' : textOf(item, (el) => el === a || hidden(el)).replace(/\n/g, ' ');
  let found = findDates(itemText, dctx)[0] ?? null;
  let dateText = found ? labelled(itemText, found) : null;
  if (!found) {
    const glued = findDates(title, dctx).find((d) => d.index > 0 && d.index + d.text.length >= title.replace(/[\]\)）】]\s*$/, '').length - 1);
    if (glued) {
      found = glued;
      dateText = glued.text;
      title = title.slice(0, glued.index).replace(/[\s\[(（【]+$/, '').trim();
    }
  }
  if (!found && attr(a, 'title')) {
    const t = attr(a, 'title')!;
    const lab = findLabelledDates(t, dctx)[0];
    const any = lab ?? findDates(t, dctx, { monthDay: false })[0];
    // a bare title tooltip that merely repeats a date inside the headline is not an item date
    if (lab || (any && !title.includes(any.text))) {
      found = any ?? null;
      dateText = found ? (lab ? lab.text : found.text) : null;
    }
  }
  if (tip && /[…]|\.\.\.$/.test(title) && tip.startsWith(title.replace(/[….]+$/, '').slice(0, 4))) title = tip;
  let pinned = /置顶/.test(title) || PIN_CLASS.test(classId(item)) || PIN_CLASS.test(classId(a));
  if (!pinned) walk(item, (n) => (isElement(n) && n.name === 'img' && PIN_IMG.test(`${attr(n, 'src') ?? ''} ${attr(n, 'alt') ?? ''}`) ? ((pinned = true), false) : true));
  title = title.replace(/^[\[【(（]?置顶[\]】)）]?\s*/, '').trim();
  if (!title) title = tip ?? '';
  const out: ListItem = { title, url, date: found?.date ?? null, dateTime: found?.time ? `${found.date}T${found.time}` : null, dateText, pinned };
  if (found?.kind === 'month-day') MONTH_DAY.add(out);
  return out;
}

function shiftYear(date: string, by: number): string {
  const y = Number(date.slice(0, 4)) + by;
  const md = date.slice(5);
  return md === '02-29' && !(y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0)) ? `${y}-02-28` : `${y}${date.slice(4)}`;
}

/**
 * Lists run newest first: a month-day date later than the item above it belongs to an earlier year
 * (a column spanning more than a year written as 06-09 … 06-09).
 */
function fixMonthDayYears(items: ListItem[]): void {
  let prev: string | null = null;
  for (const it of items) {
    if (it.pinned || !it.date) continue;
    if (prev && MONTH_DAY.has(it)) while (it.date > prev) it.date = shiftYear(it.date, -1);
    if (it.dateTime) it.dateTime = `${it.date}${it.dateTime.slice(10)}`;
    prev = it.date;
  }
}

function labelled(text: string, f: { index: number; text: string }): string {
  const before = text.slice(Math.max(0, f.index - 8), f.index);
  const m = /(发布时间|发布日期|更新时间|日期|时间)\s*[：:]\s*$/.exec(before);
  return m ? m[0] + f.text : f.text;
}

/** Leading items much older than the newest item below them are pinned (置顶) even without a marker. */
function markPinnedByDate(items: ListItem[]): void {
  const dated = items.filter((i) => i.date);
  if (dated.length < 3) return;
  for (let k = 0; k < Math.min(3, items.length - 2); k++) {
    const it = items[k];
    if (!it.date) break;
    const rest = items.slice(k + 1).filter((i) => i.date && !i.pinned);
    if (rest.length < 2) break;
    const newestRest = rest.map((i) => i.date!).sort().at(-1)!;
    if (dayDiff(newestRest, it.date) > PIN_GAP_DAYS && rest[0].date! >= rest[rest.length - 1].date!) it.pinned = true;
    else break;
  }
}

function scriptFill(ctx: PageContext, container: Element): { filled: boolean; data: Record<string, unknown>[] } {
  const id = attr(container, 'id');
  let script: string | null = null;
  for (let s = container.next; s; s = s.next) {
    if (isElement(s) && s.name === 'script') {
      script = s.children.map((c) => (c as unknown as { data?: string }).data ?? '').join('');
      break;
    }
    if (isElement(s) && s.name !== 'script') break;
  }
  const candidates = id ? ctx.scripts.filter((s) => scriptTargets(s).includes(id)) : [];
  const src = script && /appendChild|innerHTML|append\(|html\(|document\.write/.test(script) ? script : candidates.find((s) => /appendChild|innerHTML|append\(|html\(/.test(s)) ?? null;
  if (!src) return { filled: false, data: [] };
  return { filled: true, data: scriptArrays(src)[0] ?? [] };
}

function itemsFromData(ctx: PageContext, data: Record<string, unknown>[], dctx: DateContext): ListItem[] {
  const out: ListItem[] = [];
  for (const row of data) {
    const vals = Object.values(row).filter((v): v is string => typeof v === 'string');
    const url = vals.find((v) => /^(https?:)?\/|\.s?html?$|\.aspx?|\.jsp/.test(v));
    const dateVal = vals.find((v) => v !== url && findDates(v, dctx, { monthDay: false }).length > 0 && v.length <= 25);
    const title = vals.filter((v) => v !== url && v !== dateVal).sort((a, b) => b.length - a.length)[0];
    const abs = absolutise(url, ctx.url);
    if (!abs || !title) continue;
    const d = dateVal ? findDates(dateVal, dctx)[0] : null;
    out.push({ title, url: abs, date: d?.date ?? null, dateTime: d?.time ? `${d.date}T${d.time}` : null, dateText: dateVal ?? null, pinned: /置顶/.test(title) });
  }
  return out;
}

/** Year the page's own full dates point to (for month-day lists when no asOf is given). */
function pageYear(ctx: PageContext): number | undefined {
  const ys = findDates(ctx.mainText, {}, { monthDay: false }).map((d) => Number(d.date.slice(0, 4)));
  return ys.length ? Math.max(...ys) : undefined;
}

export function listsOf(ctx: PageContext, asOf?: string): ListBlock[] {
  const dctx: DateContext = asOf ? { asOf } : { contextYear: pageYear(ctx) };
  const drafts = new Map<Element, Draft>();
  const order: Element[] = [];
  walk(ctx.doc, (n: AnyNode) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'script' || n.name === 'style' || n.name === 'head') return false;
    const region = ctx.regionOf(n);
    if (region === 'nav' || region === 'footer' || region === 'breadcrumb' || region === 'friend-links') return false;
    if (n.name !== 'a') return true;
    const text = inlineText(n);
    const url = absolutise(attr(n, 'href'), ctx.url);
    if (!url || MORE.test(text.replace(/\s+/g, ''))) return false;
    const tip = attr(n, 'title') ?? '';
    if (text.length < 4 && !/\d{4}[\-/]\d{1,2}/.test(tip)) return false;
    const item = itemOf(n, null);
    const container = item.parent && isElement(item.parent) ? item.parent : null;
    if (!container) return false;
    let d = drafts.get(container);
    if (!d) {
      d = { container, items: [] };
      drafts.set(container, d);
      order.push(container);
    }
    d.items.push({ a: n, item });
    return false;
  });
  const blocks: ListBlock[] = [];
  const used = new Set<Element>();
  for (const c of order) {
    const d = drafts.get(c)!;
    const items: ListItem[] = [];
    for (const x of d.items) {
      const it = readItem(ctx, x.a, x.item, dctx);
      if (it) items.push(it);
    }
    const dated = items.filter((i) => i.date).length;
    const articleLike = items.filter((i) => ARTICLE_URL.test(i.url) && i.title.length >= 6).length;
    if (!items.length || (dated === 0 && (articleLike < Math.max(2, items.length / 2) || items.length < 2))) continue;
    if (dated === 0 && items.length < 3) continue;
    markPinnedByDate(items);
    fixMonthDayYears(items);
    const h = tabHeading(ctx, c) ?? headingOf(ctx, c);
    blocks.push({ heading: h.heading, moreUrl: h.moreUrl, container: 'static', items });
    used.add(c);
  }
  // empty containers: lists without items that carry a heading, a no-data note or a commented template
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'script' || n.name === 'style' || n.name === 'head') return false;
    const region = ctx.regionOf(n);
    if (region === 'nav' || region === 'footer' || region === 'breadcrumb') return false;
    if (used.has(n)) return false;
    const isList = n.name === 'ul' || n.name === 'ol' || n.name === 'tbody' || (n.name === 'table' && !n.children.some((c) => isElement(c) && c.name === 'tbody'));
    const ownText = n.children.filter((c) => c.type === 'text').map((c) => (c as unknown as { data: string }).data).join('').trim();
    const short = isList ? null : boundedText(n, 12);
    const noData = short !== null && NO_DATA.test(short) && (NO_DATA.test(ownText) || n.children.every((c) => !isElement(c)));
    if (!isList && !noData) return true;
    let hasLink = false;
    walk(n, (x) => (isElement(x) && x.name === 'a' && attr(x, 'href') ? ((hasLink = true), false) : !hasLink));
    if (hasLink) return true;
    if (noData) {
      const prev = n.prev && !isElement(n.prev) ? n.prev.prev : n.prev;
      if (prev && isElement(prev) && used.has(prev)) return false;
    }
    const template = n.children.some((c) => c.type === 'comment' && TEMPLATE_MARK.test((c as unknown as { data: string }).data))
      || (n.children.some(isElement) && (() => { let t = false; walk(n, (x) => (x.type === 'comment' && TEMPLATE_MARK.test((x as unknown as { data: string }).data) ? ((t = true), false) : true)); return t; })());
    const fill = isList ? scriptFill(ctx, n) : { filled: false, data: [] };
    const next = n.next && !isElement(n.next) ? n.next.next : n.next;
    const followedByNoData = !!next && isElement(next) && NO_DATA.test(boundedText(next, 12) ?? '');
    const listy = /list|news|data|lb|item/.test(classId(n));
    if (!(noData || template || fill.filled || followedByNoData || listy)) return false;
    const h = headingOf(ctx, n);
    const named = commentHeading(n);
    if (named) h.heading = named;
    if (!h.heading && !fill.filled && !followedByNoData && !template) return false;
    used.add(n);
    if (followedByNoData && next && isElement(next)) used.add(next);
    const items = fill.filled ? itemsFromData(ctx, fill.data, dctx) : [];
    if (items.length) markPinnedByDate(items);
    blocks.push({ heading: h.heading, moreUrl: h.moreUrl, container: fill.filled ? 'script-filled' : 'empty', items });
    return false;
  });
  return blocks;
}
