import * as cheerio from 'cheerio';
import type { CrawledPage } from './types';

// TRS WCM writes its pagination from script only: createPageHTML(pageCount, currentIndex, "index", "html")
const TRS_PAGINATION = /createPageHTML\(\s*(\d+)\s*,\s*(\d+)\s*,\s*["']([\w-]+)["']\s*,\s*["'](\w+)["']\s*\)/g;
/** Pages a TRS list can have before we stop believing the script (a typo'd 999999 must not flood the queue). */
const TRS_MAX_PAGES = 500;

/** htmlparser2 through cheerio (HTML mode): several times faster than parse5 and as forgiving; this runs on every page. */
const FAST_HTML = { xml: { xmlMode: false, decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true } };

/**
 * Links a static page offers: `<a href>`, `<area href>`, `<iframe src>`, `<frame src>`, TRS script pagination;
 * relative to `<base href>` when there is one.
 */
export function extractLinks(page: CrawledPage): string[] {
  if (!page.html) return [];
  const $ = cheerio.load(page.html, FAST_HTML);
  const baseHref = $('base[href]').first().attr('href');
  let base = page.finalUrl;
  if (baseHref) {
    try {
      base = new URL(baseHref, page.finalUrl).toString();
    } catch {
      // an unusable <base> is ignored, as browsers do
    }
  }
  const out: string[] = [];
  const add = (href: string | undefined) => {
    if (href === undefined) return;
    const h = href.trim();
    if (!h || h.startsWith('#')) return;
    if (/^(javascript|mailto|tel|sms|data|vbscript|ftp|file|about|blob):/i.test(h)) {
      out.push(h);
      return;
    }
    try {
      out.push(new URL(h, base).toString());
    } catch {
      out.push(h); // the crawler records it as bad-url
    }
  };
  $('a[href], area[href], iframe[src], frame[src]').each((_, el) => add($(el).attr(el.tagName === 'a' || el.tagName === 'area' ? 'href' : 'src')));
  $('script:not([src])').each((_, el) => {
    const code = $(el).text();
    if (!code.includes('createPageHTML')) return;
    for (const m of code.matchAll(TRS_PAGINATION)) {
      const count = Math.min(Number(m[1]), TRS_MAX_PAGES);
      for (let i = 0; i < count; i++) add(i === 0 ? `${m[3]}.${m[4]}` : `${m[3]}_${i}.${m[4]}`);
    }
  });
  return out;
}

const DOM_WRITING = /createElement|appendChild|innerHTML|insertAdjacentHTML|document\.write/;

/**
 * The 'auto' render predicate: a list container left empty in the static HTML while an inline script writes DOM
 * (the jsFilled lists of many CMSs: an inline JSON array rendered into an empty `<ul>`).
 */
export function needsRender(page: CrawledPage): boolean {
  if (!page.html) return false;
  const $ = cheerio.load(page.html, FAST_HTML);
  const empty = $('ul, ol, tbody').filter((_, el) => $(el).children().length === 0).length > 0;
  if (!empty) return false;
  return $('script:not([src])')
    .toArray()
    .some((el) => DOM_WRITING.test($(el).text()));
}

const ATTACHMENT_EXT = /\.(docx?|xlsx?|pptx?|pdf|wps|et|ofd|zip|rar|7z|txt|csv)$/i;
export function isAttachmentUrl(url: string): boolean {
  try {
    return ATTACHMENT_EXT.test(new URL(url).pathname);
  } catch {
    return false;
  }
}
/** Links to these are resources, not pages; never worth a request from a page crawler. */
const ASSET_EXT = /\.(css|js|mjs|png|jpe?g|gif|bmp|webp|svg|ico|woff2?|ttf|eot|mp3|mp4|avi|flv|swf|wmv|mov|exe|apk|dmg|iso)$/i;
export function isAssetUrl(url: string): boolean {
  try {
    return ASSET_EXT.test(new URL(url).pathname);
  } catch {
    return false;
  }
}

export function isHtmlType(contentType: string | null): boolean {
  if (!contentType) return false;
  return /^(text\/html|application\/xhtml\+xml)/i.test(contentType);
}
