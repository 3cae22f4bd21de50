// analysePage: one fetched page (decoded HTML + URL) → the facts an inspector reads off it.
import { articleOf } from './article';
import { buildContext, type PageContext } from './context';
import { attr, inlineText, isElement, walk } from './dom';
import { footerLabels } from './footer';
import { loadLexicon } from './lexicon';
import { collectLinks, farmLinks } from './links';
import { listsOf } from './lists';
import { ARTICLE_URL, breadcrumbOf, navigationOf } from './navigation';
import { paginationOf } from './pagination';
import { formsIn, searchFormIn } from './forms';
import type { ListBlock, PageAnalysis, PageKind } from './types';

function metasOf(ctx: PageContext): { meta: Record<string, string>; all: { name: string; content: string }[] } {
  const meta: Record<string, string> = {};
  const all: { name: string; content: string }[] = [];
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'meta') {
      const name = attr(n, 'name') ?? attr(n, 'property') ?? attr(n, 'itemprop');
      const content = attr(n, 'content') ?? attr(n, 'value');
      if (name && content !== null) {
        all.push({ name, content });
        if (!(name in meta)) meta[name] = content;
      }
    }
    return true;
  });
  return { meta, all };
}

const HOME_PATH = /^\/(index|default|home|main)?(\.(s?html?|aspx?|jsp|php))?$/i;

function kindOf(url: string, title: string, meta: Record<string, string>, lists: ListBlock[], breadcrumb: string[] | null, hasArticleDate: boolean, pageCount: number | null, contentLen: number): PageKind {
  let u: URL | null = null;
  try {
    u = new URL(url);
  } catch {
    /* keep null */
  }
  const path = u?.pathname ?? '';
  if (/\/search(\/|\.|$)|\/s\/|fulltext|jansuo/i.test(path) || /^(搜索|检索|站内搜索)/.test(title)) return 'search';
  if (HOME_PATH.test(path) && !u?.search) return 'homepage';
  if (meta.ArticleTitle || meta.PubDate || meta.firstpublishedtime || (ARTICLE_URL.test(url) && (hasArticleDate || contentLen > 200))) return 'article';
  const items = lists.reduce((s, l) => s + l.items.length, 0);
  const moreBlocks = lists.filter((l) => l.moreUrl).length;
  if (moreBlocks >= 3 && !meta.ColumnName && !(breadcrumb && breadcrumb.length >= 2)) return 'homepage';
  if (pageCount || lists.some((l) => l.items.length >= 5 || l.container !== 'static') || (meta.ColumnName && items > 0)) return 'list';
  if (hasArticleDate && contentLen > 200) return 'article';
  if (meta.ColumnName || (breadcrumb && breadcrumb.length >= 2)) return 'single';
  return items > 0 ? 'list' : 'other';
}

export function analysePage(html: string, url: string, opts: { asOf?: string } = {}): PageAnalysis {
  const src = typeof html === 'string' ? html : '';
  const ctx = buildContext(src, url);
  const { meta, all } = metasOf(ctx);
  const collected = collectLinks(ctx);
  const links = collected.links;
  const titleEl = ctx.$('title').get(0);
  const title = titleEl ? inlineText(titleEl) : '';
  const breadcrumb = breadcrumbOf(ctx);
  const lists = listsOf(ctx, opts.asOf);
  const pagination = paginationOf(ctx);
  const art = articleOf(ctx, meta, links, opts.asOf);
  const pageKind = kindOf(url, title, meta, lists, breadcrumb, !!art.dateText, pagination.pageCount, art.bodyText.length);
  return {
    url,
    title,
    meta,
    metaAll: all,
    pageKind,
    breadcrumb,
    nav: navigationOf(ctx),
    lists,
    pagination,
    article: pageKind === 'article' ? art : null,
    footer: footerLabels(ctx, links, meta),
    links,
    hiddenLinks: farmLinks(collected, url, loadLexicon()),
    text: ctx.text,
    searchForm: searchFormIn(ctx),
    forms: formsIn(ctx),
  };
}

/** The article facts of any page, whatever its kind (for callers that know a page is an article). */
export function analyseArticle(html: string, url: string, opts: { asOf?: string } = {}) {
  const ctx = buildContext(typeof html === 'string' ? html : '', url);
  const { meta } = metasOf(ctx);
  return articleOf(ctx, meta, collectLinks(ctx).links, opts.asOf);
}
