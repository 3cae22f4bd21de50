// Article facts: title, publication date (visible labelled date first, then meta), source, body text,
// attachments, related links, and the 信息公开 table.
import type { Element } from 'domhandler';
import { absolutise, attr, classId, inlineText, isElement, textOf, walk } from './dom';
import type { PageContext } from './context';
import { findDates, findLabelledDates, type DateContext } from './dates';
import type { ArticleFacts, PageLink } from './types';

export const ATTACHMENT_EXT = /\.(docx?|xlsx?|pdf|wps|et|dps|pptx?|zip|rar|7z|ofd|txt|csv)(\?|$)/i;
const CONTENT_HINT = /(^|[\s_-])(zoom|content|article-?body|article-?content|trs_editor|main-?txt|con_?txt|text|detail-?content|wzcon|contentbox|zw|zhengwen|newscontent|art_con|bt-content)($|[\s_-])|^zoom$|trs_editor|article-body|main-txt/i;
const INFO_LABELS = ['索引号', '主题分类', '发布机构', '成文日期', '文号', '发布日期', '发文机关', '发文字号', '生效日期', '有效性', '主题词', '信息分类', '公开方式', '标题', '名称', '组配分类', '体裁分类'];
const META_DATE_KEYS = ['PubDate', 'pubdate', 'publishdate', 'firstpublishedtime', 'article:published_time', 'og:release_date', 'publishtime', 'Maketime'];
const RELATED = /^(相关链接|相关解读|相关文件|相关政策|政策解读|原文链接|相关阅读|关联文件|解读文件)/;

function linkTextLen(el: Element): number {
  let n = 0;
  walk(el, (x) => {
    if (isElement(x) && x.name === 'a') {
      n += inlineText(x).length;
      return false;
    }
    return true;
  });
  return n;
}

/**
 * The article body: among hinted containers (#zoom, .content, .TRS_Editor …) the innermost one that still
 * holds most of the non-link text (wrappers like .main-content hold crumbs and tools too).
 */
function contentElement(ctx: PageContext): Element | null {
  const cands: { el: Element; total: number; own: number }[] = [];
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'script' || n.name === 'style' || n.name === 'head') return false;
    const r = ctx.regionOf(n);
    if (r === 'footer' || r === 'nav') return false;
    if (CONTENT_HINT.test(classId(n)) && !/title|list|nav|pannel/.test(classId(n))) {
      const total = textOf(n).length;
      cands.push({ el: n, total, own: total - linkTextLen(n) });
    }
    return true;
  });
  if (cands.length) {
    const max = Math.max(...cands.map((c) => c.own));
    if (max > 0) return cands.filter((c) => c.own >= 0.8 * max).sort((a, b) => a.total - b.total)[0].el;
  }
  // densest paragraph holder
  const score = new Map<Element, number>();
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'script' || n.name === 'style' || n.name === 'head') return false;
    if (n.name === 'p' && n.parent && isElement(n.parent)) score.set(n.parent, (score.get(n.parent) ?? 0) + inlineText(n).length);
    return true;
  });
  let best: Element | null = null;
  let bestLen = 0;
  for (const [el, s] of score) if (s > bestLen && ctx.regionOf(el) === 'body') (best = el), (bestLen = s);
  return best;
}

function infoTableOf(ctx: PageContext): Record<string, string> | null {
  const out: Record<string, string> = {};
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name !== 'td' && n.name !== 'th' && n.name !== 'dt' && n.name !== 'span' && n.name !== 'li' && n.name !== 'b' && n.name !== 'strong') return true;
    const raw = inlineText(n);
    const t = raw.replace(/[\s\u3000]+/g, '');
    const m = /^([\u4e00-\u9fa5]{2,6})[：:](.*)$/.exec(t);
    if (!m) return true;
    const label = m[1];
    if (!INFO_LABELS.includes(label)) return true;
    let value = m[2];
    if (!value) {
      let nx = n.next;
      while (nx && !isElement(nx)) nx = nx.next;
      value = nx && isElement(nx) ? inlineText(nx) : '';
    } else value = raw.replace(/^[^：:]*[：:]\s*/, '');
    if (!(label in out)) out[label] = value.trim();
    return false;
  });
  const known = Object.keys(out).filter((k) => ['索引号', '主题分类', '发布机构', '成文日期', '文号', '发文字号', '发布日期', '发文机关'].includes(k));
  return known.length >= 2 ? out : null;
}

