// Every link of a page (absolutised, with region and hiding technique), and the hidden links that are a
// link farm: hidden from readers, pointing outside the government web (isLinkFarmCandidate) and carrying a
// spam signal (hasFarmSignal). Links inside HTML comments are never reported.
import type { Element } from 'domhandler';
import { absolutise, attr, hostOf, inlineText, isElement, parseHtml, walk } from './dom';
import { buildContext, type PageContext } from './context';
import { loadLexicon, type Lexicon } from './lexicon';
import { hostMatches, isGovernmentHost, sameSite } from './scope';
import { hasSpamVocabulary } from './spam';
import { computeVisibility } from './styles';
import type { HiddenLink, HiddenTechnique, PageLink } from './types';

const BARE_URL = /\b(?:https?:\/\/|www\.)[a-z0-9][a-z0-9.\-]*\.[a-z]{2,}(?::\d+)?(?:\/[^\s"'<>，。、；）)]*)?/gi;

function linkText(el: Element): string {
  const t = inlineText(el);
  if (t) return t;
  let alt = '';
  walk(el, (n) => {
    if (alt || !isElement(n)) return !alt;
    if (n.name === 'img') alt = attr(n, 'alt') ?? attr(n, 'title') ?? '';
    return true;
  });
  return (alt || attr(el, 'title') || '').trim();
}

/** Links inside a fragment of markup (comment text, script-written HTML), plus bare URLs in its text. */
function fragmentLinks(markup: string, base: string): { url: string; text: string; hiddenInside: HiddenTechnique | null }[] {
  const out: { url: string; text: string; hiddenInside: HiddenTechnique | null }[] = [];
  const { doc, $ } = parseHtml(markup);
  const vis = computeVisibility($, doc);
  const seen = new Set<string>();
  walk(doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    const href = n.name === 'a' || n.name === 'area' ? attr(n, 'href') : n.name === 'iframe' || n.name === 'frame' ? attr(n, 'src') : null;
    const url = absolutise(href, base);
    if (url && !seen.has(url)) {
      seen.add(url);
      out.push({ url, text: linkText(n), hiddenInside: vis.of(n) });
    }
    return true;
  });
  const textOnly = markup.replace(/<[^>]*>/g, ' ');
  for (const m of textOnly.matchAll(BARE_URL)) {
    const url = absolutise(/^www\./i.test(m[0]) ? `http://${m[0]}` : m[0], base);
    if (url && !seen.has(url)) {
      seen.add(url);
      out.push({ url, text: m[0], hiddenInside: null });
    }
  }
  return out;
}

export interface CollectedLinks {
  links: PageLink[];
  /** Every hidden link with its technique, internal ones included (menus, tabs). */
  hidden: (HiddenLink & { region: PageLink['region']; revealed?: boolean })[];
}

/** Elements the page's own scripts address by id (pop-ups, tabs): hidden until a script shows them. */
function scriptRevealedIds(ctx: PageContext): Set<string> {
  const ids = new Set<string>();
  const all = ctx.scripts.join('\n');
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    const id = attr(n, 'id');
    if (id && id.length >= 3 && new RegExp(`['"#]${id.replace(/[^\w-]/g, '')}['"]`).test(all)) ids.add(id);
    return true;
  });
  return ids;
}

