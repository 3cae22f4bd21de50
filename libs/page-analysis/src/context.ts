// One parsed page with everything detectors share: DOM, visibility, regions, script payloads.
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Document, Element } from 'domhandler';
import { classId, inlineText, isElement, parseHtml, textOf, walk } from './dom';
import { documentWrites, htmlAssignments } from './scripts';
import { computeVisibility, type Visibility } from './styles';
import type { LinkRegion } from './types';

export interface PageContext {
  html: string;
  url: string;
  doc: Document;
  $: CheerioAPI;
  vis: Visibility;
  crumbEl: Element | null;
  regionOf(el: AnyNode): LinkRegion;
  /** Inline script bodies, in document order. */
  scripts: string[];
  /** Comment texts, in document order. */
  comments: string[];
  /** Markup written by scripts (document.write, innerHTML). */
  scriptMarkup: { markup: string; via: 'document-write' | 'inner-html' }[];
  /** Visible text of the page. */
  text: string;
  /** Visible text outside nav, footer and breadcrumb. */
  mainText: string;
  footerText: string;
}

const CRUMB_RE = /crumb|bread|position|location|weizhi|dqwz|curpos|current-?path|lujing|dangqian|\bpath\b|\bwz\b|\bcru\b|mianbao/;
const CRUMB_LABEL = /^\s*(您现在的位置|您当前的位置|您的位置|当前位置|所在位置|当前栏目|现在位置|位置)\s*[：:]?/;
const FOOTER_RE = /foot|bottom|copyright|banquan|\bcopy\b|\bbq\b|\bdb\b|fbottom/;
const NAV_RE = /(^|[\s_-])(nav|navs|navbar|menu|menus|daohang|dh|lanmu|column-nav|subnav|sub-nav|mainnav|topnav|tbl_menu|dh_ci)(?=$|[\s_\-\d])|nav_|_nav|menu_|_menu|nav-|-nav|navigation/;
const FRIEND_RE = /friend|yqlj|lianjie|youqing|(^|[\s_-])links?($|[\s_-])|link-?list/;
const FRIEND_LABEL = /^\s*(友情链接|相关链接|网站链接|政府网站|链接)\s*[：:]?/;

function findCrumb(doc: Document, vis: Visibility): Element | null {
  let byClass: Element | null = null;
  let byLabel: Element | null = null;
  walk(doc, (n) => {
    if (byClass || !isElement(n)) return n.type === 'root' || isElement(n);
    if (n.name === 'script' || n.name === 'style' || n.name === 'head' || vis.of(n)) return false;
    if (CRUMB_RE.test(classId(n)) && !/foot|nav_|menu/.test(classId(n))) {
      const t = inlineText(n);
      if (t.length > 0 && t.length < 200 && (/[>›»＞→/]|&gt;/.test(t) || t.includes('首页'))) {
        byClass = n;
        return false;
      }
    }
    if (!byLabel && n.children.some((c) => c.type === 'text' && CRUMB_LABEL.test((c as unknown as { data: string }).data))) {
      // climb to the block that holds the trail's links
      let el: Element = n;
      for (let i = 0; i < 6 && el.parent && isElement(el.parent); i++) {
        const t = inlineText(el.parent);
        if (t.length > 250) break;
        el = el.parent;
        if (/首页/.test(t) && /[>›»＞→]/.test(t)) break;
      }
      byLabel = el;
    }
    return true;
  });
  return byClass ?? byLabel;
}

export function buildContext(html: string, url: string): PageContext {
  const { doc, $ } = parseHtml(html);
  const vis = computeVisibility($, doc);
  const crumbEl = findCrumb(doc, vis);
  const region = new Map<Element, LinkRegion>();
  const scripts: string[] = [];
  const comments: string[] = [];
  walk(doc, (n) => {
    if (n.type === 'comment') {
      comments.push((n as unknown as { data: string }).data);
      return false;
    }
    if (!isElement(n)) return n.type === 'root';
    if (n.name === 'script') {
      scripts.push(n.children.map((c) => (c as unknown as { data?: string }).data ?? '').join(''));
    }
    const parent = n.parent && isElement(n.parent) ? region.get(n.parent) : undefined;
    let r: LinkRegion = parent ?? 'body';
    if (n === crumbEl) r = 'breadcrumb';
    else if (r !== 'breadcrumb' && r !== 'footer') {
      const ci = classId(n);
      if (n.name === 'footer' || FOOTER_RE.test(ci)) r = 'footer';
      else if (r === 'body' && (n.name === 'nav' || NAV_RE.test(ci))) r = 'nav';
      else if (r === 'body' && FRIEND_RE.test(ci)) r = 'friend-links';
      else if (r === 'body' && n.children[0]?.type === 'text' && FRIEND_LABEL.test((n.children[0] as unknown as { data: string }).data)) r = 'friend-links';
      else if (r === 'body' && n.children.some((c) => isElement(c) && ['span', 'strong', 'b', 'h3', 'h4'].includes(c.name) && FRIEND_LABEL.test(inlineText(c)) && inlineText(c).length < 8)) r = 'friend-links';
    }
    region.set(n, r);
    return true;
  });
  const scriptMarkup: PageContext['scriptMarkup'] = [];
  for (const s of scripts) {
    for (const m of documentWrites(s)) scriptMarkup.push({ markup: m, via: 'document-write' });
    for (const m of htmlAssignments(s)) scriptMarkup.push({ markup: m, via: 'inner-html' });
  }
  const hidden = (el: Element) => vis.of(el) !== null;
  // the whole document, not <body>: pages with a stray </html> mid-file keep their footer after it
  const text = textOf(doc, hidden);
  const skipMain = (el: Element) => hidden(el) || (region.get(el) ?? 'body') !== 'body';
  const mainText = textOf(doc, skipMain);
  const footerEls: Element[] = [];
  walk(doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    if (region.get(n) === 'footer') {
      footerEls.push(n);
      return false;
    }
    return true;
  });
  const footerText = footerEls.map((e) => textOf(e, hidden)).filter(Boolean).join('\n');
  return {
    html, url, doc, $, vis, crumbEl, scripts, comments, scriptMarkup, text, mainText, footerText,
    regionOf(el: AnyNode) {
      let p: AnyNode | null = el;
      while (p && !isElement(p)) p = p.parent;
      return p ? region.get(p) ?? 'body' : 'body';
    },
  };
}