function titleOf(ctx: PageContext, meta: Record<string, string>): string {
  if (meta.ArticleTitle) return meta.ArticleTitle.trim();
  const docTitle = inlineText(ctx.$('title').get(0) ?? ctx.doc).replace(/\s+/g, '');
  const cands: string[] = [];
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'script' || n.name === 'style' || n.name === 'head') return false;
    if (ctx.regionOf(n) !== 'body' || ctx.vis.of(n)) return false;
    if (['h1', 'h2', 'h3'].includes(n.name) || /(^|[\s_-])(title|con-title|art-?title|detail-?title|article-?title|tit)($|[\s_-])/.test(classId(n))) {
      const x = inlineText(n);
      if (x.length >= 4 && x.length <= 120) cands.push(x);
    }
    return true;
  });
  // the heading the <title> repeats is the article's own (sidebars have h2/h3 too)
  const echoed = cands.find((c) => c.replace(/\s+/g, '').length >= 6 && docTitle.includes(c.replace(/\s+/g, '').slice(0, 12)));
  if (echoed) return echoed;
  const seg = inlineText(ctx.$('title').get(0) ?? ctx.doc).split(/\s*(?:_|--|\s-\s|\|)\s*/)[0]?.trim();
  return seg || cands[0] || '';
}

export function articleOf(ctx: PageContext, meta: Record<string, string>, links: PageLink[], asOf?: string): ArticleFacts {
  const dctx: DateContext = asOf ? { asOf } : {};
  const content = contentElement(ctx);
  const bodyText = content ? textOf(content, (el) => ctx.vis.of(el) !== null) : '';
  const infoTable = infoTableOf(ctx);
  let publishedAt: string | null = null;
  let dateText: string | null = null;
  const labs = findLabelledDates(ctx.mainText, dctx).filter((d) => d.label !== '成文日期');
  // the same date written again with its time (info line after the 信息公开 table) is more precise
  const lab = labs[0] ? labs.find((d) => d.date === labs[0].date && d.time) ?? labs[0] : undefined;
  if (lab) {
    publishedAt = lab.time ? `${lab.date}T${lab.time}` : lab.date;
    dateText = lab.text.replace(/\s*\n\s*/g, '').replace(/\s+/g, ' ');
  } else if (infoTable?.['发布日期']) {
    const d = findDates(infoTable['发布日期'], dctx, { monthDay: false })[0];
    if (d) (publishedAt = d.time ? `${d.date}T${d.time}` : d.date), (dateText = `发布日期：${infoTable['发布日期']}`);
  }
  if (!publishedAt) {
    for (const k of META_DATE_KEYS) {
      const v = meta[k];
      if (!v) continue;
      const d = findDates(v, dctx, { monthDay: false })[0];
      if (d) {
        publishedAt = d.time ? `${d.date}T${d.time}` : d.date;
        dateText = null;
        break;
      }
    }
  }
  const sm = /(?:信息来源|文章来源|来源)\s*[：:]\s*([^\s|｜，,]+)/.exec(ctx.mainText);
  const source = sm ? sm[1] : meta.ContentSource || meta.contentSource || meta.source?.replace(/^来源[：:]/, '') || null;
  const attachments: string[] = [];
  const relatedLinks: { text: string; url: string }[] = [];
  const inContent = new Set<string>();
  if (content) {
    walk(content, (n) => {
      if (isElement(n) && n.name === 'a') {
        const u = absolutise(attr(n, 'href'), ctx.url);
        if (u) inContent.add(u);
        return false;
      }
      return true;
    });
  }
  const relatedBlocks = new Set<string>();
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'script' || n.name === 'style') return false;
    const first = n.children.find((c) => c.type === 'text' && (c as unknown as { data: string }).data.trim());
    if (first && RELATED.test((first as unknown as { data: string }).data.trim())) {
      walk(n, (x) => {
        if (isElement(x) && x.name === 'a') {
          const u = absolutise(attr(x, 'href'), ctx.url);
          if (u) relatedBlocks.add(u);
          return false;
        }
        return true;
      });
    }
    return true;
  });
  for (const l of links) {
    // a 相关链接： paragraph inside the article body is labelled like a friend-links block, yet it is the article's own link
    const articleLink = inContent.has(l.url) || relatedBlocks.has(l.url);
    if (l.hidden || !(l.region === 'body' || (l.region === 'friend-links' && articleLink))) continue;
    if (ATTACHMENT_EXT.test(new URL(l.url).pathname)) {
      if (!attachments.includes(l.url)) attachments.push(l.url);
    } else if ((inContent.has(l.url) || relatedBlocks.has(l.url)) && !relatedLinks.some((r) => r.url === l.url)) relatedLinks.push({ text: l.text, url: l.url });
  }
  return { title: titleOf(ctx, meta), publishedAt, dateText, source, bodyText, attachments, relatedLinks, infoTable };
}