export function collectLinks(ctx: PageContext): CollectedLinks {
  const links: PageLink[] = [];
  const hidden: CollectedLinks['hidden'] = [];
  const revealedIds = scriptRevealedIds(ctx);
  const revealed = new Set<Element>();
  walk(ctx.doc, (n) => {
    if (!isElement(n)) return n.type === 'root';
    const id = attr(n, 'id');
    if ((id && revealedIds.has(id)) || (n.parent && revealed.has(n.parent as Element))) revealed.add(n);
    let href: string | null = null;
    if (n.name === 'a' || n.name === 'area') href = attr(n, 'href');
    else if (n.name === 'iframe' || n.name === 'frame') href = attr(n, 'src');
    const url = absolutise(href, ctx.url);
    const technique = ctx.vis.of(n);
    if (url) {
      const region = ctx.regionOf(n);
      const l: PageLink = { url, text: linkText(n), region, hidden: technique, rel: attr(n, 'rel') };
      links.push(l);
      if (technique) hidden.push({ url, text: l.text, technique, region, revealed: revealed.has(n) });
    }
    // bare URLs written as text inside hidden blocks (link farms without anchors)
    if (technique && n.children.some((c) => c.type === 'text' && /https?:\/\/|www\./i.test((c as unknown as { data: string }).data))) {
      for (const c of n.children) {
        if (c.type !== 'text') continue;
        for (const m of (c as unknown as { data: string }).data.matchAll(BARE_URL)) {
          const u = absolutise(/^www\./i.test(m[0]) ? `http://${m[0]}` : m[0], ctx.url);
          if (u) hidden.push({ url: u, text: m[0], technique, region: ctx.regionOf(n) });
        }
      }
    }
    return true;
  });
  for (const c of ctx.comments) {
    if (!/https?:\/\/|www\.|href\s*=/i.test(c)) continue;
    for (const f of fragmentLinks(c, ctx.url)) {
      links.push({ url: f.url, text: f.text, region: 'body', hidden: 'comment', rel: null });
      hidden.push({ url: f.url, text: f.text, technique: 'comment', region: 'body' });
    }
  }
  for (const s of ctx.scriptMarkup) {
    for (const f of fragmentLinks(s.markup, ctx.url)) {
      links.push({ url: f.url, text: f.text, region: 'body', hidden: 'js-write', rel: null });
      hidden.push({ url: f.url, text: f.text, technique: 'js-write', region: 'body' });
    }
  }
  return { links, hidden };
}

/**
 * A hidden link is link-farm material only when it leaves the government web: the page's own site
 * (dropdown sub-menus, tabs) and other government domains (.gov.cn) are navigation, and lexicon
 * `benignHidden` entries (conac badge, jiucuo, CMS signatures) are site furniture.
 */
export function isLinkFarmCandidate(url: string, pageUrl: string, lexicon: Lexicon): boolean {
  const host = hostOf(url);
  if (!host) return false;
  if (sameSite(url, pageUrl) || isGovernmentHost(host)) return false;
  for (const b of lexicon.benignHidden) {
    if (b.host && hostMatches(host, [b.host])) return false;
    if (b.urlContains && url.toLowerCase().includes(b.urlContains)) return false;
  }
  return true;
}

/**
 * What makes a hidden off-site link a link farm rather than site furniture (analytics, share widgets, CMS
 * vendor credits, hidden tabs of friend links): spam vocabulary in its anchor text, or a host under a TLD that
 * abuse reports single out (lexicon `hiddenLinkSignals`). Older lexicons without that entry: vocabulary only.
 */
export function hasFarmSignal(link: { url: string; text: string }, lexicon: Lexicon): boolean {
  if (hasSpamVocabulary(link.text, lexicon)) return true;
  const host = hostOf(link.url) ?? '';
  const tld = host.split('.').at(-1) ?? '';
  return (lexicon.hiddenLinkSignals?.abusedTlds ?? []).includes(tld);
}

export function farmLinks(collected: CollectedLinks, pageUrl: string, lexicon: Lexicon): HiddenLink[] {
  const seen = new Set<string>();
  const out: HiddenLink[] = [];
  // a target the page also links visibly is not hidden from readers (CMS copies of friend links)
  const visible = new Set(collected.links.filter((l) => !l.hidden).map((l) => l.url));
  for (const h of collected.hidden) {
    // commented-out markup is never rendered: old templates and disabled widgets, not links a visitor or a crawler follows
    if (h.technique === 'comment') continue;
    if (h.revealed || visible.has(h.url) || !isLinkFarmCandidate(h.url, pageUrl, lexicon) || !hasFarmSignal(h, lexicon)) continue;
    const key = `${h.url}\u0000${h.technique}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ url: h.url, text: h.text, technique: h.technique });
  }
  return out;
}

/** Hidden links of a page that point outside the government web (暗链), each with its hiding technique. */
export function findHiddenLinks(html: string, url: string, lexicon: Lexicon = loadLexicon()): HiddenLink[] {
  const ctx = buildContext(html ?? '', url);
  return farmLinks(collectLinks(ctx), url, lexicon);
}
